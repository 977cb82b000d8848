// Temporal sort state (rows waiting for the watermark or the clock) beyond its memory budget spills to
// disk with the same results: an ORDER BY rowtime over 60,000 rows with thousands of timestamps waiting
// at a 32 KB budget (the spill files pass ten times that) emits the in-memory run's changelog, in
// DuckDB's ORDER BY order; an ORDER BY proctime burst of 20,000 rows within one millisecond waits on
// disk and goes out in DuckDB's order; snapshots taken with over 1,000 entries on disk restore into an
// operator that continues exactly as an uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { MAX_WATERMARK } from "../../../src/engine/runtime/time/watermark.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { orderingOperator, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";
import { expectRestoredMidwayLikeStraight, type Insert, loadDuck, runWithBudget } from "./spill-run.ts";

const ROWS = 60_000;
const BUDGET = 32 * 1024;

// Row i at a second that grows every four rows, up to 4 s early; the watermark an hour behind holds
// back some 14,000 rows over 3,600 timestamps at any time, and no row is late.
const DDL = `CREATE TABLE t (i INT, k INT, v INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' HOUR) WITH ('connector' = 'headwater')`;

function rows(): Row[] {
  const next = random(61);
  return Array.from({ length: ROWS }, (_, i) => [
    i,
    Math.floor(next() * 20_000),
    Math.floor(next() * 100),
    10_000 + Math.floor(i / 4) * 1000 - Math.floor(next() * 5) * 1000,
  ]);
}

/** A burst per clock tick: 20,000 rows (k, v, ts, pt) at processing time 0, 20,000 more at 1. */
function burstSteps(): Step[] {
  const next = random(67);
  const out: Step[] = [];
  for (let batch = 0; batch < 2; batch++) {
    out.push({ now: batch });
    for (let j = 0; j < 20_000; j++) out.push({ row: [j, Math.floor(next() * 100), j, batch] });
  }
  out.push({ now: 2 });
  return out;
}

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  await loadDuck(duck, "t", "i INTEGER, k INTEGER, v INTEGER, ts BIGINT", rows());
  const burst = burstSteps().flatMap((s, at) => ("row" in s ? [[at, ...s.row]] : []));
  await loadDuck(duck, "burst", "seq INTEGER, k INTEGER, v INTEGER, ts INTEGER, pt INTEGER", burst);
});
afterAll(() => duck.closeSync());

/** DuckDB's rows in its order, as the engine's changelog text. */
async function duckChangelog(sql: string): Promise<string[]> {
  const result = await duck.runAndReadAll(sql);
  return result.getRows().map((r) => `+I${JSON.stringify(r)}`);
}

describe("temporal sort state beyond the memory budget spills to disk", () => {
  it("ORDER BY rowtime: the same changelog as in memory, DuckDB's order, ten times the budget on disk", async () => {
    const inserts: Insert[] = rows().map((row) => ({ table: "t", row }));
    const sql = "SELECT i, k, v FROM t ORDER BY ts, v";
    const dir = tempDir();
    const options = { end: true };
    const inMemory = await runWithBudget(DDL, sql, inserts, undefined, path.join(dir, "none"), options);
    const spilled = await runWithBudget(DDL, sql, inserts, BUDGET, path.join(dir, "spill"), options);
    expect(inMemory.spilledBytes).toBe(0);
    expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
    expect(spilled.changelog).toEqual(inMemory.changelog);
    // Rows of one timestamp and value go out in arrival order.
    expect(spilled.changelog).toEqual(await duckChangelog("SELECT i, k, v FROM t ORDER BY ts, v, i"));
    expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
  }, 300_000);
});

/** Small enough that all but the operator's few most recent entries go to disk. */
const SMALL_BUDGET = 1024;
const OPERATOR_DDL = `CREATE TABLE t (k INT, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')`;

/** 9,000 rows at distinct rowtimes 10 ms apart, the watermark 20 s behind every 100 rows. */
function rowtimeSteps(): Step[] {
  const next = random(71);
  const out: Step[] = [];
  for (let j = 0; j < 9000; j++) {
    const ts = 1000 + j * 10;
    out.push({ row: [Math.floor(next() * 3000), Math.floor(next() * 100), ts, 0] });
    if (j % 100 === 99) out.push({ watermark: ts - 20_000 });
  }
  out.push({ watermark: MAX_WATERMARK });
  return out;
}

const SORTS = [
  { name: "ORDER BY rowtime", sql: "SELECT * FROM t ORDER BY ts, v", steps: rowtimeSteps },
  { name: "ORDER BY proctime", sql: "SELECT * FROM t ORDER BY pt, v", steps: burstSteps },
];

describe("temporal sort snapshots with spilled rows", () => {
  for (const s of SORTS)
    it(`${s.name}: restored from a snapshot taken with over 1,000 entries on disk, continues as an uninterrupted run`, async () => {
      const harness = await orderingOperator(OPERATOR_DDL, s.sql);
      const all = s.steps();
      const straight = expectRestoredMidwayLikeStraight(harness, all, SMALL_BUDGET);
      expect(straight.filter((e) => e[0] === "+I").length).toBeGreaterThanOrEqual(9000);
    });

  it("ORDER BY proctime: a burst within one millisecond waits on disk and goes out in DuckDB's order", async () => {
    const harness = await orderingOperator(OPERATOR_DDL, "SELECT * FROM t ORDER BY pt, v");
    const spill = new StateSpill(path.join(tempDir(), "spill"), SMALL_BUDGET);
    const out: Emitted[] = [];
    harness.clock.now = 0;
    const op = harness.create(out, spill);
    const steps = burstSteps();
    const tick = steps.findIndex((s, at) => at > 0 && "now" in s);
    run(op, steps.slice(0, tick), harness.clock);
    expect(spill.spilledEntries).toBeGreaterThan(1000);
    run(op, steps.slice(tick), harness.clock);
    spill.close();
    const emitted = out.filter((e) => e[0] === "+I").map((e) => `+I${JSON.stringify(e[1])}`);
    expect(emitted).toEqual(await duckChangelog("SELECT k, v, ts, pt FROM burst ORDER BY pt, v, seq"));
  });
});
