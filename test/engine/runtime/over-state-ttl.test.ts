// State TTL for OVER aggregates, as Flink 1.20's over functions clean up: a partition idle (no row,
// no timer of its own) for `table.exec.state.ttl` of processing time loses its state, so its next
// row's aggregates count only the rows after the expiry — exactly one TTL after its last row for the
// processing-time unbounded frame (state TTL), between 1 and 1.5 TTLs for the frames Flink cleans
// with a timer, never for the event-time RANGE frame (it cleans itself by watermark); rows waiting
// for the watermark are never dropped; partitions kept busy are never expired; a checkpoint keeps
// each partition's age; spilled partitions expire alike.
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { orderingOperator, run, type Step } from "./ordering-operator.ts";
import type { Emitted } from "./recording-collector.ts";

const SECOND = 1000;
const TTL = 10 * SECOND;
/** Rowtimes start here: Flink drops a row at or before its last fired rowtime, which starts at 0. */
const EPOCH = Date.UTC(2026, 0, 1);
const DDL = `CREATE TABLE t (k STRING, v INT, ts TIMESTAMP(3), pt AS PROCTIME(),
  WATERMARK FOR ts AS ts) WITH ('connector' = 'headwater')`;

const PROCTIME_UNBOUNDED =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY pt ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
const ROWTIME_UNBOUNDED =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
const ROWTIME_ROWS =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)";
const PROCTIME_ROWS =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY pt ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)";
const PROCTIME_RANGE =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY pt RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)";
const ROWTIME_RANGE =
  "SELECT k, v, COUNT(*) OVER w AS n, SUM(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)";

/** A row of t at processing time `now` (the clock moves first, as an engine step would). */
const at = (now: number, k: string, v: number): Step[] => [{ now }, { row: [k, v, EPOCH + now] }];

/** (k, n, s) of every emitted row. */
const counts = (out: Emitted[]) =>
  out
    .filter((e) => e[0] === "+I")
    .map((e) => {
      const row = e[1] as unknown[];
      return `${row[0]}:${row.at(-2)}/${row.at(-1)}`;
    });

async function runQuery(query: string, steps: readonly Step[], stateTtl?: number): Promise<string[]> {
  const harness = await orderingOperator(DDL, query, stateTtl ? { stateTtl } : {});
  const out: Emitted[] = [];
  run(harness.create(out), steps, harness.clock);
  return counts(out);
}

