import type { SqlValue } from "../../../common/value.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { tupleKey, type ValueKey, valueKey } from "./value-key.ts";

export interface DistinctAcc<Inner> {
  inner: Inner;
  /** distinct argument tuple → how many rows carry it (negative: retracted before it arrived). */
  counts: Map<ValueKey, number>;
  /**
   * The arguments behind each key, to replay them on merge and write snapshots; absent when the key is
   * the single scalar argument itself (the common case, which then costs no copy). Created with the
   * first composite key: most groups never need it, and an empty Map costs a group ~100 bytes.
   */
  args: Map<ValueKey, SqlValue[]> | undefined;
}

/**
 * f(DISTINCT args): the inner aggregate sees each distinct argument tuple once. A count per tuple
 * decides when: the tuple is accumulated into `inner` when its count becomes positive and retracted
 * when it drops back to 0, as Flink's distinct MapView (DistinctAggCodeGen) does, so retraction works
 * for any inner function that supports it. Merging replays those transitions, so it needs no merge
 * from the inner function.
 */
export function distinctAggregate<Inner>(
  inner: AggregateFunction<Inner>,
): AggregateFunction<DistinctAcc<Inner>> {
  const keyOf = (args: readonly SqlValue[]): ValueKey =>
    args.length === 1 ? valueKey(args[0]!) : tupleKey(args);
  const change = (acc: DistinctAcc<Inner>, key: ValueKey, args: readonly SqlValue[], delta: number): void => {
    const before = acc.counts.get(key) ?? 0;
    const after = before + delta;
    if (after === 0) {
      acc.counts.delete(key);
      acc.args?.delete(key);
    } else {
      acc.counts.set(key, after);
      if (before === 0 && !isOwnKey(args)) keepArgs(acc, key, args.slice());
    }
    if (before <= 0 && after > 0) inner.accumulate(acc.inner, args);
    else if (before > 0 && after <= 0) inner.retract(acc.inner, args);
  };
  const argsOf = (acc: DistinctAcc<Inner>, key: ValueKey): SqlValue[] => acc.args?.get(key) ?? [key];
  return {
    name: inner.name,
    supportsRetraction: inner.supportsRetraction,
    supportsMerge: true,
    createAccumulator: () => ({ inner: inner.createAccumulator(), counts: new Map(), args: undefined }),
    accumulate: (acc, args) => change(acc, keyOf(args), args, 1),
    retract: (acc, args) => change(acc, keyOf(args), args, -1),
    merge(acc, other) {
      for (const [key, count] of other.counts) change(acc, key, argsOf(other, key), count);
    },
    getValue: (acc) => inner.getValue(acc.inner),
    snapshot(acc) {
      const tuples: SqlValue[] = [];
      for (const [key, count] of acc.counts) tuples.push([argsOf(acc, key), count]);
      return [inner.snapshot(acc.inner), tuples];
    },
    restore(snapshot) {
      const [innerSnapshot, tuples] = snapshot as [SqlValue, [SqlValue[], number][]];
      const acc: DistinctAcc<Inner> = {
        inner: inner.restore(innerSnapshot),
        counts: new Map(),
        args: undefined,
      };
      for (const [args, count] of tuples) {
        const key = keyOf(args);
        acc.counts.set(key, count);
        if (!isOwnKey(args)) keepArgs(acc, key, args);
      }
      return acc;
    },
  };
}

function keepArgs<Inner>(acc: DistinctAcc<Inner>, key: ValueKey, args: SqlValue[]): void {
  acc.args ??= new Map();
  acc.args.set(key, args);
}

/** One scalar argument: its value is its key, so the arguments need not be stored. */
function isOwnKey(args: readonly SqlValue[]): boolean {
  return args.length === 1 && (typeof args[0] !== "object" || args[0] === null);
}
