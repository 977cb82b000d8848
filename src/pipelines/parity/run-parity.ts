import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../../common/value.ts";
import { duckDbTypeOf } from "../../connectors/duckdb/duckdb-type.ts";
import { appendRows, fromDuckDB } from "../../connectors/duckdb/typed-rows.ts";
import { generateRetail, type RetailDataSetName, type RetailRatios } from "../../connectors/retail/index.ts";
import { createEngine, type Engine, SqlError } from "../../engine/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { renderFinding } from "../project/findings.ts";
import { loadProject } from "../project/load-project.ts";
import type { Project } from "../project/model.ts";
import { type Column, compareRows, type RowDifference } from "./compare-rows.ts";
import { projectStatements } from "./project-script.ts";
import { type RawTableLayout, rawRow, rawTableLayouts } from "./raw-tables.ts";

export interface ParityOptions {
  /** The project folder (examples/c360). */
  readonly dir: string;
  /** The table compared: its streaming contents against the batch query of the same name. */
  readonly view: string;
  /** The DuckDB script defining `view`; default `<dir>/batch/<view>.sql`. */
  readonly batchSql?: string;
  readonly customers?: number;
  readonly seed?: number;
  /** Generator ratios (e.g. transactions per customer), for runs at scale; the seed's by default. */
  readonly ratios?: Partial<RetailRatios>;
  /** Differences listed in the result (all are counted); default 50. */
  readonly maxDifferences?: number;
}

export interface ParityResult {
  readonly view: string;
  readonly customers: number;
  /** Raw records fed to both sides. */
  readonly records: number;
  /** The engine's clock and the batch query's `now`, epoch ms. */
  readonly now: number;
  readonly streamingRows: number;
  readonly batchRows: number;
  readonly differenceCount: number;
  readonly differences: readonly RowDifference[];
  readonly millis: { readonly streaming: number; readonly batch: number };
}

/** Why parity could not be checked at all (as opposed to differences found). */
export class ParityError extends Error {
  override name = "ParityError";
}

/** A raw table's layout and the records parity feeds it. */
interface RawTable extends RawTableLayout {
  readonly rows: Row[];
  readonly times: number[];
}

/**
 * Batch parity: the project's streaming pipeline on the embedded engine against its batch
 * definition on DuckDB, over the same generated records. Every raw record (seeded retail data with
 * duplicates, late updates and NULLs; malformed records would be dead-lettered before either side
 * sees them, so none are generated) goes to both; once the streams are consumed, the view must equal
 * the batch query row for row. Both sides read "now" from the same clock: the generator's as-of time.
 */
export async function runParity(options: ParityOptions): Promise<ParityResult> {
  const project = loadProject(options.dir);
  const errors = project.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new ParityError(errors.map((f) => renderFinding(f)).join("\n"));
  const view = project.tables.get(options.view)?.schema;
  if (!view) throw new ParityError(`table '${options.view}' is not declared in ${options.dir}`);
  const batchPath = options.batchSql ?? join(options.dir, "batch", `${options.view}.sql`);
  if (!existsSync(batchPath)) throw new ParityError(`no batch definition at ${batchPath}`);

  const customers = options.customers ?? 15;
  const generation = generateRetail({
    customers,
    seed: options.seed ?? 1,
    dirt: { malformedRate: 0 },
    ...(options.ratios ? { ratios: options.ratios } : {}),
  });
  const now = generation.plan.asOf;
  const raw = rawTables(project);
  let records = 0;
  for (const event of generation) {
    const table = raw.get(event.dataSet);
    if (!table) continue;
    table.rows.push(rawRow(table, event));
    table.times.push(event.eventTime);
    records++;
  }

  const started = performance.now();
  const streaming = await runStreaming(project, raw, now, view);
  const streamed = performance.now();
  const batch = await runBatch(raw, now, readFileSync(batchPath, "utf8"), options.view, streaming.columns);
  const finished = performance.now();

  const differences = compareRows(streaming.columns, streaming.key, streaming.rows, batch);
  return {
    view: options.view,
    customers,
    records,
    now,
    streamingRows: streaming.rows.length,
    batchRows: batch.length,
    differenceCount: differences.length,
    differences: differences.slice(0, options.maxDifferences ?? 50),
    millis: { streaming: streamed - started, batch: finished - streamed },
  };
}

function rawTables(project: Project): Map<RetailDataSetName, RawTable> {
  const found = rawTableLayouts(project);
  if ("problem" in found) throw new ParityError(found.problem);
  return new Map([...found.layouts].map(([name, layout]) => [name, { ...layout, rows: [], times: [] }]));
}

async function runStreaming(
  project: Project,
  raw: ReadonlyMap<RetailDataSetName, RawTable>,
  now: number,
  view: TableSchema,
): Promise<{ columns: Column[]; key: number[]; rows: Row[] }> {
  const engine = createEngine({ clock: () => now });
  for (const statement of projectStatements(project)) {
    try {
      // Statements only start jobs; nothing is read until the raw rows arrive below.
      await engine.executeScript(statement.sql, statement.file);
    } catch (error) {
      throw new ParityError(error instanceof SqlError ? error.message : String(error));
    }
  }
  for (const table of raw.values()) {
    const name = table.schema.path[2];
    for (let i = 0; i < table.rows.length; i++)
      engine.insertRows(name, [table.rows[i]!], { timestamp: table.times[i]! });
  }
  engine.runBounded();
  failOnJobErrors(engine);
  const stored = engine.table(view.path[2]);
  const columns = stored.columns.map((c) => ({ name: c.name, type: c.type }));
  const key = stored.primaryKey.map((k) => columns.findIndex((c) => c.name === k));
  if (key.length === 0) throw new ParityError(`table '${view.path[2]}' needs a primary key to compare by`);
  return { columns, key, rows: stored.rows() };
}

function failOnJobErrors(engine: Engine): void {
  const failures = engine.jobs.flatMap((job) => (job.error ? [job.error.message] : []));
  if (failures.length > 0) throw new ParityError(failures.join("\n\n"));
}

async function runBatch(
  raw: ReadonlyMap<RetailDataSetName, RawTable>,
  now: number,
  script: string,
  view: string,
  columns: readonly Column[],
): Promise<Row[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    for (const table of raw.values()) {
      const name = table.schema.path[2];
      const stored = table.schema.columns.filter((c) => c.origin === "physical");
      const defs = stored.map((c) => `"${c.name}" ${duckDbTypeOf(c.type).toString()}`);
      await connection.run(
        `CREATE TABLE "${name}" (${[...defs, "_rowtime TIMESTAMP", "_seq BIGINT"].join(", ")})`,
      );
      const appender = await connection.createAppender(name);
      const rowtime: DataType = { kind: "TIMESTAMP", precision: 3, nullable: false };
      const seq: DataType = { kind: "BIGINT", nullable: false };
      appendRows(
        appender,
        [...table.types, rowtime, seq],
        table.rows.map((row, i) => [...row, table.times[i]!, i]),
      );
      appender.closeSync();
    }
    await connection.run(`CREATE TABLE clock AS SELECT epoch_ms(${now}::BIGINT) AS now`);
    await connection.run(script);
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    const reader = await connection.runAndReadAll(`SELECT ${names} FROM "${view}"`);
    return reader.getRows().map((row) => row.map((value, i) => fromDuckDB(value, columns[i]!.type)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
