import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import { GroupAccumulators } from "../../../src/engine/runtime/aggregates/group-accumulators.ts";
import type { AggregateFunction } from "../../../src/engine/runtime/aggregates/index.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { compilePredicate, createEvalContext } from "../../../src/engine/runtime/expr/index.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import { AlignedWindows } from "../../../src/engine/runtime/windows/aligned-windows.ts";
import { SessionWindowAggregateOperator } from "../../../src/engine/runtime/windows/session-window-aggregate.ts";
import { SessionWindowTableFunctionOperator } from "../../../src/engine/runtime/windows/session-window-table-function.ts";
import { WindowAggregateOperator } from "../../../src/engine/runtime/windows/window-aggregate.ts";
import { WindowClock } from "../../../src/engine/runtime/windows/window-clock.ts";
import { WindowJoinOperator } from "../../../src/engine/runtime/windows/window-join.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const INT = { kind: "INT", nullable: true } as const;
const STRING = { kind: "VARCHAR", length: 2147483647, nullable: true } as const;
const ROWTIME = new WindowClock({ attribute: "rowtime", localTime: false }, "UTC");
const S = 1000;

/** An operator's input: rows (on input 0 unless given), watermarks, processing-time ticks. */
type Step = ["row", RowKind, Row, number?] | ["wm", number] | ["now", number];

function call(name: string, args: number[], type: typeof INT | typeof STRING = INT, retraction = false) {
  const fn: AggregateFunction = createAggregate({
    name,
    argTypes: args.map(() => type),
    resultType: name === "COUNT" ? { kind: "BIGINT", nullable: false } : type,
    distinct: false,
    ignoreNulls: false,
    retraction,
  });
  return { fn, args };
}

/** Runs `steps` through a fresh operator; the clock reads what the last "now" step set. */
function run(make: (out: Emitted[], clock: () => number) => Operator, steps: readonly Step[]): Emitted[] {
  const out: Emitted[] = [];
  const clock = { now: 0 };
  const op = make(out, () => clock.now);
  for (const step of steps) apply(op, step, clock);
  return out;
}

function apply(op: Operator, step: Step, clock: { now: number }): void {
  if (step[0] === "row") op.process(step[1], step[2], step[3] ?? 0);
  else if (step[0] === "wm") op.onWatermark(step[1]);
  else {
    clock.now = step[1];
    op.onProcessingTime?.(step[1]);
  }
}

/**
 * At every cut, the operator's snapshot goes through the row codec (as a checkpoint would write it),
 * a fresh operator restores it and takes the rest of the input: together they emit what one
 * uninterrupted operator emits.
 */
function expectRestorable(
  make: (out: Emitted[], clock: () => number) => Operator,
  steps: readonly Step[],
): void {
  const straight = run(make, steps);
  for (let cut = 0; cut <= steps.length; cut++) {
    const out: Emitted[] = [];
    const clock = { now: 0 };
    const first = make(out, () => clock.now);
    for (const step of steps.slice(0, cut)) apply(first, step, clock);
    const state = decodeRow(encodeRow([first.snapshot()]))[0] as SqlValue;
    const second = make(out, () => clock.now);
    second.restore(state);
    for (const step of steps.slice(cut)) apply(second, step, clock);
    expect(out, `restored after step ${cut}`).toEqual(straight);
  }
}

