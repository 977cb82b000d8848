import type { SqlValue } from "../../../common/value.ts";
import { type AggregateFunction, unsupportedMerge } from "./aggregate-function.ts";

interface SingleValue {
  value: SqlValue;
  count: number;
}

/**
 * SINGLE_VALUE(x), which the planner puts under a scalar subquery that may return several rows
 * (Flink's SingleValueAggFunction): the one value, or a run-time error on a second row.
 */
export function singleValueAggregate(name: string): AggregateFunction<SingleValue> {
  return {
    name,
    supportsRetraction: true,
    supportsMerge: false,
    createAccumulator: () => ({ value: null, count: 0 }),
    accumulate(acc, args) {
      if (++acc.count > 1) throw new Error("SingleValueAggFunction received more than one element.");
      acc.value = args[0]!;
    },
    retract(acc) {
      acc.count--;
    },
    merge: unsupportedMerge(name),
    getValue: (acc) => (acc.count > 0 ? acc.value : null),
    snapshot: (acc) => [acc.value, acc.count],
    restore: (snapshot) => {
      const [value, count] = snapshot as [SqlValue, number];
      return { value, count };
    },
  };
}
