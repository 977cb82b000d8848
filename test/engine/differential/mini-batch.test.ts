import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";
import { random, randomChanges, randomQuery } from "./random-queries.ts";

/**
 * Mini-batch on against mini-batch off, the engine's row-at-a-time aggregation being DuckDB's equal
 * (duckdb.test.ts): the same random queries over the same random change streams (inserts, updates by
 * primary key, deletes), fed in chunks so that bundles end at various points, end in the same tables.
 */
const SEEDS = 40;
const QUERIES_PER_TABLE = 5;
const DDL = "CREATE TABLE t (id INT, k1 STRING, k2 INT, v INT, w INT, PRIMARY KEY (id) NOT ENFORCED)";

describe("differential: mini-batch aggregation vs row at a time", () => {
  it(`agrees on ${SEEDS} random change streams × ${QUERIES_PER_TABLE} queries`, async () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed);
      const changes = randomChanges(rand, 5 + Math.floor(rand() * 60));
      const queries = Array.from({ length: QUERIES_PER_TABLE }, () => randomQuery(rand));
      const size = 1 + Math.floor(rand() * 8);
      const chunk = 1 + Math.floor(rand() * 10);
      const run = async (settings: string) => {
        const engine = createEngine({ clock: () => 0 });
        await engine.execute(`${settings}${DDL}`);
        const results: QueryResult[] = [];
        for (const sql of queries) results.push((await engine.execute(sql)) as QueryResult);
        for (let i = 0; i < changes.upserts.length; i += chunk) {
          engine.insertRows("t", changes.upserts.slice(i, i + chunk));
          engine.runUntilIdle();
        }
        engine.deleteRows(
          "t",
          changes.deletes.map((id) => [id, "", 0, null, 0]),
        );
        engine.runUntilIdle();
        return results.map((r) =>
          r.error ? `failed: ${r.error.message}` : r.table().map(String).sort().join("; "),
        );
      };
      const plain = await run("");
      const batched = await run(
        `SET 'table.exec.mini-batch.enabled' = 'true'; SET 'table.exec.mini-batch.allow-latency' = '1 s'; SET 'table.exec.mini-batch.size' = '${size}';\n`,
      );
      for (const [i, sql] of queries.entries())
        if (batched[i] !== plain[i])
          mismatches.push(
            `seed ${seed}, size ${size}: ${sql}\n  mini-batch: ${batched[i]}\n  row at a time: ${plain[i]}`,
          );
    }
    expect(mismatches.slice(0, 5).join("\n\n")).toBe("");
  });
});
