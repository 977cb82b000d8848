// The random aggregation queries of the DuckDB differential (test/engine/differential), run at
// parallelism 2 over a changelog of inserts, updates and deletes: each materialized result must
// equal DuckDB's batch answer on the table's final contents.
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, type Engine, formatValue, type QueryResult } from "../../../src/engine/index.ts";
import { finalRows, random, randomChanges, randomQuery } from "../differential/random-queries.ts";

const SEEDS = process.env.HEADWATER_SOAK === "1" ? 500 : 25;
const QUERIES_PER_TABLE = 5;
const DDL = "CREATE TABLE t (id INT, k1 STRING, k2 INT, v INT, w INT, PRIMARY KEY (id) NOT ENFORCED)";

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
let engine: Engine;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  engine = createEngine({ clock: () => 0, parallelism: 2 });
});
afterAll(async () => {
  duck.closeSync();
  await engine.close();
});

const text = (value: unknown): string =>
  value === null || value === undefined
    ? "NULL"
    : typeof value === "boolean"
      ? value
        ? "TRUE"
        : "FALSE"
      : typeof value === "bigint"
        ? String(value)
        : String(value);

describe("differential at parallelism 2: engine vs DuckDB", () => {
  it(`agrees on ${SEEDS} random tables × ${QUERIES_PER_TABLE} queries`, async () => {
    const mismatches: string[] = [];
    // Queries that ran keyed operators on the workers: the test must exercise the exchanges.
    let partitioned = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed);
      const changes = randomChanges(rand, 5 + Math.floor(rand() * 60));
      const queries = Array.from({ length: QUERIES_PER_TABLE }, () => randomQuery(rand));
      await engine.execute("DROP TABLE IF EXISTS t");
      await engine.execute(DDL);
      const results: QueryResult[] = [];
      for (const sql of queries) {
        results.push((await engine.execute(sql)) as QueryResult);
        const plan = (await engine.execute(`EXPLAIN ${sql}`)) as { plan: string };
        if (plan.plan.includes("Exchange(distribution=[hash[")) partitioned++;
      }
      engine.insertRows("t", changes.upserts);
      engine.deleteRows(
        "t",
        changes.deletes.map((id) => [id, "", 0, null, 0]),
      );
      await engine.settle();
      await duck.run("DROP TABLE IF EXISTS t");
      await duck.run("CREATE TABLE t (id INTEGER PRIMARY KEY, k1 VARCHAR, k2 INTEGER, v INTEGER, w INTEGER)");
      const final = finalRows(changes);
      if (final.length > 0)
        await duck.run(
          `INSERT INTO t VALUES ${final.map((r) => `(${r[0]}, '${r[1]}', ${r[2]}, ${r[3] ?? "NULL"}, ${r[4]})`).join(", ")}`,
        );
      for (const [i, sql] of queries.entries()) {
        const result = results[i]!;
        result.cancel();
        if (result.error) {
          mismatches.push(`seed ${seed}: ${sql}\n  failed: ${result.error.message}`);
          continue;
        }
        const mine = result
          .table()
          .map((r) =>
            r
              .map((v: SqlValue) => (typeof v === "boolean" || v === null ? text(v) : formatValue(v)))
              .join("|"),
          )
          .sort();
        const theirs = (await duck.runAndReadAll(sql))
          .getRows()
          .map((r) => r.map(text).join("|"))
          .sort();
        if (mine.join("\n") !== theirs.join("\n"))
          mismatches.push(
            `seed ${seed}: ${sql}\n  engine: ${mine.join("; ")}\n  duckdb: ${theirs.join("; ")}`,
          );
      }
    }
    expect(mismatches.slice(0, 5).join("\n\n")).toBe("");
    expect(partitioned).toBeGreaterThan((SEEDS * QUERIES_PER_TABLE) / 2);
  }, 600_000);
});
