import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { duckDbTypeOf } from "../../../src/connectors/duckdb/duckdb-type.ts";
import { appendRows } from "../../../src/connectors/duckdb/typed-rows.ts";
import { generateRetail } from "../../../src/connectors/retail/index.ts";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import { loadProject, projectStatements, rawRow, rawTableLayouts } from "../../../src/pipelines/index.ts";
import { C360_TABLES } from "../../../src/serve/c360/index.ts";

export const C360_DIR = join(import.meta.dirname, "..", "..", "..", "examples", "c360");

/** An engine with the tables the business endpoints read, created from the project's DDL, empty. */
export async function emptyC360Engine(): Promise<Engine> {
  const project = loadProject(C360_DIR);
  const engine = createEngine();
  for (const name of C360_TABLES) {
    const file = project.tables.get(name)!.ddlRef!;
    await engine.execute(readFileSync(join(C360_DIR, file), "utf8"), file);
  }
  return engine;
}

export interface C360Data {
  /** An engine holding the view and the transaction-grain tables, filled with the rows below. */
  readonly engine: Engine;
  /** The generator's as-of time: the clock the view's judgements were made at. */
  readonly now: number;
  /** DuckDB holding exactly the engine's current rows of the same tables, for oracle queries. */
  readonly oracle: DuckDBConnection;
  /** Reloads the oracle's tables from the engine's current rows (after the test changed them). */
  syncOracle(): Promise<void>;
  close(): void;
}

/**
 * Generated retail data for `customers` customers run through examples/c360's pipeline on the engine
 * (every statement of the project, fed every raw record, at the generator's as-of time): the view and
 * the transaction-grain tables the business endpoints read, as the live product holds them.
 */
export async function c360Data(customers: number, seed: number): Promise<C360Data> {
  const project = loadProject(C360_DIR);
  const generation = generateRetail({ customers, seed, dirt: { malformedRate: 0 } });
  const now = generation.plan.asOf;
  const found = rawTableLayouts(project);
  if ("problem" in found) throw new Error(found.problem);
  const engine = createEngine({ clock: () => now });
  for (const statement of projectStatements(project))
    await engine.executeScript(statement.sql, statement.file);
  for (const event of generation) {
    const layout = found.layouts.get(event.dataSet);
    if (layout) engine.insertRows(layout.name, [rawRow(layout, event)], { timestamp: event.eventTime });
  }
  engine.runUntilIdle();
  const failed = engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
  if (failed.length > 0) throw new Error(failed.join("\n"));

  const oracle = await (await DuckDBInstance.create(":memory:")).connect();
  const syncOracle = async () => {
    for (const name of C360_TABLES) {
      const table = engine.table(name);
      const defs = table.columns.map((c) => `"${c.name}" ${duckDbTypeOf(c.type).toString()}`);
      await oracle.run(`CREATE OR REPLACE TABLE ${name} (${defs.join(", ")})`);
      const appender = await oracle.createAppender(name);
      appendRows(
        appender,
        table.columns.map((c) => c.type),
        table.rows(),
      );
      appender.closeSync();
    }
  };
  await syncOracle();
  return { engine, now, oracle, syncOracle, close: () => oracle.closeSync() };
}
