/**
 * Final results of windowed queries against DuckDB on the same rows. DuckDB has no window TVFs: each
 * query's windows are spelled out with integer arithmetic on epoch milliseconds (a TUMBLE start is
 * `ts - (ts - offset) % size`, a HOP row is repeated per window, a session starts where the gap to the
 * previous row exceeds the gap). The engine sees the rows in time order, so none is late, and its
 * bounded run fires every window. HEADWATER_SOAK=1 runs many more seeds.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";
import { random } from "../differential/random-queries.ts";

const SEEDS = process.env.HEADWATER_SOAK === "1" ? 200 : 12;
const BASE = Date.UTC(2024, 0, 1);

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());

/** k STRING, v INT (nullable), ts: epoch ms, ascending. */
type Event = [string, number | null, number];

function events(rand: () => number): Event[] {
  const out: Event[] = [];
  let ts = BASE + Math.floor(rand() * 5000);
  const count = 20 + Math.floor(rand() * 150);
  for (let i = 0; i < count; i++) {
    // Mostly short steps, sometimes a long pause (sessions end, windows stay empty).
    ts += rand() < 0.1 ? 5000 + Math.floor(rand() * 40_000) : Math.floor(rand() * 1500);
    out.push([
      ["a", "b", "c"][Math.floor(rand() * 3)]!,
      rand() < 0.1 ? null : Math.floor(rand() * 50) - 10,
      ts,
    ]);
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly flink: string;
  /** The same result over DuckDB's table `e(k, v, ts)` with ts in epoch milliseconds. */
  readonly duckdb: string;
}

const AGGREGATES = "COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v)";
const DUCK_AGGREGATES = "COUNT(*), COUNT(v), SUM(v), MIN(v), MAX(v), COUNT(DISTINCT v)";

const CASES: readonly Case[] = [
  {
    name: "TUMBLE 10 s per key",
    flink: `SELECT k, window_start, window_end, ${AGGREGATES} FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: `SELECT k, ts - ts % 10000 AS s, ts - ts % 10000 + 10000, ${DUCK_AGGREGATES} FROM e GROUP BY k, s`,
  },
  {
    name: "TUMBLE 7 s with a 2 s offset, all keys",
    flink: `SELECT window_start, window_end, ${AGGREGATES} FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '7' SECOND, INTERVAL '2' SECOND)) GROUP BY window_start, window_end`,
    duckdb: `SELECT ts - (ts - 2000) % 7000 AS s, ts - (ts - 2000) % 7000 + 7000, ${DUCK_AGGREGATES} FROM e GROUP BY s`,
  },
  {
    name: "HOP 12 s sliding by 4 s per key",
    flink: `SELECT k, window_start, window_end, ${AGGREGATES} FROM TABLE(HOP(TABLE e, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '12' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: `SELECT k, s, s + 12000, ${DUCK_AGGREGATES}
      FROM (SELECT k, v, ts - ts % 4000 - i * 4000 AS s FROM e CROSS JOIN range(3) AS r(i))
      GROUP BY k, s`,
  },
  {
    name: "CUMULATE up to 20 s by 5 s",
    flink: `SELECT window_start, window_end, ${AGGREGATES} FROM TABLE(CUMULATE(TABLE e, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '20' SECOND)) GROUP BY window_start, window_end`,
    duckdb: `SELECT s, t, ${DUCK_AGGREGATES}
      FROM (SELECT v, ts - ts % 20000 AS s, ts - ts % 5000 + 5000 + i * 5000 AS t FROM e CROSS JOIN range(4) AS r(i))
      WHERE t <= s + 20000
      GROUP BY s, t`,
  },
  {
    name: "SESSION with a 3 s gap per key",
    flink: `SELECT k, window_start, window_end, ${AGGREGATES} FROM TABLE(SESSION(TABLE e PARTITION BY k, DESCRIPTOR(ts), INTERVAL '3' SECOND)) GROUP BY k, window_start, window_end`,
    duckdb: `WITH gaps AS (
        SELECT k, v, ts, ts - LAG(ts) OVER (PARTITION BY k ORDER BY ts) AS gap FROM e
      ), numbered AS (
        SELECT k, v, ts, SUM(CASE WHEN gap IS NULL OR gap > 3000 THEN 1 ELSE 0 END) OVER (PARTITION BY k ORDER BY ts) AS session FROM gaps
      )
      SELECT k, MIN(ts), MAX(ts) + 3000, ${DUCK_AGGREGATES} FROM numbered GROUP BY k, session`,
  },
  {
    name: "legacy GROUP BY SESSION per key",
    flink: `SELECT k, SESSION_START(ts, INTERVAL '3' SECOND), SESSION_END(ts, INTERVAL '3' SECOND), ${AGGREGATES} FROM e GROUP BY k, SESSION(ts, INTERVAL '3' SECOND)`,
    duckdb: `WITH gaps AS (
        SELECT k, v, ts, ts - LAG(ts) OVER (PARTITION BY k ORDER BY ts) AS gap FROM e
      ), numbered AS (
        SELECT k, v, ts, SUM(CASE WHEN gap IS NULL OR gap > 3000 THEN 1 ELSE 0 END) OVER (PARTITION BY k ORDER BY ts) AS session FROM gaps
      )
      SELECT k, MIN(ts), MAX(ts) + 3000, ${DUCK_AGGREGATES} FROM numbered GROUP BY k, session`,
  },
  {
    name: "window join of per-key TUMBLE counts with the all-key maximum (Nexmark q5's shape)",
    flink: `SELECT p.k, p.n, p.window_start FROM
      (SELECT k, window_start, window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end) p
      JOIN
      (SELECT window_start, window_end, MAX(n) AS m FROM (
        SELECT k, window_start, window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND)) GROUP BY k, window_start, window_end)
       GROUP BY window_start, window_end) m
      ON p.window_start = m.window_start AND p.window_end = m.window_end AND p.n >= m.m`,
    duckdb: `WITH counts AS (SELECT k, ts - ts % 10000 AS s, COUNT(*) AS n FROM e GROUP BY k, s)
      SELECT c.k, c.n, c.s FROM counts c JOIN (SELECT s, MAX(n) AS m FROM counts GROUP BY s) x ON c.s = x.s AND c.n >= x.m`,
  },
  {
    name: "window Top-3 per key by v DESC (NULLs last) with the rank number",
    flink: `SELECT k, v, ts, window_start, rn FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY v DESC, ts) AS rn
      FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn <= 3`,
    duckdb: `SELECT k, v, ts, s, rn FROM (SELECT k, v, ts, ts - ts % 10000 AS s,
      ROW_NUMBER() OVER (PARTITION BY k, ts - ts % 10000 ORDER BY v DESC NULLS LAST, ts) AS rn FROM e) WHERE rn <= 3`,
  },
  {
    name: "window ranks 2 to 3 of all keys by v (NULLs first) over HOP",
    flink: `SELECT k, v, ts, window_start FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY v, ts, k) AS rn
      FROM TABLE(HOP(TABLE e, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '12' SECOND))) WHERE rn BETWEEN 2 AND 3`,
    duckdb: `SELECT k, v, ts, s FROM (SELECT k, v, ts, s, ROW_NUMBER() OVER (PARTITION BY s ORDER BY v NULLS FIRST, ts, k) AS rn
      FROM (SELECT k, v, ts, ts - ts % 4000 - i * 4000 AS s FROM e CROSS JOIN range(3) AS r(i))) WHERE rn BETWEEN 2 AND 3`,
  },
  {
    // rowid is DuckDB's insertion order, the order the engine reads the rows in: it breaks rowtime ties.
    name: "window deduplication, keep last per key",
    flink: `SELECT k, v, ts, window_start FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY ts DESC) AS rn
      FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn = 1`,
    duckdb: `SELECT k, v, ts, s FROM (SELECT k, v, ts, ts - ts % 10000 AS s,
      ROW_NUMBER() OVER (PARTITION BY k, ts - ts % 10000 ORDER BY ts DESC, rowid DESC) AS rn FROM e) WHERE rn = 1`,
  },
  {
    name: "window deduplication, keep first per key",
    flink: `SELECT k, v, ts, window_start FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, k ORDER BY ts) AS rn
      FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND))) WHERE rn <= 1`,
    duckdb: `SELECT k, v, ts, s FROM (SELECT k, v, ts, ts - ts % 10000 AS s,
      ROW_NUMBER() OVER (PARTITION BY k, ts - ts % 10000 ORDER BY ts, rowid) AS rn FROM e) WHERE rn = 1`,
  },
  {
    name: "window Top-1 over a window aggregate: the busiest key per window",
    flink: `SELECT k, n, window_start FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY n DESC, k) AS rn
      FROM (SELECT k, window_start, window_end, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE e, DESCRIPTOR(ts), INTERVAL '10' SECOND))
        GROUP BY k, window_start, window_end)) WHERE rn <= 1`,
    duckdb: `SELECT k, n, s FROM (SELECT k, n, s, ROW_NUMBER() OVER (PARTITION BY s ORDER BY n DESC, k) AS rn
      FROM (SELECT k, ts - ts % 10000 AS s, COUNT(*) AS n FROM e GROUP BY k, s)) WHERE rn = 1`,
  },
];

async function engineRows(rows: readonly Event[], sql: string): Promise<string[]> {
  const engine = createEngine({ clock: () => BASE });
  await engine.execute(
    "CREATE TABLE e (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)",
  );
  const result = (await engine.execute(sql)) as QueryResult;
  engine.insertRows("e", rows as unknown as Row[]);
  engine.runBounded();
  if (result.error) throw result.error;
  expect(new Set(result.changelog().map((c) => c.kind))).toEqual(new Set(["+I"]));
  return result.table().map((row) => row.map(text).join("|"));
}

async function duckRows(rows: readonly Event[], sql: string): Promise<string[]> {
  await duck.run("DROP TABLE IF EXISTS e");
  await duck.run("CREATE TABLE e (k VARCHAR, v INTEGER, ts BIGINT)");
  await duck.run(
    `INSERT INTO e VALUES ${rows.map(([k, v, ts]) => `('${k}', ${v ?? "NULL"}, ${ts})`).join(", ")}`,
  );
  const reader = await duck.runAndReadAll(sql);
  return reader.getRows().map((row) => row.map((v) => text(v as SqlValue)).join("|"));
}

function text(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return "NULL";
  return String(value);
}

describe("windows: engine vs DuckDB", () => {
  for (const c of CASES) {
    it(`${c.name} agrees on ${SEEDS} random streams`, async () => {
      for (let seed = 1; seed <= SEEDS; seed++) {
        const rows = events(random(seed * 7919));
        const mine = (await engineRows(rows, c.flink)).sort();
        const theirs = (await duckRows(rows, c.duckdb)).sort();
        expect(mine.length).toBeGreaterThan(0);
        expect(mine, `seed ${seed}`).toEqual(theirs);
      }
    });
  }
});
