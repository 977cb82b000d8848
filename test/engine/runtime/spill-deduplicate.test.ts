// Deduplication state beyond its memory budget spills to disk with the same results: keep-first and
// keep-last on processing time and on rowtime over 20,000 keys with a 32 KB budget (the spill files
// pass ten times that), changelogs equal to the in-memory run's, final tables equal to DuckDB's; a
// snapshot taken while most keys are on disk restores into an operator that continues exactly as an
// uninterrupted run, and state TTL expires spilled keys as it does keys in memory.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { orderingOperator, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";
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

// `i` is the arrival order; `ts` a permutation of 0..ROWS-1 (7919 is prime to ROWS), so rowtimes never
// tie; the watermark stays an hour behind, so no row is late.
const DDL = `CREATE TABLE t (i INT, k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) WITH ('connector' = 'headwater')`;

function rows(): Row[] {
  const next = random(11);
  const out: Row[] = [];
  for (let i = 0; i < ROWS; i++)
    out.push([i, Math.floor(next() * KEYS), Math.floor(next() * 1000), (i * 7919) % ROWS]);
  return out;
}

const dedup = (order: string) =>
  `SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ${order}) AS rn FROM t) WHERE rn = 1`;

/** Each deduplication and the DuckDB query giving its final table. */
const CASES = [
  {
    name: "keep first on processing time",
    sql: dedup("pt"),
    duck: "SELECT k, arg_min(v, i) FROM t GROUP BY k",
  },
  {
    name: "keep last on processing time",
    sql: dedup("pt DESC"),
    duck: "SELECT k, arg_max(v, i) FROM t GROUP BY k",
  },
  { name: "keep first on rowtime", sql: dedup("ts"), duck: "SELECT k, arg_min(v, ts) FROM t GROUP BY k" },
  { name: "keep last on rowtime", sql: dedup("ts DESC"), duck: "SELECT k, arg_max(v, ts) FROM t GROUP BY k" },
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  await loadDuck(duck, "t", "i INTEGER, k INTEGER, v INTEGER, ts INTEGER", rows());
});
afterAll(() => duck.closeSync());

describe("deduplication state beyond the memory budget spills to disk", () => {
  const inserts: Insert[] = rows().map((row) => ({ table: "t", row }));
  for (const c of CASES)
    it(`${c.name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const dir = tempDir();
      const inMemory = await runWithBudget(DDL, c.sql, inserts, undefined, path.join(dir, "none"));
      const spilled = await runWithBudget(DDL, c.sql, inserts, BUDGET, path.join(dir, "spill"));
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table).toHaveLength(new Set(rows().map((r) => r[1])).size);
      expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(c.duck)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

const OPERATOR_DDL =
  "CREATE TABLE t (k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')";
/** Small enough that all but the operator's few most recent keys go to disk. */
const SMALL_BUDGET = 1024;

/** 2,000 keys, each seen three times, with clock ticks between rounds (state TTL counts them). */
function steps(): Step[] {
  const next = random(3);
  const out: Step[] = [];
  for (let round = 0; round < 3; round++) {
    out.push({ now: round * 100 });
    for (let k = 0; k < 2000; k++) {
      // Some keys skip a round: with a TTL shorter than a round they expire and start over.
      if ((k + round) % 3 === 0) continue;
      out.push({ row: [k, Math.floor(next() * 100), Math.floor(next() * 10_000), round * 100] });
    }
  }
  out.push({ now: 1000 });
  return out;
}

describe("deduplication snapshots with spilled state", () => {
  for (const c of CASES)
    it(`${c.name}: restored from a snapshot taken with most keys on disk, continues as an uninterrupted run`, async () => {
      const harness = await orderingOperator(OPERATOR_DDL, c.sql);
      const all = steps();
      expectRestoredMidwayLikeStraight(harness, all, SMALL_BUDGET);
    });

  for (const c of CASES)
    it(`${c.name}: state TTL expires spilled keys as it does keys in memory`, async () => {
      const harness = await orderingOperator(OPERATOR_DDL, c.sql, { stateTtl: 150 });
      const inMemory: Emitted[] = [];
      harness.clock.now = 0;
      run(harness.create(inMemory), steps(), harness.clock);

      const spill = new StateSpill(path.join(tempDir(), "spill"), SMALL_BUDGET);
      const spilled: Emitted[] = [];
      harness.clock.now = 0;
      run(harness.create(spilled, spill), steps(), harness.clock);
      expect(spilled).toEqual(inMemory);
      // Expired keys are gone from disk too: after the last tick every key is past its TTL.
      expect(spill.spilledEntries).toBe(0);
      spill.close();
    });
});
