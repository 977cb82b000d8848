import type { SqlValue } from "../../../common/value.ts";
import type { AggregateFunction } from "./aggregate-function.ts";

/** A mutable counter, the accumulator of COUNT and the row counter of other aggregates. */
export interface Counter {
  n: number;
}

/**
 * COUNT(*) (Flink's Count1AggFunction) and COUNT(x [, y...]) (CountAggFunction): the number of rows,
 * or of rows whose arguments are all non-NULL. Retraction subtracts; merging adds.
 */
export function countAggregate(name: string): AggregateFunction<Counter> {
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ n: 0 }),
    accumulate(acc, args) {
      if (allNonNull(args)) acc.n++;
    },
    retract(acc, args) {
      if (allNonNull(args)) acc.n--;
    },
    merge(acc, other) {
      acc.n += other.n;
    },
    getValue: (acc) => acc.n,
    snapshot: (acc) => acc.n,
    restore: (snapshot) => ({ n: snapshot as number }),
  };
}

function allNonNull(args: readonly SqlValue[]): boolean {
  for (let i = 0; i < args.length; i++) if (args[i] === null) return false;
  return true;
}
