import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createEngine, formatValue, type QueryResult } from "../../../src/engine/index.ts";
import { finalRows, random, randomChanges } from "./random-queries.ts";

/**
 * Deduplication, Top-N and OVER aggregation: the engine's final result equals DuckDB's batch answer
 * on the same rows. Ranks are ordered by unique keys (or are RANK/DENSE_RANK, equal on ties), so
 * the answer does not depend on arrival order. HEADWATER_SOAK=1 runs many more seeds.
 */
const SEEDS = process.env.HEADWATER_SOAK === "1" ? 1000 : 25;

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

function normalize(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return String(value);
}

function ours(value: SqlValue): string {
  return value === null ? "NULL" : formatValue(value);
}

async function duckRows(sql: string): Promise<string[]> {
  const reader = await duck.runAndReadAll(sql);
  return reader
    .getRows()
    .map((r) => r.map(normalize).join("|"))
    .sort();
}

function mine(result: QueryResult): string[] {
  if (result.error) throw result.error;
  return result
    .table()
    .map((r) => r.map(ours).join("|"))
    .sort();
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Top-N and ranking queries over the keyed table t(id, k1, k2, v, w), which takes updates and deletes. */
function keyedQuery(rand: () => number): string {
  const partition = pick(rand, ["PARTITION BY k1 ", "PARTITION BY k2 ", "PARTITION BY k1, k2 ", ""]);
  const n = 1 + Math.floor(rand() * 4);
  const rowNumberOrder = pick(rand, ["w DESC, id", "w, id DESC", "k2 DESC, w, id"]);
  const rankOrder = pick(rand, ["w DESC", "k2", "w % 7, k2 DESC"]);
  return pick(rand, [
    `SELECT * FROM (SELECT id, k1, w, ROW_NUMBER() OVER (${partition}ORDER BY ${rowNumberOrder}) AS rn FROM t) WHERE rn <= ${n}`,
    `SELECT id, k1, k2 FROM (SELECT *, ROW_NUMBER() OVER (${partition}ORDER BY ${rowNumberOrder}) AS rn FROM t) WHERE rn <= ${n}`,
    `SELECT id, w FROM (SELECT *, ROW_NUMBER() OVER (${partition}ORDER BY ${rowNumberOrder}) AS rn FROM t) WHERE rn BETWEEN 2 AND ${n + 1}`,
    `SELECT * FROM (SELECT id, k2, w, RANK() OVER (${partition}ORDER BY ${rankOrder}) AS r FROM t) WHERE r <= ${n}`,
    `SELECT * FROM (SELECT id, k1, w, DENSE_RANK() OVER (${partition}ORDER BY ${rankOrder}) AS r FROM t) WHERE r <= ${n}`,
    `SELECT k1, s FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY s DESC, k1) AS rn FROM (SELECT k1, SUM(w) AS s FROM t GROUP BY k1)) WHERE rn <= 2`,
  ]);
}

/** e(id, k, v, ts): an append-only stream with a distinct rowtime per row, out of order. */
type Event = [number, string, number, number];

function randomEvents(rand: () => number, count: number): Event[] {
  const times = Array.from({ length: count }, (_, i) => 1_000 + i * 1_000);
  for (let i = times.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [times[i], times[j]] = [times[j]!, times[i]!];
  }
  return times.map((ts, i) => [i, pick(rand, ["a", "b", "c"]), Math.floor(rand() * 20) - 5, ts]);
}

function appendQuery(rand: () => number): { sql: string; preloaded: boolean } {
  const n = 1 + Math.floor(rand() * 3);
  const preceding = Math.floor(rand() * 4);
  const seconds = 1 + Math.floor(rand() * 5);
  const agg = pick(rand, ["SUM(v)", "COUNT(*)", "MIN(v)", "MAX(v)", "COUNT(v)"]);
  return pick(rand, [
    {
      sql: "SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM e) WHERE rn = 1",
      preloaded: false,
    },
    {
      sql: "SELECT id, k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM e) WHERE rn = 1",
      preloaded: false,
    },
    {
      sql: `SELECT * FROM (SELECT id, k, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC, id) AS rn FROM e) WHERE rn <= ${n}`,
      preloaded: false,
    },
    {
      sql: `SELECT id, v FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v, id DESC) AS rn FROM e) WHERE rn <= ${n}`,
      preloaded: false,
    },
    {
      sql: `SELECT * FROM (SELECT id, k, RANK() OVER (PARTITION BY k ORDER BY v DESC) AS r FROM e) WHERE r <= ${n}`,
      preloaded: false,
    },
    {
      sql: `SELECT * FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY c DESC, k) AS rn FROM (SELECT k, COUNT(*) AS c FROM e GROUP BY k)) WHERE rn <= 2`,
      preloaded: false,
    },
    {
      sql: `SELECT id, ${agg} OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN ${preceding} PRECEDING AND CURRENT ROW) FROM e`,
      preloaded: true,
    },
    {
      sql: `SELECT id, ${agg} OVER (PARTITION BY k ORDER BY ts ROWS UNBOUNDED PRECEDING) FROM e`,
      preloaded: true,
    },
    {
      sql: `SELECT id, ${agg} OVER (ORDER BY ts RANGE BETWEEN INTERVAL '${seconds}' SECOND PRECEDING AND CURRENT ROW) FROM e`,
      preloaded: true,
    },
    { sql: `SELECT id, ${agg} OVER (PARTITION BY k ORDER BY ts) FROM e`, preloaded: true },
  ]);
}

describe("differential: ordering operators vs DuckDB", () => {
  it(`Top-N and ranks over a keyed table with updates and deletes (${SEEDS} seeds)`, async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed * 7919);
      const changes = randomChanges(rand, 5 + Math.floor(rand() * 40));
      const queries = Array.from({ length: 4 }, () => keyedQuery(rand));
      const engine = createEngine({ clock: () => 0 });
      await engine.execute(
        "CREATE TABLE t (id INT, k1 STRING, k2 INT, v INT, w INT, PRIMARY KEY (id) NOT ENFORCED)",
      );
      const results = await Promise.all(queries.map(async (q) => (await engine.execute(q)) as QueryResult));
      // Rows arrive in a few batches, each a run of the engine: ranks move as they come.
      for (let i = 0; i < changes.upserts.length; i += 7) {
        engine.insertRows("t", changes.upserts.slice(i, i + 7));
        engine.runUntilIdle();
      }
      engine.deleteRows(
        "t",
        changes.deletes.map((id) => [id, "", 0, null, 0]),
      );
      engine.runUntilIdle();
      await duck.run("DROP TABLE IF EXISTS t");
      await duck.run("CREATE TABLE t (id INTEGER PRIMARY KEY, k1 VARCHAR, k2 INTEGER, v INTEGER, w INTEGER)");
      const rows = finalRows(changes);
      if (rows.length > 0)
        await duck.run(
          `INSERT INTO t VALUES ${rows.map((r) => `(${r[0]}, '${r[1]}', ${r[2]}, ${r[3] ?? "NULL"}, ${r[4]})`).join(", ")}`,
        );
      for (const [i, sql] of queries.entries()) {
        const a = mine(results[i]!);
        const b = await duckRows(sql);
        compared += b.length;
        if (a.join("\n") !== b.join("\n"))
          mismatches.push(`seed ${seed}: ${sql}\n  engine: ${a.join("; ")}\n  duckdb: ${b.join("; ")}`);
      }
    }
    expect(mismatches.slice(0, 3).join("\n\n")).toBe("");
    expect(compared).toBeGreaterThan(SEEDS * 4);
  });

  it(`deduplication, Top-N and OVER over an append-only stream (${SEEDS} seeds)`, async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rand = random(seed * 104729);
      const events = randomEvents(rand, 3 + Math.floor(rand() * 30));
      const queries = Array.from({ length: 4 }, () => appendQuery(rand));
      const engine = createEngine({ clock: () => 0 });
      await engine.execute(
        "CREATE TABLE e (id INT, k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'headwater')",
      );
      const toRow = (e: Event) => [e[0], e[1], e[2], e[3]];
      // Streaming queries see the rows in batches; OVER queries start after all rows are there, so
      // none arrives behind the watermark (DuckDB has no late rows to drop).
      const streaming = await Promise.all(
        queries.map(async (q) => (q.preloaded ? undefined : ((await engine.execute(q.sql)) as QueryResult))),
      );
      for (let i = 0; i < events.length; i += 5) {
        engine.insertRows("e", events.slice(i, i + 5).map(toRow));
        engine.runUntilIdle();
      }
      const results = await Promise.all(
        queries.map(async (q, i) => streaming[i] ?? ((await engine.execute(q.sql)) as QueryResult)),
      );
      engine.runBounded();
      await duck.run("DROP TABLE IF EXISTS e");
      await duck.run("CREATE TABLE e (id INTEGER, k VARCHAR, v INTEGER, ts TIMESTAMP)");
      await duck.run(
        `INSERT INTO e VALUES ${events.map((ev) => `(${ev[0]}, '${ev[1]}', ${ev[2]}, make_timestamp(${ev[3]}::BIGINT * 1000))`).join(", ")}`,
      );
      for (const [i, q] of queries.entries()) {
        const a = mine(results[i]!);
        const b = await duckRows(q.sql);
        compared += b.length;
        if (a.join("\n") !== b.join("\n"))
          mismatches.push(`seed ${seed}: ${q.sql}\n  engine: ${a.join("; ")}\n  duckdb: ${b.join("; ")}`);
      }
    }
    expect(mismatches.slice(0, 3).join("\n\n")).toBe("");
    expect(compared).toBeGreaterThan(SEEDS * 4);
  });
});
