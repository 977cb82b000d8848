import type { SqlValue } from "../../../common/value.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { ValueCounts } from "./value-counts.ts";

/**
 * COLLECT(x) → MULTISET (Flink's CollectAggFunction): a count per non-NULL value; retraction decrements
 * and drops a value at 0, merging adds counts. An empty group gives an empty multiset. Flink keeps
 * negative counts (retraction before the row) in the map it returns; here they stay in the accumulator,
 * where a merge can cancel them, but only positive counts are part of the value.
 */
export function collectAggregate(name: string): AggregateFunction<ValueCounts> {
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => new ValueCounts(),
    accumulate(acc, args) {
      const v = args[0]!;
      if (v !== null) acc.add(v, 1);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v !== null) acc.add(v, -1);
    },
    merge(acc, other) {
      for (const [key, count] of other.counts) acc.add(other.valueOf(key), count);
    },
    getValue(acc) {
      const multiset = new Map<SqlValue, number>();
      for (const [key, count] of acc.counts) if (count > 0) multiset.set(acc.valueOf(key), count);
      return multiset;
    },
    snapshot: (acc) => acc.toPairs(),
    restore: (snapshot) => ValueCounts.fromPairs(snapshot),
  };
}
