import { describe, expect, it } from "vitest";
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import { createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { GroupAggregateOperator } from "../../../src/engine/runtime/operators/group-aggregate.ts";
import { signatureOf } from "../../../src/engine/runtime/udf/udf-signature.ts";
import type { UserFunction } from "../../../src/sql/catalog/catalog.ts";
import { decodeRow, encodeRow } from "../../../src/store/index.ts";
import { weightedAvg } from "../../fixtures/udf/aggregates.ts";
import { type Emitted, recordInto } from "../runtime/recording-collector.ts";

const userFunction: UserFunction = {
  path: ["default_catalog", "default_database", "weighted_avg"],
  implementation: "aggregates.ts#weightedAvg",
  temporary: false,
  signature: signatureOf(weightedAvg, "weightedAvg"),
};

function operator(out: [RowKind, Row][]): GroupAggregateOperator {
  const fn = createAggregate({
    name: "weighted_avg",
    argTypes: [
      { kind: "BIGINT", nullable: true },
      { kind: "INT", nullable: true },
    ],
    resultType: { kind: "BIGINT", nullable: true },
    distinct: false,
    ignoreNulls: false,
    userFunction,
  });
  return new GroupAggregateOperator(
    {
      description: "GroupAggregate(groupBy=[k], select=[k, weighted_avg(v, w)])",
      keys: [0],
      calls: [{ fn, args: [1, 2] }],
      generateUpdateBefore: true,
    },
    recordInto(out as Emitted[]),
  );
}

const INPUT: [RowKind, Row][] = [
  ["+I", ["a", 10, 1]],
  ["+I", ["a", 30, 3]],
  ["+I", ["b", 5, 2]],
  ["-U", ["a", 10, 1]],
  ["+I", ["a", 2, 1]],
  ["-D", ["b", 5, 2]],
];

describe("user-defined aggregate state", () => {
  it("retracts through the function and emits Flink's changelog", () => {
    const out: [RowKind, Row][] = [];
    const op = operator(out);
    for (const [kind, row] of INPUT) op.process(kind, row);
    expect(out).toEqual([
      ["+I", ["a", 10]],
      ["-U", ["a", 10]],
      ["+U", ["a", 25]], // (10 + 90) / 4
      ["+I", ["b", 5]],
      ["-U", ["a", 25]],
      ["+U", ["a", 30]], // 90 / 3
      ["-U", ["a", 30]],
      ["+U", ["a", 23]], // (90 + 2) / 4
      ["-D", ["b", 5]],
    ]);
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
