import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../../src/common/changelog.ts";
import type { Row, SqlValue } from "../../../../src/common/value.ts";
import { createEvalContext } from "../../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../../src/engine/runtime/operator.ts";
import { IntervalJoinOperator } from "../../../../src/engine/runtime/operators/join/interval-join.ts";
import { TemporalJoinOperator } from "../../../../src/engine/runtime/operators/join/temporal-join.ts";
import { MAX_WATERMARK } from "../../../../src/engine/runtime/time/watermark.ts";
import { decodeRow, encodeRow } from "../../../../src/store/index.ts";
import { type Emitted, recordInto } from "../recording-collector.ts";

const ctx = createEvalContext({ clock: () => 0 });
const KEY = { positions: [0], filterNulls: [true] };
/** A row on input 0 or 1, or a watermark of both inputs. */
type Event = [0 | 1, RowKind, Row] | ["wm", number];

function run(op: Operator, events: readonly Event[]): void {
  for (const e of events) {
    if (e[0] === "wm") op.onWatermark(e[1]);
    else op.process(e[1], e[2], e[0]);
  }
}

function throughCodec(state: SqlValue): SqlValue {
  return decodeRow(encodeRow([state]))[0]!;
}

/** Restoring a snapshot taken between any two events gives the uninterrupted run's output. */
function checkRestore(make: (out: Emitted[]) => Operator, events: readonly Event[]): void {
  const expected: Emitted[] = [];
  run(make(expected), events);
  expect(expected.length).toBeGreaterThan(0);
  for (let cut = 0; cut <= events.length; cut++) {
    const out: Emitted[] = [];
    const first = make(out);
    run(first, events.slice(0, cut));
    const restored = make(out);
    restored.restore(throughCodec(first.snapshot()));
    run(restored, events.slice(cut));
    expect(out).toEqual(expected);
  }
}

function interval(out: Emitted[], leftOuter: boolean, rightOuter: boolean): IntervalJoinOperator {
  return new IntervalJoinOperator(
    {
      description: "IntervalJoin",
      leftKey: KEY,
      rightKey: KEY,
      leftOuter,
      rightOuter,
      leftWidth: 2,
      rightWidth: 2,
      leftLowerBound: -10,
      leftUpperBound: 5,
      rowTime: true,
      leftTimeIndex: 1,
      rightTimeIndex: 1,
    },
    ctx,
    recordInto(out, true),
  );
}

const INTERVAL_EVENTS: Event[] = [
  [0, "+I", ["a", 100]],
  [1, "+I", ["a", 95]],
  [1, "+I", ["b", 100]],
  ["wm", 98],
  [0, "+I", ["a", 110]],
  [1, "+I", ["a", 104]],
  [0, "+I", ["b", 150]],
  ["wm", 120],
  [1, "+I", ["a", 90]],
  [0, "+I", ["a", 119]],
  [1, "+I", ["a", 125]],
  ["wm", 140],
  [0, "+I", ["c", 141]],
  ["wm", MAX_WATERMARK],
];

describe("IntervalJoinOperator", () => {
  it("joins within the window, pads expired outer rows, holds the watermark back by the longer side", () => {
    const out: Emitted[] = [];
    run(interval(out, true, true), INTERVAL_EVENTS);
    expect(out).toEqual([
      ["+I", ["a", 100, "a", 95]],
      ["wm", 88],
      ["+I", ["a", 100, "a", 104]],
      // watermark 120: a's right rows expire (both matched), b's right row never matched
      ["+I", [null, null, "b", 100]],
      ["wm", 110],
      // a late right row: its window has passed, so it is padded at once and not cached
      ["+I", [null, null, "a", 90]],
      // a late-ish left row (119 < watermark 120) still meets right rows arriving in its window
      ["+I", ["a", 119, "a", 125]],
      ["+I", ["a", 110, null, null]],
      ["wm", 130],
      ["+I", ["c", 141, null, null]],
      ["+I", ["b", 150, null, null]],
      ["wm", MAX_WATERMARK],
    ]);
  });

  for (const [l, r] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`restores mid-stream (outer left ${l}, right ${r})`, () => {
      checkRestore((out) => interval(out, l, r), INTERVAL_EVENTS);
    });
  }
});

function temporal(out: Emitted[], leftOuter: boolean): TemporalJoinOperator {
  return new TemporalJoinOperator(
    {
      description: "TemporalJoin",
      leftKey: KEY,
      rightKey: KEY,
      leftOuter,
      leftWidth: 2,
      rightWidth: 3,
      leftTimeIndex: 1,
      rightTimeIndex: 2,
    },
    ctx,
    recordInto(out, true),
  );
}

const TEMPORAL_EVENTS: Event[] = [
  [1, "+I", ["EUR", 10, 0]],
  [0, "+I", ["EUR", 5]],
  [1, "+U", ["EUR", 12, 10]],
  ["wm", 6],
  [0, "+U", ["EUR", 12]],
  [1, "-D", ["EUR", 12, 20]],
  [0, "+I", ["EUR", 25]],
  [0, "-D", ["EUR", 12]],
  ["wm", 30],
  [0, "+I", ["USD", 31]],
  [1, "+I", ["EUR", 11, 40]],
  [0, "+I", ["EUR", 45]],
  ["wm", MAX_WATERMARK],
];

describe("TemporalJoinOperator", () => {
  it("joins the version valid at each left row's time, a deleted version as none, with the left's kinds", () => {
    const out: Emitted[] = [];
    run(temporal(out, true), TEMPORAL_EVENTS);
    expect(out).toEqual([
      ["+I", ["EUR", 5, "EUR", 10, 0]],
      ["wm", 6],
      // at watermark 30, in arrival order; the version deleted at 20 is no version for time 25
      ["+U", ["EUR", 12, "EUR", 12, 10]],
      ["+I", ["EUR", 25, null, null, null]],
      ["-D", ["EUR", 12, "EUR", 12, 10]],
      ["wm", 30],
      ["+I", ["USD", 31, null, null, null]],
      ["+I", ["EUR", 45, "EUR", 11, 40]],
      ["wm", MAX_WATERMARK],
    ]);
  });

  for (const outer of [false, true]) {
    it(`restores mid-stream (${outer ? "LEFT" : "INNER"})`, () => {
      checkRestore((out) => temporal(out, outer), TEMPORAL_EVENTS);
    });
  }
});