describe("WindowAggregate (HOP 10 s / 5 s, SUM and FIRST_VALUE per key)", () => {
  const make = (out: Emitted[]) =>
    new WindowAggregateOperator(
      {
        description: "WindowAggregate",
        keys: [0],
        accumulators: new GroupAccumulators([call("SUM", [1]), call("FIRST_VALUE", [1])]),
        assignment: {
          kind: "rowtime",
          field: 2,
          windows: new AlignedWindows({ kind: "HOP", size: 10 * S, slide: 5 * S }),
        },
        clock: ROWTIME,
        properties: ["start", "end", "rowtime"],
        now: () => 0,
      },
      recordInto(out, true),
    );
  const steps: Step[] = [
    ["row", "+I", ["a", 1, 1 * S]],
    ["row", "+I", ["b", 2, 6 * S]],
    ["row", "+I", ["a", 3, 7 * S]],
    ["wm", 9_999],
    // Late for [0, 10), on time for [5, 15).
    ["row", "+I", ["a", 4, 2 * S]],
    ["row", "+I", ["a", 5, 6 * S]],
    ["wm", 20 * S],
    ["row", "+I", ["b", 6, 12 * S]],
  ];

  it("fires windows in end order at the watermark and drops rows only for fired windows", () => {
    expect(run(make, steps)).toEqual([
      ["+I", ["a", 1, 1, -5 * S, 5 * S, 4_999]],
      ["+I", ["a", 4, 1, 0, 10 * S, 9_999]],
      ["+I", ["b", 2, 2, 0, 10 * S, 9_999]],
      ["wm", 9_999],
      ["+I", ["b", 2, 2, 5 * S, 15 * S, 14_999]],
      ["+I", ["a", 8, 3, 5 * S, 15 * S, 14_999]],
      ["wm", 20 * S],
    ]);
  });

  it("restores from a snapshot taken at any point", () => expectRestorable(make, steps));

  it("frees each window's state when it fires", () => {
    const op = make([]);
    for (const step of steps.slice(0, 5)) apply(op, step, { now: 0 });
    const open = (): unknown[] => (op.snapshot() as Map<SqlValue, SqlValue>).get("windows") as unknown[];
    expect(open().length).toBeGreaterThan(0);
    op.onWatermark(Number.MAX_SAFE_INTEGER);
    expect(open()).toEqual([]);
  });

  it("names the null rowtime it cannot window", () => {
    expect(() => run(make, [["row", "+I", ["a", 1, null]]])).toThrow(
      "RowTime field should not be null, please convert it to a non-null long value.",
    );
  });
});

describe("WindowAggregate over processing time (TUMBLE 10 s)", () => {
  const make = (out: Emitted[], clock: () => number) =>
    new WindowAggregateOperator(
      {
        description: "WindowAggregate",
        keys: [0],
        accumulators: new GroupAccumulators([call("COUNT", [])]),
        assignment: { kind: "proctime", windows: new AlignedWindows({ kind: "TUMBLE", size: 10 * S }) },
        clock: new WindowClock({ attribute: "proctime", localTime: true }, "UTC"),
        properties: ["start", "end", "proctime"],
        now: clock,
      },
      recordInto(out, true),
    );
  const steps: Step[] = [
    ["now", 1 * S],
    ["row", "+I", ["a"]],
    ["now", 9 * S],
    ["row", "+I", ["a"]],
    ["row", "+I", ["b"]],
    // Watermarks do not fire processing-time windows.
    ["wm", 100 * S],
    ["now", 9_999],
    ["row", "+I", ["c"]],
    ["now", 15 * S],
    ["now", 25 * S],
  ];

  it("windows rows by the clock when they arrive and fires when the clock reaches the window's last millisecond", () => {
    // c arrives at 9.999 s, into [0, 10) which has just fired: processing time is never late, the
    // window fires again for c at the next tick (Flink fires a timer registered in the past at once).
    expect(run(make, steps)).toEqual([
      ["wm", 100 * S],
      ["+I", ["a", 2, 0, 10 * S, 9_999]],
      ["+I", ["b", 1, 0, 10 * S, 9_999]],
      ["+I", ["c", 1, 0, 10 * S, 15 * S]],
    ]);
  });

  it("restores from a snapshot taken at any point", () => expectRestorable(make, steps));
});

describe("SessionWindowAggregate (gap 10 s)", () => {
  const make = (fn: string) => (out: Emitted[]) =>
    new SessionWindowAggregateOperator(
      {
        description: "WindowAggregate",
        keys: [0],
        accumulators: new GroupAccumulators([call("COUNT", []), call(fn, [1], STRING, true)]),
        gap: 10 * S,
        rowtime: 2,
        clock: ROWTIME,
        properties: ["start", "end"],
        now: () => 0,
      },
      recordInto(out, true),
    );
  const steps: Step[] = [
    ["row", "+I", ["u", "home", 0]],
    ["row", "+I", ["u", "cart", 14 * S]],
    ["row", "+I", ["v", "x", 3 * S]],
    ["wm", 9 * S],
    // Bridges [0, 10) and [14, 24).
    ["row", "+I", ["u", "search", 7 * S]],
    // Retracting a row takes it out of its session.
    ["row", "-D", ["u", "cart", 14 * S]],
    ["wm", 30 * S],
    // Late: [1, 11) ended before the watermark and touches no open session.
    ["row", "+I", ["u", "late", 1 * S]],
    ["row", "+I", ["u", "next", 31 * S]],
    ["wm", 50 * S],
  ];

  it("merges sessions a row bridges and emits each when the watermark passes its end", () => {
    expect(run(make("LAST_VALUE"), steps)).toEqual([
      ["wm", 9 * S],
      ["+I", ["v", 1, "x", 3 * S, 13 * S]],
      ["+I", ["u", 2, "search", 0, 24 * S]],
      ["wm", 30 * S],
      ["+I", ["u", 1, "next", 31 * S, 41 * S]],
      ["wm", 50 * S],
    ]);
  });

  it("restores from a snapshot at any point, merging by accumulators (MAX) or by replay (LAST_VALUE)", () => {
    expectRestorable(make("MAX"), steps);
    expectRestorable(make("LAST_VALUE"), steps);
  });
});

