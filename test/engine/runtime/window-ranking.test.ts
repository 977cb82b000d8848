// The window Top-N and window deduplication operators on their own: each window's rows go out once,
// as +I, when the watermark passes the window's last millisecond; rows for fired windows are dropped;
// the state of a window is freed when it fires; a snapshot taken at any point (through the row codec,
// as a checkpoint writes it) restores into an operator that continues with the same changelog.
import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { rowComparator } from "../../../src/engine/runtime/operators/row-comparator.ts";
import { WindowClock } from "../../../src/engine/runtime/windows/window-clock.ts";
import { WindowDeduplicateOperator } from "../../../src/engine/runtime/windows/window-deduplicate.ts";
import { WindowRankOperator } from "../../../src/engine/runtime/windows/window-rank.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const ROWTIME = new WindowClock({ attribute: "rowtime", localTime: false }, "UTC");
const S = 1000;

/** Input rows are (key, value, rowtime, window_end) of 10-second windows. */
type Step = ["row", Row] | ["wm", number];

const row = (key: string, value: number, seconds: number): Step => [
  "row",
  [key, value, seconds * S, Math.floor(seconds / 10) * 10 * S + 10 * S],
];

const STEPS: Step[] = [
  row("a", 3, 1),
  row("b", 5, 2),
  row("a", 9, 4),
  row("a", 3, 3),
  row("a", 7, 12),
  row("a", 1, 8),
  ["wm", 9_998],
  row("b", 2, 9),
  ["wm", 9_999],
  // Late: its window fired.
  row("a", 100, 5),
  row("b", 4, 15),
  row("b", 6, 11),
  row("a", 2, 13),
  ["wm", 30 * S],
  row("c", 1, 25),
];

function run(make: (out: Emitted[]) => Operator, steps: readonly Step[]): Emitted[] {
  const out: Emitted[] = [];
  const op = make(out);
  for (const step of steps) apply(op, step);
  return out;
}

function apply(op: Operator, step: Step): void {
  if (step[0] === "row") op.process("+I" as RowKind, step[1], 0);
  else op.onWatermark(step[1]);
}

function expectRestorable(make: (out: Emitted[]) => Operator, steps: readonly Step[]): void {
  const straight = run(make, steps);
  for (let cut = 0; cut <= steps.length; cut++) {
    const out: Emitted[] = [];
    const first = make(out);
    for (const step of steps.slice(0, cut)) apply(first, step);
    const second = make(out);
    second.restore(decodeRow(encodeRow([first.snapshot()]))[0] as SqlValue);
    for (const step of steps.slice(cut)) apply(second, step);
    expect(out, `restored after step ${cut}`).toEqual(straight);
  }
}

function pendingWindows(op: Operator): number {
  const [, windows] = [...(op.snapshot() as Map<SqlValue, SqlValue>).values()][0] as [number, unknown[]];
  return windows.length;
}

describe("WindowRank (ranks 1..2 by value DESC per key, with the rank number)", () => {
  const make = (out: Emitted[]) =>
    new WindowRankOperator(
      {
        description: "WindowRank",
        partitionKeys: [0],
        windowEnd: 3,
        compare: rowComparator([{ index: 1, descending: true, nullsFirst: false }]),
        rankStart: 1,
        rankEnd: 2,
        outputRankNumber: true,
        clock: ROWTIME,
      },
      recordInto(out, true),
    );

  it("emits each window's top rows at its end, ties in arrival order, and drops late rows", () => {
    expect(run(make, STEPS)).toEqual([
      ["wm", 9_998],
      ["+I", ["a", 9, 4 * S, 10 * S, 1]],
      ["+I", ["a", 3, 1 * S, 10 * S, 2]],
      ["+I", ["b", 5, 2 * S, 10 * S, 1]],
      ["+I", ["b", 2, 9 * S, 10 * S, 2]],
      ["wm", 9_999],
      ["+I", ["a", 7, 12 * S, 20 * S, 1]],
      ["+I", ["a", 2, 13 * S, 20 * S, 2]],
      ["+I", ["b", 6, 11 * S, 20 * S, 1]],
      ["+I", ["b", 4, 15 * S, 20 * S, 2]],
      ["wm", 30 * S],
    ]);
  });

  it("emits ranks from rankStart on, without the rank number when not asked", () => {
    const offset = (out: Emitted[]) =>
      new WindowRankOperator(
        {
          description: "WindowRank",
          partitionKeys: [],
          windowEnd: 3,
          compare: rowComparator([{ index: 1, descending: false, nullsFirst: true }]),
          rankStart: 2,
          rankEnd: 3,
          outputRankNumber: false,
          clock: ROWTIME,
        },
        recordInto(out),
      );
    expect(run(offset, STEPS)).toEqual([
      ["+I", ["b", 2, 9 * S, 10 * S]],
      ["+I", ["a", 3, 1 * S, 10 * S]],
      ["+I", ["b", 4, 15 * S, 20 * S]],
      ["+I", ["b", 6, 11 * S, 20 * S]],
    ]);
  });

  it("restores from a snapshot taken at any point", () => expectRestorable(make, STEPS));

  it("frees a window's state when it fires", () => {
    const op = make([]);
    for (const step of STEPS.slice(0, 6)) apply(op, step);
    expect(pendingWindows(op)).toBe(2);
    op.onWatermark(Number.MAX_SAFE_INTEGER);
    expect(pendingWindows(op)).toBe(0);
  });
});

describe("WindowDeduplicate (per key, by rowtime)", () => {
  const make = (keepLastRow: boolean) => (out: Emitted[]) =>
    new WindowDeduplicateOperator(
      {
        description: "WindowDeduplicate",
        partitionKeys: [0],
        windowEnd: 3,
        rowtime: 2,
        keepLastRow,
        clock: ROWTIME,
      },
      recordInto(out, true),
    );

  it("keeps the row with the latest rowtime (keep last) or the earliest (keep first) per window", () => {
    const rows = (out: Emitted[]) => out.filter((e) => e[0] !== "wm");
    expect(rows(run(make(true), STEPS))).toEqual([
      ["+I", ["a", 1, 8 * S, 10 * S]],
      ["+I", ["b", 2, 9 * S, 10 * S]],
      ["+I", ["a", 2, 13 * S, 20 * S]],
      ["+I", ["b", 4, 15 * S, 20 * S]],
    ]);
    expect(rows(run(make(false), STEPS))).toEqual([
      ["+I", ["a", 3, 1 * S, 10 * S]],
      ["+I", ["b", 5, 2 * S, 10 * S]],
      ["+I", ["a", 7, 12 * S, 20 * S]],
      ["+I", ["b", 6, 11 * S, 20 * S]],
    ]);
  });

  it("restores from a snapshot taken at any point", () => {
    expectRestorable(make(true), STEPS);
    expectRestorable(make(false), STEPS);
  });
});
