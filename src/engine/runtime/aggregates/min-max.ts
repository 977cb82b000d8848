import { compareValues } from "../../../common/compare-values.ts";
import type { SqlValue } from "../../../common/value.ts";
import { type AggregateFunction, unsupportedRetract } from "./aggregate-function.ts";
import { ValueCounts } from "./value-counts.ts";

/** +1 for MAX, -1 for MIN: `sign * compare(a, b) > 0` means a is the better extreme. */
type Direction = 1 | -1;

export function directionOf(name: string): Direction {
  return name === "MAX" ? 1 : -1;
}

export interface ExtremeWithRetractAcc {
  /** value → count; only values with a positive count are present in the group. */
  values: ValueCounts;
  /** How many distinct values have a positive count (Flink's mapSize). */
  present: number;
  /** The current extreme; meaningful only while present > 0. */
  extreme: SqlValue;
}

/**
 * MIN/MAX with retraction (Flink's MinWithRetractAggFunction/MaxWithRetractAggFunction): a count per
 * distinct value plus the current extreme. Accumulating compares against the extreme; retracting the
 * last copy of the extreme rescans the distinct values, the only O(distinct) step. Counts may go
 * negative (retraction before its row) and are then not part of the result until they are positive.
 */
export function extremeWithRetract(
  name: string,
  direction: Direction,
): AggregateFunction<ExtremeWithRetractAcc> {
  const better = (a: SqlValue, b: SqlValue): boolean => direction * compareValues(a, b) > 0;
  const rescan = (acc: ExtremeWithRetractAcc): void => {
    let found = false;
    for (const [key, count] of acc.values.counts) {
      if (count <= 0) continue;
      const value = acc.values.valueOf(key);
      if (!found || better(value, acc.extreme)) {
        acc.extreme = value;
        found = true;
      }
    }
    if (!found) acc.extreme = null;
  };
  const change = (acc: ExtremeWithRetractAcc, value: SqlValue, delta: number): void => {
    const before = acc.values.add(value, delta);
    const after = before + delta;
    if (before <= 0 && after > 0) {
      if (acc.present === 0 || better(value, acc.extreme)) acc.extreme = value;
      acc.present++;
    } else if (before > 0 && after <= 0) {
      acc.present--;
      if (acc.present === 0) acc.extreme = null;
      else if (compareValues(value, acc.extreme) === 0) rescan(acc);
    }
  };
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ values: new ValueCounts(), present: 0, extreme: null }),
    accumulate(acc, args) {
      const v = args[0]!;
      if (v !== null) change(acc, v, 1);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v !== null) change(acc, v, -1);
    },
    merge(acc, other) {
      for (const [key, count] of other.values.counts) change(acc, other.values.valueOf(key), count);
    },
    getValue: (acc) => (acc.present > 0 ? acc.extreme : null),
    snapshot: (acc) => acc.values.toPairs(),
    restore(snapshot) {
      const acc: ExtremeWithRetractAcc = {
        values: ValueCounts.fromPairs(snapshot),
        present: 0,
        extreme: null,
      };
      for (const count of acc.values.counts.values()) if (count > 0) acc.present++;
      rescan(acc);
      return acc;
    },
  };
}

/** Insert-only MIN/MAX (Flink's MinAggFunction/MaxAggFunction): just the extreme so far. */
export function extremeInsertOnly(
  name: string,
  direction: Direction,
): AggregateFunction<{ extreme: SqlValue }> {
  const fold = (acc: { extreme: SqlValue }, v: SqlValue): void => {
    if (v !== null && (acc.extreme === null || direction * compareValues(v, acc.extreme) > 0))
      acc.extreme = v;
  };
  return {
    name,
    supportsRetraction: false,
    supportsMerge: true,
    createAccumulator: () => ({ extreme: null }),
    accumulate: (acc, args) => fold(acc, args[0]!),
    retract: unsupportedRetract(name),
    merge: (acc, other) => fold(acc, other.extreme),
    getValue: (acc) => acc.extreme,
    snapshot: (acc) => acc.extreme,
    restore: (snapshot) => ({ extreme: snapshot }),
  };
}
