// OVER aggregate state beyond its memory budget spills to disk, partition by partition, with the same
// results: ROWS and RANGE frames, unbounded and bounded, on rowtime and processing time, over 20,000
// partitions with a 32 KB budget (the spill files pass ten times that), changelogs equal to the
// in-memory run's, final tables equal to DuckDB's window functions; a snapshot taken with most
// partitions on disk restores into an operator that continues exactly as an uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { MAX_WATERMARK } from "../../../src/engine/runtime/time/watermark.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { orderingOperator, type Step } from "./ordering-operator.ts";
import {
  duckRows,
  expectRestoredMidwayLikeStraight,
  type Insert,
  loadDuck,
  runWithBudget,
} from "./spill-run.ts";

const KEYS = 20_000;
const ROWS = 60_000;
const BUDGET = 32 * 1024;

// Row i arrives at a second that grows every four rows, up to 4 s early, so rowtimes come out of
// order and tie now and then; the watermark stays an hour behind, so no row is late and thousands
// wait for it at any time.
const DDL = `CREATE TABLE t (i INT, k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) WITH ('connector' = 'headwater')`;

function rows(): Row[] {
  const next = random(53);
  return Array.from({ length: ROWS }, (_, i) => [
    i,
    Math.floor(next() * KEYS),
    Math.floor(next() * 1000),
    10_000 + Math.floor(i / 4) * 1000 - Math.floor(next() * 5) * 1000,
  ]);
}

/** The engine's OVER query and DuckDB's for one frame; Flink emits rows of one rowtime in arrival order. */
function overCase(name: string, order: string, frame: string, duckOrder: string, duckFrame: string) {
  const calls = (w: string) => `COUNT(*) OVER ${w}, SUM(v) OVER ${w}, MAX(v) OVER ${w}, MIN(v) OVER ${w}`;
  return {
    name,
    sql: `SELECT i, k, ${calls(`(PARTITION BY k ORDER BY ${order} ${frame})`)} FROM t`,
    duck: `SELECT i, k, ${calls(`(PARTITION BY k ORDER BY ${duckOrder} ${duckFrame})`)} FROM t`,
  };
}

const UNBOUNDED_ROWS = "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW";
const CASES = [
  overCase("rowtime ROWS UNBOUNDED PRECEDING", "ts", UNBOUNDED_ROWS, "ts, i", UNBOUNDED_ROWS),
  overCase(
    "rowtime RANGE UNBOUNDED PRECEDING",
    "ts",
    "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
    "ts",
    "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
  ),
  overCase(
    "rowtime ROWS 5 PRECEDING",
    "ts",
    "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW",
    "ts, i",
    "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW",
  ),
  overCase(
    "rowtime RANGE 10 s PRECEDING",
    "ts",
    "RANGE BETWEEN INTERVAL '10' SECOND PRECEDING AND CURRENT ROW",
    "ts",
    "RANGE BETWEEN 10000 PRECEDING AND CURRENT ROW",
  ),
  // The engine's clock stands still: processing-time rows go out at once, in arrival order.
  overCase("proctime ROWS UNBOUNDED PRECEDING", "pt", UNBOUNDED_ROWS, "i", UNBOUNDED_ROWS),
  overCase(
    "proctime ROWS 5 PRECEDING",
    "pt",
    "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW",
    "i",
    "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW",
  ),
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  await loadDuck(duck, "t", "i INTEGER, k INTEGER, v INTEGER, ts BIGINT", rows());
});
afterAll(() => duck.closeSync());

describe("OVER aggregate state beyond the memory budget spills to disk", () => {
  const inserts: Insert[] = rows().map((row) => ({ table: "t", row }));
  for (const c of CASES)
    it(`${c.name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const dir = tempDir();
      const options = { end: true };
      const inMemory = await runWithBudget(DDL, c.sql, inserts, undefined, path.join(dir, "none"), options);
      const spilled = await runWithBudget(DDL, c.sql, inserts, BUDGET, path.join(dir, "spill"), options);
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(ROWS);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(c.duck)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

/** Small enough that all but the operator's few most recent partitions go to disk. */
const SMALL_BUDGET = 1024;
const OPERATOR_DDL = `CREATE TABLE t (k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')`;

/**
 * 9,000 rows (k, v, ts, pt) over 3,000 keys at growing rowtimes 10 ms apart; every 50 rows the
 * clock moves 100 ms (processing-time frames), every 100 rows the watermark comes 20 s behind the
 * last rowtime.
 */
function operatorSteps(): Step[] {
  const next = random(59);
  const out: Step[] = [];
  for (let j = 0; j < 9000; j++) {
    const ts = 1000 + j * 10;
    const now = Math.floor(j / 50) * 100;
    if (j % 50 === 0) out.push({ now });
    out.push({ row: [Math.floor(next() * 3000), Math.floor(next() * 1000), ts, now] });
    if (j % 100 === 99) out.push({ watermark: ts - 20_000 });
  }
  out.push({ now: 100_000 }, { watermark: MAX_WATERMARK });
  return out;
}

const over = (order: string, frame: string) =>
  `SELECT k, v, COUNT(*) OVER w, SUM(v) OVER w, MAX(v) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ${order} ${frame})`;

const OPERATORS = [
  { name: "rowtime ROWS UNBOUNDED PRECEDING", sql: over("ts", UNBOUNDED_ROWS) },
  { name: "rowtime RANGE UNBOUNDED PRECEDING", sql: over("ts", "RANGE UNBOUNDED PRECEDING") },
  { name: "rowtime ROWS 5 PRECEDING", sql: over("ts", "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW") },
  {
    name: "rowtime RANGE 30 s PRECEDING",
    sql: over("ts", "RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND CURRENT ROW"),
  },
  { name: "proctime ROWS UNBOUNDED PRECEDING", sql: over("pt", UNBOUNDED_ROWS) },
  { name: "proctime ROWS 5 PRECEDING", sql: over("pt", "ROWS BETWEEN 5 PRECEDING AND CURRENT ROW") },
  {
    name: "proctime RANGE 1 s PRECEDING",
    sql: over("pt", "RANGE BETWEEN INTERVAL '1' SECOND PRECEDING AND CURRENT ROW"),
  },
];

describe("OVER aggregate snapshots with spilled partitions", () => {
  for (const o of OPERATORS)
    it(`${o.name}: restored from a snapshot taken with most partitions on disk, continues as an uninterrupted run`, async () => {
      const harness = await orderingOperator(OPERATOR_DDL, o.sql);
      const all = operatorSteps();
      const straight = expectRestoredMidwayLikeStraight(harness, all, SMALL_BUDGET);
      expect(straight.filter((e) => e[0] === "+I").length).toBeGreaterThan(8000);
    });
});
