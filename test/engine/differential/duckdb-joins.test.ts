import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, formatValue } from "../../../src/engine/index.ts";
import {
  finalTables,
  type IntRow,
  JOIN_TABLES,
  random,
  randomJoinQuery,
  randomSteps,
  type Step,
  type TableName,
} from "./join-queries.ts";

/**
 * Joins and subqueries: the engine's materialized result against DuckDB's answer on the tables' final
 * contents. The engine gets the changes as a stream, in batches, so both sides of each join
 * interleave, with updates and deletes of primary-key tables. A mismatch is shrunk to the fewest
 * changes that still show it. HEADWATER_SOAK=1 runs many more seeds.
 */
const SEEDS = process.env.HEADWATER_SOAK === "1" ? 1500 : 40;
const QUERIES_PER_SEED = 6;

const DDL = Object.entries(JOIN_TABLES).map(([name, t]) => {
  const columns = t.columns.map((c) => `${c} INT`).join(", ");
  const key = t.primaryKey ? ", PRIMARY KEY (id) NOT ENFORCED" : "";
  return `CREATE TABLE ${name} (${columns}${key}) WITH ('connector' = 'headwater')`;
});

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

const text = (v: unknown): string =>
  v === null || v === undefined ? "NULL" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);

async function engineRows(
  steps: readonly Step[],
  sql: string,
  batches: readonly number[],
): Promise<string[]> {
  const engine = createEngine({ clock: () => 0 });
  await engine.executeScript(DDL.join(";\n"));
  const result = await engine.execute(sql);
  if (result.kind !== "query") throw new Error("not a query");
  let at = 0;
  for (const size of batches) {
    for (const step of steps.slice(at, at + size)) {
      if (step.kind === "delete") engine.deleteRows(step.table, [step.row]);
      else engine.insertRows(step.table, [step.row]);
    }
    at += size;
    engine.runUntilIdle();
  }
  if (result.error) return [`failed: ${result.error.message}`];
  return result
    .table()
    .map((r) =>
      r
        .map((v: SqlValue) => (v === null ? "NULL" : text(typeof v === "boolean" ? v : formatValue(v))))
        .join("|"),
    )
    .sort();
}

async function duckRows(steps: readonly Step[], sql: string): Promise<string[]> {
  const tables = finalTables(steps);
  for (const [name, t] of Object.entries(JOIN_TABLES)) {
    await duck.run(`DROP TABLE IF EXISTS ${name}`);
    await duck.run(`CREATE TABLE ${name} (${t.columns.map((c) => `${c} INTEGER`).join(", ")})`);
    const rows = tables[name as TableName];
    if (rows.length > 0)
      await duck.run(
        `INSERT INTO ${name} VALUES ${rows.map((r: IntRow) => `(${r.map(text).join(", ")})`).join(", ")}`,
      );
  }
  const reader = await duck.runAndReadAll(sql);
  return reader
    .getRows()
    .map((r) => r.map(text).join("|"))
    .sort();
}

/** Batch sizes covering `count` changes, so the engine sees them in several rounds. */
function batches(rand: () => number, count: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; ) {
    const size = Math.min(left, 1 + Math.floor(rand() * 6));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * The fewest changes (removing chunks, then single changes) for which the engine still disagrees with
 * DuckDB; fed one change per round.
 */
async function shrink(steps: Step[], sql: string): Promise<Step[]> {
  const fails = async (candidate: Step[]): Promise<boolean> => {
    const one = candidate.map(() => 1);
    return (await engineRows(candidate, sql, one)).join("\n") !== (await duckRows(candidate, sql)).join("\n");
  };
  let current = steps;
  if (!(await fails(current))) return current;
  for (let chunk = Math.ceil(current.length / 2); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < current.length; ) {
      const candidate = [...current.slice(0, start), ...current.slice(start + chunk)];
      if (await fails(candidate)) current = candidate;
      else start += chunk;
    }
  }
  return current;
}

describe("differential: joins and subqueries vs DuckDB", () => {
  it(`agrees on ${SEEDS} random change streams × ${QUERIES_PER_SEED} queries`, async () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS && mismatches.length < 3; seed++) {
      const rand = random(seed * 7 + 3);
      const steps = randomSteps(rand, 10 + Math.floor(rand() * 40));
      for (let q = 0; q < QUERIES_PER_SEED; q++) {
        const { sql, nonEmpty } = randomJoinQuery(rand);
        if (nonEmpty && finalTables(steps)[nonEmpty].length === 0) continue;
        const mine = await engineRows(steps, sql, batches(rand, steps.length));
        const theirs = await duckRows(steps, sql);
        if (mine.join("\n") === theirs.join("\n")) continue;
        const minimal = await shrink(steps, sql);
        const changes = minimal.map((s) => `${s.kind} ${s.table} (${s.row.map(text).join(", ")})`);
        const again = await engineRows(
          minimal,
          sql,
          minimal.map(() => 1),
        );
        mismatches.push(
          `seed ${seed}: ${sql}\n  changes: ${changes.join("; ")}\n  engine: ${again.join("; ")}\n  duckdb: ${(await duckRows(minimal, sql)).join("; ")}`,
        );
      }
    }
    expect(mismatches.join("\n\n")).toBe("");
  });
});
