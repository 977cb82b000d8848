// Window aggregate, window Top-N and window deduplication state beyond its memory budget spills to
// disk, key by key, with the same results: 20,000 keys per window with a 32 KB budget (the spill files
// pass ten times that), changelogs equal to the in-memory run's, final tables equal to DuckDB's; a
// snapshot taken with most keys on disk restores into an operator that continues exactly as an
// uninterrupted run.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { createEngine } from "../../../src/engine/index.ts";
import type { AggregateSlot } from "../../../src/engine/runtime/aggregates/call-accumulators.ts";
import { GroupAccumulators } from "../../../src/engine/runtime/aggregates/group-accumulators.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { createEvalContext } from "../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { rowComparator } from "../../../src/engine/runtime/operators/row-comparator.ts";
import type { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { MAX_WATERMARK } from "../../../src/engine/runtime/time/watermark.ts";
import { AlignedWindows } from "../../../src/engine/runtime/windows/aligned-windows.ts";
import { SessionWindowAggregateOperator } from "../../../src/engine/runtime/windows/session-window-aggregate.ts";
import { WindowAggregateOperator } from "../../../src/engine/runtime/windows/window-aggregate.ts";
import { WindowClock } from "../../../src/engine/runtime/windows/window-clock.ts";
import { WindowDeduplicateOperator } from "../../../src/engine/runtime/windows/window-deduplicate.ts";
import { WindowJoinOperator } from "../../../src/engine/runtime/windows/window-join.ts";
import { WindowRankOperator } from "../../../src/engine/runtime/windows/window-rank.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";
import {
  duckRows,
  expectRestoredLike,
  type Insert,
  loadDuck,
  runRestoredMidway,
  runWithBudget,
} from "./spill-run.ts";

const KEYS = 20_000;
const ROWS = 60_000;
const BUDGET = 32 * 1024;
const HOUR = 3_600_000;

// Row i at i × 180 ms (three hour-long windows); v a permutation of 0..ROWS-1, so orders never tie.
const DDL = `CREATE TABLE t (k INT, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  WITH ('connector' = 'headwater');
CREATE TABLE s (k INT, w INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
  WITH ('connector' = 'headwater');`;

/** The other side of the window joins: rows of `s` between those of `t`. */
function others(): Row[] {
  const next = random(47);
  return Array.from({ length: ROWS }, (_, i) => [Math.floor(next() * KEYS), i, i * 180 + 90]);
}

function rows(): Row[] {
  const next = random(41);
  return Array.from({ length: ROWS }, (_, i) => [Math.floor(next() * KEYS), (i * 7919) % ROWS, i * 180]);
}

const windowed = (fn: string, order: string, n: number) =>
  `SELECT k, v, window_start, r FROM (SELECT *, ${fn}() OVER (PARTITION BY window_start, window_end, k ORDER BY ${order}) AS r
     FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR))) WHERE r <= ${n}`;
const bucketed = (n: number, order: string) =>
  `SELECT k, v, ws, r FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY ws, k ORDER BY ${order}) AS r
     FROM (SELECT *, ts - ts % ${HOUR} AS ws FROM t)) WHERE r <= ${n}`;

const tumble = (table: string) => `TABLE(TUMBLE(TABLE ${table}, DESCRIPTOR(ts), INTERVAL '1' HOUR))`;
const windowJoin = (join: string) =>
  `SELECT l.k, l.v, r.w, l.window_start FROM ${tumble("t")} l ${join} ${tumble("s")} r
     ON l.window_start = r.window_start AND l.window_end = r.window_end AND l.k = r.k`;
const bucketJoin = (join: string) =>
  `SELECT t.k, t.v, s.w, t.ts - t.ts % ${HOUR} FROM t ${join} s ON t.k = s.k AND t.ts - t.ts % ${HOUR} = s.ts - s.ts % ${HOUR}`;

const CASES: { name: string; sql: string; duck: string; operator: string; joined?: boolean }[] = [
  {
    name: "TUMBLE aggregate",
    sql: `SELECT k, window_start, COUNT(*), SUM(v), MAX(v)
      FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR)) GROUP BY k, window_start, window_end`,
    duck: `SELECT k, ts - ts % ${HOUR} AS s, COUNT(*), SUM(v), MAX(v) FROM t GROUP BY k, s`,
    operator: "WindowAggregate",
  },
  {
    name: "HOP aggregate",
    sql: `SELECT k, window_start, COUNT(*), MIN(v)
      FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '30' MINUTE, INTERVAL '1' HOUR)) GROUP BY k, window_start, window_end`,
    duck: `SELECT k, ts - ts % ${HOUR / 2} - i * ${HOUR / 2} AS s, COUNT(*), MIN(v)
      FROM t CROSS JOIN range(2) AS r(i) GROUP BY k, s`,
    operator: "WindowAggregate",
  },
  {
    name: "window Top-2",
    sql: windowed("ROW_NUMBER", "v DESC", 2),
    duck: bucketed(2, "v DESC"),
    operator: "WindowRank",
  },
  {
    name: "window deduplication, keep last",
    sql: windowed("ROW_NUMBER", "ts DESC", 1).replace("window_start, r FROM", "window_start FROM"),
    duck: bucketed(1, "ts DESC").replace("ws, r FROM", "ws FROM"),
    operator: "WindowDeduplicate",
  },
  {
    name: "SESSION aggregate",
    sql: `SELECT k, window_start, window_end, COUNT(*), MAX(v)
      FROM TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL '30' MINUTE)) GROUP BY k, window_start, window_end`,
    // A session ends where the next row of its key comes more than the gap later.
    duck: `SELECT k, MIN(ts), MAX(ts) + ${HOUR / 2}, COUNT(*), MAX(v) FROM (
        SELECT *, SUM(CASE WHEN prev IS NULL OR ts - prev > ${HOUR / 2} THEN 1 ELSE 0 END)
          OVER (PARTITION BY k ORDER BY ts ROWS UNBOUNDED PRECEDING) AS session
        FROM (SELECT *, LAG(ts) OVER (PARTITION BY k ORDER BY ts) AS prev FROM t)) GROUP BY k, session`,
    operator: "WindowAggregate",
  },
  {
    name: "window join",
    sql: windowJoin("JOIN"),
    duck: bucketJoin("JOIN"),
    operator: "WindowJoin",
    joined: true,
  },
  {
    name: "LEFT window join",
    sql: windowJoin("LEFT JOIN"),
    duck: bucketJoin("LEFT JOIN"),
    operator: "WindowJoin",
    joined: true,
  },
];

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  await loadDuck(duck, "t", "k INTEGER, v INTEGER, ts BIGINT", rows());
  await loadDuck(duck, "s", "k INTEGER, w INTEGER, ts BIGINT", others());
});
afterAll(() => duck.closeSync());