describe("SESSION window TVF (gap 5 s, partitioned by the first column)", () => {
  const make = (out: Emitted[]) =>
    new SessionWindowTableFunctionOperator(
      {
        description: "WindowTableFunction",
        partitionKeys: [0],
        gap: 5 * S,
        rowtime: 1,
        clock: ROWTIME,
        now: () => 0,
      },
      recordInto(out, true),
    );
  const steps: Step[] = [
    ["row", "+I", ["a", 1 * S]],
    ["row", "+I", ["b", 2 * S]],
    ["row", "+I", ["a", 4 * S]],
    ["wm", 8 * S],
    ["row", "+I", ["a", 2 * S]],
    ["wm", 10 * S],
  ];

  it("holds a session's rows until it ends and drops rows for ended sessions", () => {
    expect(run(make, steps)).toEqual([
      ["+I", ["b", 2 * S, 2 * S, 7 * S, 6_999]],
      ["wm", 8 * S],
      ["+I", ["a", 1 * S, 1 * S, 9 * S, 8_999]],
      ["+I", ["a", 4 * S, 1 * S, 9 * S, 8_999]],
      ["+I", ["a", 2 * S, 1 * S, 9 * S, 8_999]],
      ["wm", 10 * S],
    ]);
  });

  it("restores from a snapshot taken at any point", () => expectRestorable(make, steps));
});

describe("WindowJoin (FULL, key in column 0, window_end in column 1, extra condition)", () => {
  const ctx = createEvalContext({ clock: () => 0 });
  // left.v (2) < right.v (5): a row is [key, window_end, v].
  const condition = compilePredicate(
    {
      kind: "call",
      name: "<",
      args: [
        {
          kind: "column",
          binding: 0,
          column: 2,
          name: "v",
          type: INT,
          span: { start: 0, end: 0, line: 1, col: 1 },
        },
        {
          kind: "column",
          binding: 1,
          column: 2,
          name: "v",
          type: INT,
          span: { start: 0, end: 0, line: 1, col: 1 },
        },
      ],
      type: { kind: "BOOLEAN", nullable: true },
      span: { start: 0, end: 0, line: 1, col: 1 },
    },
    {
      columnIndex: (ref) => ref.binding * 3 + ref.column,
      groupIndex: () => -1,
      aggregateIndex: () => -1,
      windowIndex: () => -1,
    },
  );
  const make = (out: Emitted[]) =>
    new WindowJoinOperator(
      {
        description: "WindowJoin",
        joinType: "FULL",
        left: { windowEnd: 1, keys: [0], width: 3 },
        right: { windowEnd: 1, keys: [0], width: 3 },
        condition,
        clock: ROWTIME,
        ctx,
      },
      recordInto(out, true),
    );
  const steps: Step[] = [
    ["row", "+I", ["a", 10 * S, 1], 0],
    ["row", "+I", ["a", 10 * S, 5], 1],
    ["row", "+I", ["a", 10 * S, 0], 1],
    ["row", "+I", [null, 10 * S, 1], 0],
    ["row", "+I", [null, 10 * S, 9], 1],
    ["row", "+I", ["b", 20 * S, 1], 0],
    ["wm", 9_999],
    ["row", "+I", ["a", 10 * S, 7], 0],
    ["row", "+I", ["b", 20 * S, 2], 1],
    ["wm", 20 * S],
  ];

  it("joins a window's rows when the watermark passes its end; NULL keys match nothing", () => {
    expect(run(make, steps)).toEqual([
      ["+I", ["a", 10 * S, 1, "a", 10 * S, 5]],
      ["+I", [null, null, null, "a", 10 * S, 0]],
      ["+I", [null, 10 * S, 1, null, null, null]],
      ["+I", [null, null, null, null, 10 * S, 9]],
      ["wm", 9_999],
      ["+I", ["b", 20 * S, 1, "b", 20 * S, 2]],
      ["wm", 20 * S],
    ]);
  });

  it("restores from a snapshot taken at any point", () => expectRestorable(make, steps));
});
