import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { GroupAggregateOperator } from "../../../src/engine/runtime/operators/group-aggregate.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const INT = { kind: "INT", nullable: true } as const;

function operator(out: [RowKind, Row][], generateUpdateBefore = true): GroupAggregateOperator {
  const spec = (name: string) => ({
    name,
    argTypes: [INT],
    resultType: INT,
    distinct: false,
    ignoreNulls: false,
  });
  return new GroupAggregateOperator(
    {
      description: "GroupAggregate(groupBy=[k], select=[k, SUM(v), MAX(v)])",
      keys: [0],
      calls: [
        { fn: createAggregate(spec("SUM")), args: [1] },
        { fn: createAggregate(spec("MAX")), args: [1] },
      ],
      generateUpdateBefore,
    },
    recordInto(out as Emitted[]),
  );
}

const INPUT: [RowKind, Row][] = [
  ["+I", ["a", 1]],
  ["+I", ["a", 2]],
  ["-U", ["a", 1]],
  ["+I", ["b", 0]],
  ["+I", ["a", 0]],
  ["-D", ["a", 2]],
  ["-D", ["a", 0]],
  ["-D", ["zz", 1]],
];

describe("GroupAggregate", () => {
  it("emits Flink's changelog: +I, -U/+U, nothing for an unchanged result, -D when the group empties", () => {
    const out: [RowKind, Row][] = [];
    const op = operator(out);
    for (const [kind, row] of INPUT) op.process(kind, row);
    expect(out).toEqual([
      ["+I", ["a", 1, 1]],
      ["-U", ["a", 1, 1]],
      ["+U", ["a", 3, 2]],
      ["-U", ["a", 3, 2]],
      ["+U", ["a", 2, 2]],
      ["+I", ["b", 0, 0]],
      // +I a 0: SUM and MAX unchanged → no output
      ["-U", ["a", 2, 2]],
      ["+U", ["a", 0, 0]],
      ["-D", ["a", 0, 0]],
    ]);
  });

  it("emits +U alone when no consumer needs the old row", () => {
    const out: [RowKind, Row][] = [];
    const op = operator(out, false);
    for (const [kind, row] of INPUT.slice(0, 2)) op.process(kind, row);
    expect(out.map(([k]) => k)).toEqual(["+I", "+U"]);
  });

  it("restored from a snapshot at any point, continues with the same changelog", () => {
    const straight: [RowKind, Row][] = [];
    const op = operator(straight);
    for (const [kind, row] of INPUT) op.process(kind, row);
    for (let cut = 0; cut <= INPUT.length; cut++) {
      const out: [RowKind, Row][] = [];
      const first = operator(out);
      for (const [kind, row] of INPUT.slice(0, cut)) first.process(kind, row);
      const state = decodeRow(encodeRow([first.snapshot()]))[0]!;
      const second = operator(out);
      second.restore(state);
      for (const [kind, row] of INPUT.slice(cut)) second.process(kind, row);
      expect(out).toEqual(straight);
    }
  });
});
