import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, formatValue } from "../../../src/engine/index.ts";
import { finalRows, random, randomChanges, randomQuery, type TableRow } from "./random-queries.ts";

/**
 * The engine's materialized result against DuckDB's batch answer on the table's final contents.
 * The engine sees the changes as a stream (inserts, updates by primary key, deletes), so every
 * aggregate is exercised with retraction. HEADWATER_SOAK=1 runs many more seeds.
 */
const SEEDS = process.env.HEADWATER_SOAK === "1" ? 2000 : 60;
const QUERIES_PER_TABLE = 5;

const DDL = "CREATE TABLE t (id INT, k1 STRING, k2 INT, v INT, w INT, PRIMARY KEY (id) NOT ENFORCED)";

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

function normalize(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function ours(value: SqlValue): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value === null ? "NULL" : formatValue(value);
}

async function duckRows(rows: readonly TableRow[], sql: string): Promise<string[]> {
  await duck.run("DROP TABLE IF EXISTS t");
  await duck.run("CREATE TABLE t (id INTEGER PRIMARY KEY, k1 VARCHAR, k2 INTEGER, v INTEGER, w INTEGER)");
  if (rows.length > 0) {
    const values = rows.map((r) => `(${r[0]}, '${r[1]}', ${r[2]}, ${r[3] ?? "NULL"}, ${r[4]})`).join(", ");
    await duck.run(`INSERT INTO t VALUES ${values}`);
  }
  const reader = await duck.runAndReadAll(sql);
  return reader.getRows().map((r) => r.map(normalize).join("|"));
}

describe("differential: engine vs DuckDB", () => {
  it(`agrees on ${SEEDS} random tables × ${QUERIES_PER_TABLE} queries`, async () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed);
      const changes = randomChanges(rand, 5 + Math.floor(rand() * 60));
      const queries = Array.from({ length: QUERIES_PER_TABLE }, () => randomQuery(rand));
      const engine = createEngine({ clock: () => 0 });
      await engine.execute(DDL);
      const results = [];
      for (const sql of queries) {
        const result = await engine.execute(sql);
        if (result.kind !== "query") throw new Error("not a query");
        results.push(result);
      }
      engine.insertRows("t", changes.upserts);
      engine.deleteRows(
        "t",
        changes.deletes.map((id) => [id, "", 0, null, 0]),
      );
      engine.runUntilIdle();
      const final = finalRows(changes);
      for (const [i, sql] of queries.entries()) {
        const result = results[i]!;
        if (result.error) {
          mismatches.push(`seed ${seed}: ${sql}\n  failed: ${result.error.message}`);
          continue;
        }
        const mine = result
          .table()
          .map((r) => r.map(ours).join("|"))
          .sort();
        const theirs = (await duckRows(final, sql)).sort();
        if (mine.join("\n") !== theirs.join("\n"))
          mismatches.push(
            `seed ${seed}: ${sql}\n  engine: ${mine.join("; ")}\n  duckdb: ${theirs.join("; ")}`,
          );
      }
    }
    expect(mismatches.slice(0, 5).join("\n\n")).toBe("");
  });
});