describe("window state beyond the memory budget spills to disk", () => {
  const alone: Insert[] = rows().map((row) => ({ table: "t", row }));
  const s = others();
  const joined: Insert[] = rows().flatMap((row, i): Insert[] => [
    { table: "t", row },
    { table: "s", row: s[i]! },
  ]);
  for (const c of CASES)
    it(`${c.name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const explain = createEngine();
      await explain.executeScript(DDL);
      expect(JSON.stringify(await explain.execute(`EXPLAIN ${c.sql}`))).toContain(c.operator);
      await explain.close();

      const dir = tempDir();
      const options = { end: true };
      const inserts = c.joined ? joined : alone;
      const inMemory = await runWithBudget(DDL, c.sql, inserts, undefined, path.join(dir, "none"), options);
      const spilled = await runWithBudget(DDL, c.sql, inserts, BUDGET, path.join(dir, "spill"), options);
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);
      expect(spilled.table.length).toBeGreaterThan(KEYS);
      expect(spilled.table).toEqual(duckRows((await duck.runAndReadAll(c.duck)).getRows()));
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
});

const ROWTIME = new WindowClock({ attribute: "rowtime", localTime: false }, "UTC");
/** Small enough that all but the operator's few most recent partitions go to disk. */
const SMALL_BUDGET = 1024;
/** Input rows are (key, value, rowtime, window_end) of 10-second windows. */
type Step = { readonly row: Row; readonly input?: 0 | 1 } | number;

/** 2,000 keys over three windows, a watermark closing each window after the next one opened. */
function steps(): Step[] {
  const next = random(43);
  const out: Step[] = [];
  for (let i = 0; i < 12_000; i++) {
    const ts = i * 2;
    const end = Math.floor(ts / 10_000) * 10_000 + 10_000;
    out.push({ row: [Math.floor(next() * 2000), Math.floor(next() * 1000), ts, end] });
    // The window join's other side: (key, window_end, value).
    if (i % 2 === 0) out.push({ row: [Math.floor(next() * 2000), end, i], input: 1 });
    if (i % 5000 === 4999) out.push(ts - 5000);
  }
  out.push(MAX_WATERMARK);
  return out;
}

function play(op: Operator, steps: readonly Step[]): void {
  for (const step of steps)
    if (typeof step === "number") op.onWatermark(step);
    else op.process("+I", step.row, step.input ?? 0);
}

function count(): AggregateSlot {
  const fn = createAggregate({
    name: "COUNT",
    argTypes: [],
    resultType: { kind: "BIGINT", nullable: false },
    distinct: false,
    ignoreNulls: false,
    retraction: false,
  });
  return { fn, args: [] };
}

const OPERATORS: {
  name: string;
  make: (out: Emitted[], spill?: StateSpill) => Operator;
  /** Takes the steps' second input too. */
  join?: boolean;
}[] = [
  {
    name: "SESSION aggregate",
    make: (out, spill) =>
      new SessionWindowAggregateOperator(
        {
          description: "SessionWindowAggregate",
          keys: [0],
          accumulators: new GroupAccumulators([count()]),
          gap: 3000,
          rowtime: 2,
          clock: ROWTIME,
          properties: ["start", "end"],
          now: () => 0,
          ...(spill ? { spill } : {}),
        },
        recordInto(out, true),
      ),
  },
  {
    // Left rows (key, value, rowtime, window_end) join right rows (key, window_end, value).
    name: "LEFT window join",
    join: true,
    make: (out, spill) =>
      new WindowJoinOperator(
        {
          description: "WindowJoin",
          joinType: "LEFT",
          left: { windowEnd: 3, keys: [0], width: 4 },
          right: { windowEnd: 1, keys: [0], width: 3 },
          clock: ROWTIME,
          ctx: createEvalContext({ clock: () => 0 }),
          ...(spill ? { spill } : {}),
        },
        recordInto(out, true),
      ),
  },
  {
    name: "window aggregate, HOP",
    make: (out, spill) =>
      new WindowAggregateOperator(
        {
          description: "WindowAggregate",
          keys: [0],
          accumulators: new GroupAccumulators([count()]),
          assignment: {
            kind: "rowtime",
            field: 2,
            windows: new AlignedWindows({ kind: "HOP", size: 10_000, slide: 5000 }),
          },
          clock: ROWTIME,
          properties: ["start", "end"],
          now: () => 0,
          ...(spill ? { spill } : {}),
        },
        recordInto(out, true),
      ),
  },
  {
    name: "window Top-3",
    make: (out, spill) =>
      new WindowRankOperator(
        {
          description: "WindowRank",
          partitionKeys: [0],
          windowEnd: 3,
          compare: rowComparator([{ index: 1, descending: true, nullsFirst: false }]),
          rankStart: 1,
          rankEnd: 3,
          outputRankNumber: true,
          clock: ROWTIME,
          ...(spill ? { spill } : {}),
        },
        recordInto(out, true),
      ),
  },
  {
    name: "window deduplication, keep first",
    make: (out, spill) =>
      new WindowDeduplicateOperator(
        {
          description: "WindowDeduplicate",
          partitionKeys: [0],
          windowEnd: 3,
          rowtime: 2,
          keepLastRow: false,
          clock: ROWTIME,
          ...(spill ? { spill } : {}),
        },
        recordInto(out, true),
      ),
  },
];

describe("window snapshots with spilled keys", () => {
  for (const o of OPERATORS)
    it(`${o.name}: restored from a snapshot taken with most partitions on disk, continues as an uninterrupted run`, () => {
      const all = steps().filter((s) => o.join || typeof s === "number" || s.input === undefined);
      const straight: Emitted[] = [];
      play(o.make(straight), all);
      expect(straight.filter((e) => e[0] === "+I").length).toBeGreaterThan(2000);

      const cut = all.indexOf(all.find((s) => typeof s === "number")!) + 1000;
      const restored = runRestoredMidway(o.make, play, all, cut, SMALL_BUDGET);
      expectRestoredLike(restored, straight);
      // Fired windows leave nothing behind.
      expect(restored.spilled.atEnd).toBe(0);
    });
});
