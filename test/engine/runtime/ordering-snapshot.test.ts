// Every deduplication, Top-N, sort and OVER operator, snapshotted at each point of a run (the state
// written and read back through the row codec) and restored into a fresh operator, continues with
// exactly the changelog of an uninterrupted run.
import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { orderingOperator, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";

const EVENTS =
  "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')";
const KEYED =
  "CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), pt AS PROCTIME(), PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'headwater')";

/** Rows of `t` (k, v, ts, pt) at times 1..n, out of order, with watermarks and clock ticks between. */
const APPEND: Step[] = [
  { row: ["a", 3, 5, 0] },
  { row: ["b", 1, 2, 0] },
  { watermark: 2 },
  { now: 10 },
  { row: ["a", 7, 3, 10] },
  { row: ["a", 3, 9, 10] },
  { watermark: 4 },
  { row: ["b", 4, 1, 10] },
  { now: 11 },
  { row: ["a", 8, 6, 11] },
  { row: ["b", 4, 7, 11] },
  { watermark: 6 },
  { now: 20 },
  { row: ["a", 1, 8, 20] },
  { watermark: 9 },
  { now: 30 },
];

/** A keyed table's changelog: inserts, an update (-U/+U) and a delete. */
const CHANGES: Step[] = [
  { row: ["a", 3, 1, 0] },
  { row: ["b", 9, 1, 0] },
  { row: ["c", 5, 1, 0] },
  { kind: "-U", row: ["a", 3, 1, 0] },
  { kind: "+U", row: ["a", 10, 1, 0] },
  { row: ["d", 6, 1, 0] },
  { kind: "-D", row: ["b", 9, 1, 0] },
  { row: ["e", 1, 1, 0] },
];

/** COUNT(*) per key as GroupAggregate emits it without -U: a key's count only grows. */
const COUNTS: Step[] = [
  { row: ["x", 1] },
  { row: ["y", 1] },
  { kind: "+U", row: ["y", 2] },
  { row: ["z", 1] },
  { kind: "+U", row: ["z", 2] },
  { kind: "+U", row: ["z", 3] },
  { kind: "+U", row: ["x", 2] },
  { kind: "+U", row: ["x", 3] },
  { kind: "+U", row: ["x", 4] },
];

const CASES: { name: string; ddl: string; query: string; steps: Step[] }[] = [
  [
    "dedup proctime keep first",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM t) WHERE rn = 1",
  ],
  [
    "dedup proctime keep last",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt DESC) AS rn FROM t) WHERE rn = 1",
  ],
  [
    "dedup rowtime keep first",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) AS rn FROM t) WHERE rn = 1",
  ],
  [
    "dedup rowtime keep last",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts DESC) AS rn FROM t) WHERE rn = 1",
  ],
  [
    "append Top-N, rank number",
    "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 2",
  ],
  [
    "append Top-N",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 2",
  ],
  [
    "append Top-1",
    "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) AS rn FROM t) WHERE rn = 1",
  ],
  [
    "append first-N by proctime",
    "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM t) WHERE rn <= 2",
  ],
  [
    "RANK Top-N",
    "SELECT * FROM (SELECT *, RANK() OVER (PARTITION BY k ORDER BY v DESC) AS r FROM t) WHERE r <= 2",
  ],
  ["DENSE_RANK Top-N", "SELECT * FROM (SELECT *, DENSE_RANK() OVER (ORDER BY v) AS r FROM t) WHERE r <= 2"],
  ["SortLimit", "SELECT k, v FROM t ORDER BY v DESC LIMIT 3"],
  ["Limit with offset", "SELECT k, v FROM t LIMIT 2 OFFSET 1"],
  ["temporal sort on rowtime", "SELECT * FROM t ORDER BY ts, v"],
  ["temporal sort on proctime", "SELECT * FROM t ORDER BY pt, v DESC"],
  ["OVER rowtime ROWS bounded", "SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS 1 PRECEDING) FROM t"],
  [
    "OVER rowtime RANGE bounded",
    "SELECT k, MAX(v) OVER (PARTITION BY k ORDER BY ts RANGE INTERVAL '0.002' SECOND PRECEDING) FROM t",
  ],
  [
    "OVER rowtime ROWS unbounded",
    "SELECT k, COUNT(*) OVER (PARTITION BY k ORDER BY ts ROWS UNBOUNDED PRECEDING) FROM t",
  ],
  [
    "OVER rowtime RANGE unbounded",
    "SELECT k, LAG(v) OVER (PARTITION BY k ORDER BY ts), SUM(v) OVER (PARTITION BY k ORDER BY ts) FROM t",
  ],
  [
    "OVER proctime ROWS bounded",
    "SELECT k, MIN(v) OVER (PARTITION BY k ORDER BY pt ROWS 1 PRECEDING) FROM t",
  ],
  [
    "OVER proctime RANGE bounded",
    "SELECT k, SUM(v) OVER (PARTITION BY k ORDER BY pt RANGE INTERVAL '0.005' SECOND PRECEDING) FROM t",
  ],
  ["OVER proctime unbounded", "SELECT k, AVG(v) OVER (PARTITION BY k ORDER BY pt) FROM t"],
].map(([name, query]) => ({ name: name!, ddl: EVENTS, query: query!, steps: APPEND }));

CASES.push(
  {
    name: "retract Top-N, rank number",
    ddl: KEYED,
    query: "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM t) WHERE rn <= 2",
    steps: CHANGES,
  },
  {
    name: "retract Top-N",
    ddl: KEYED,
    query: "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn FROM t) WHERE rn <= 2",
    steps: CHANGES,
  },
  {
    name: "update-fast Top-N, rank number",
    ddl: EVENTS,
    query:
      "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY n DESC) AS rn FROM (SELECT k, COUNT(*) AS n FROM t GROUP BY k)) WHERE rn <= 2",
    steps: COUNTS,
  },
  {
    name: "update-fast Top-N",
    ddl: EVENTS,
    query:
      "SELECT k, n FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY n DESC) AS rn FROM (SELECT k, COUNT(*) AS n FROM t GROUP BY k)) WHERE rn <= 2",
    steps: COUNTS,
  },
);

/** Through the row codec, as a checkpoint would store it. */
function roundTrip(state: SqlValue): SqlValue {
  return decodeRow(encodeRow([state]))[0]!;
}

describe("ordering operators: snapshot and restore", () => {
  for (const c of CASES)
    it(c.name, async () => {
      const harness = await orderingOperator(c.ddl, c.query);
      const straight: Emitted[] = [];
      harness.clock.now = 0;
      run(harness.create(straight), c.steps, harness.clock);
      expect(straight.some((e) => e[0] !== "wm")).toBe(true);
      for (let cut = 0; cut <= c.steps.length; cut++) {
        const out: Emitted[] = [];
        harness.clock.now = 0;
        const first = harness.create(out);
        run(first, c.steps.slice(0, cut), harness.clock);
        const second = harness.create(out);
        second.restore(roundTrip(first.snapshot()));
        run(second, c.steps.slice(cut), harness.clock);
        expect(out, `${harness.description}, restored after step ${cut}`).toEqual(straight);
      }
    });
});