describe("OVER aggregates under state TTL", () => {
  const idleA = [
    ...at(0, "a", 1),
    ...at(4 * SECOND, "b", 10),
    ...at(8 * SECOND, "b", 20),
    ...at(9 * SECOND, "a", 2), // a was written 9 s ago: alive
    ...at(20 * SECOND, "a", 4), // a idle 11 s: expired, starts over
    ...at(21 * SECOND, "b", 30), // b idle 13 s: expired too
  ];

  it("starts an idle processing-time partition over; without a TTL it keeps counting", async () => {
    expect(await runQuery(PROCTIME_UNBOUNDED, idleA, TTL)).toEqual([
      "a:1/1",
      "b:1/10",
      "b:2/30",
      "a:2/3",
      "a:1/4",
      "b:1/30",
    ]);
    expect(await runQuery(PROCTIME_UNBOUNDED, idleA)).toEqual([
      "a:1/1",
      "b:1/10",
      "b:2/30",
      "a:2/3",
      "a:3/7",
      "b:3/60",
    ]);
  });

  it("starts an idle partition of a bounded processing-time frame over", async () => {
    const steps = [...at(0, "a", 1), ...at(4 * SECOND, "a", 2), ...at(15 * SECOND, "a", 4)];
    expect(await runQuery(PROCTIME_RANGE, [...steps, { now: 16 * SECOND }], TTL)).toEqual([
      "a:1/1",
      "a:2/3",
      "a:1/4",
    ]);
    expect(await runQuery(PROCTIME_RANGE, [...steps, { now: 16 * SECOND }])).toEqual([
      "a:1/1",
      "a:2/3",
      "a:3/7",
    ]);
  });

  it("drops an expired partition on the clock alone, not only when its key comes back", async () => {
    const harness = await orderingOperator(DDL, PROCTIME_UNBOUNDED, { stateTtl: TTL });
    const out: Emitted[] = [];
    const op = harness.create(out);
    run(op, [...at(0, "a", 1), ...at(5 * SECOND, "b", 1), { now: 12 * SECOND }], harness.clock);
    const partitions = (op.snapshot() as Map<string, Map<string, unknown>>).get("partitions")!;
    expect(partitions.size).toBe(1);
  });

  it("never expires a partition kept alive by writes", async () => {
    const steps = [0, 6, 12, 18, 24, 30].flatMap((s, i) => at(s * SECOND, "a", i + 1));
    expect(await runQuery(PROCTIME_UNBOUNDED, steps, TTL)).toEqual([
      "a:1/1",
      "a:2/3",
      "a:3/6",
      "a:4/10",
      "a:5/15",
      "a:6/21",
    ]);
  });

  it("starts an idle event-time partition over (unbounded and RANGE frames)", async () => {
    const steps: Step[] = [
      ...at(0, "a", 1),
      { watermark: EPOCH },
      ...at(5 * SECOND, "a", 2),
      { watermark: EPOCH + 5 * SECOND },
      ...at(16 * SECOND, "a", 4), // last row or timer of a at 5 s: expired
      { watermark: EPOCH + 16 * SECOND },
    ];
    expect(await runQuery(ROWTIME_UNBOUNDED, steps, TTL)).toEqual(["a:1/1", "a:2/3", "a:1/4"]);
    expect(await runQuery(ROWTIME_ROWS, steps, TTL)).toEqual(["a:1/1", "a:2/3", "a:1/4"]);
    // Flink's RowTimeRangeBoundedPrecedingFunction takes no state TTL: its watermark cleanup only.
    expect(await runQuery(ROWTIME_RANGE, steps)).toEqual(["a:1/1", "a:2/3", "a:3/7"]);
    expect(await runQuery(ROWTIME_RANGE, steps, TTL)).toEqual(["a:1/1", "a:2/3", "a:3/7"]);
  });

  it("keeps a timer-cleaned partition up to 1.5 TTLs after the row that set its cleanup", async () => {
    // a's row at 0 sets its cleanup at 15 s; the row at 4 s (4 + 10 < 15) leaves it there.
    const steps = [...at(0, "a", 1), ...at(4 * SECOND, "a", 2)];
    // The RANGE frame emits on a timer a millisecond after the row: the clock moves on past it.
    const alive = [...steps, ...at(14 * SECOND, "a", 4), { now: 14 * SECOND + 1 }];
    const gone = [...steps, ...at(15 * SECOND, "a", 4), { now: 15 * SECOND + 1 }];
    for (const query of [PROCTIME_RANGE, PROCTIME_ROWS]) {
      expect(await runQuery(query, alive, TTL)).toEqual(["a:1/1", "a:2/3", "a:3/7"]);
      expect(await runQuery(query, gone, TTL)).toEqual(["a:1/1", "a:2/3", "a:1/4"]);
    }
    // State TTL (the unbounded processing-time frame) expires 10 s after the last write: at 14 s.
    expect(await runQuery(PROCTIME_UNBOUNDED, alive, TTL)).toEqual(["a:1/1", "a:2/3", "a:1/4"]);
    // A row after 5 s of the cleanup's 15 moves it on (5 + 10 ≥ 15 → 5 + 15 = 20 s).
    const moved = [...at(0, "a", 1), ...at(6 * SECOND, "a", 2), ...at(19 * SECOND, "a", 4)];
    expect(await runQuery(PROCTIME_ROWS, moved, TTL)).toEqual(["a:1/1", "a:2/3", "a:3/7"]);
  });

  it("never drops rows still waiting for the watermark, however long it takes", async () => {
    const steps: Step[] = [
      ...at(0, "a", 1),
      ...at(1 * SECOND, "a", 2),
      { now: 60 * SECOND }, // four cleanups would have passed; the rows wait for the watermark
      { watermark: EPOCH + 2 * SECOND },
    ];
    expect(await runQuery(ROWTIME_UNBOUNDED, steps, TTL)).toEqual(["a:1/1", "a:2/3"]);
    expect(await runQuery(ROWTIME_ROWS, steps, TTL)).toEqual(["a:1/1", "a:2/3"]);
  });

  it("keeps each partition's age across a checkpoint", async () => {
    const harness = await orderingOperator(DDL, PROCTIME_UNBOUNDED, { stateTtl: TTL });
    const first = harness.create([]);
    run(first, [...at(0, "a", 1), ...at(6 * SECOND, "b", 1)], harness.clock);
    const saved = decodeRow(encodeRow([first.snapshot()]))[0]!;
    const out: Emitted[] = [];
    const second = harness.create(out);
    second.restore(saved);
    // a was last written at 0 (expired at 10 s), b at 6 s (alive until 16 s).
    run(second, [...at(12 * SECOND, "a", 5), ...at(13 * SECOND, "b", 5)], harness.clock);
    expect(counts(out)).toEqual(["a:1/5", "b:2/6"]);
  });

  it("expires partitions that went to disk as those in memory", async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`);
    const steps: Step[] = [
      ...keys.flatMap((k, i) => at(i, k, 1)),
      ...at(8 * SECOND, "key-1999", 1),
      ...keys.flatMap((k, i) => at(14 * SECOND + i, k, 2)),
    ];
    const harness = await orderingOperator(DDL, PROCTIME_UNBOUNDED, { stateTtl: TTL });
    const out: Emitted[] = [];
    const spill = new StateSpill(path.join(tempDir(), "spill"), 16 * 1024);
    run(harness.create(out, spill), steps, harness.clock);
    const last = counts(out).slice(-keys.length);
    // key-1999 was written at 8 s: alive at 16 s; every other key expired and starts over.
    expect(last.filter((c) => c.endsWith(":1/2"))).toHaveLength(keys.length - 1);
    expect(last.at(-1)).toBe("key-1999:3/4");
  });
});
