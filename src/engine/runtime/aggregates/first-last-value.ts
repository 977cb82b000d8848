import type { SqlValue } from "../../../common/value.ts";
import { type AggregateFunction, unsupportedMerge, unsupportedRetract } from "./aggregate-function.ts";
import { ArrivalList } from "./arrival-list.ts";

export type Position = "FIRST_VALUE" | "LAST_VALUE";

/**
 * FIRST_VALUE/LAST_VALUE with retraction (Flink's FirstValueWithRetractAggFunction and
 * LastValueWithRetractAggFunction): every non-NULL value with its arrival order; retracting a value
 * removes its oldest copy, and the result is the oldest (newest) value still present. Flink orders by
 * System.currentTimeMillis(), so values arriving in the same millisecond tie in an unspecified way; an
 * arrival counter gives the same results without the ties.
 *
 * NULLs are always skipped: Flink's FIRST_VALUE/LAST_VALUE ignore NULLs and have no RESPECT NULLS
 * (FLINK-26764 was never merged). Neither variant supports merge in Flink.
 */
export function positionalWithRetract(name: Position): AggregateFunction<ArrivalList> {
  const pick =
    name === "FIRST_VALUE" ? (list: ArrivalList) => list.first() : (list: ArrivalList) => list.last();
  return {
    name,
    supportsRetraction: true,
    supportsMerge: false,
    createAccumulator: () => new ArrivalList(),
    accumulate(acc, args) {
      const v = args[0]!;
      if (v !== null) acc.append(v);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v !== null) acc.removeEarliest(v);
    },
    merge: unsupportedMerge(name),
    getValue: (acc) => pick(acc) ?? null,
    snapshot: (acc) => acc.values(),
    restore(snapshot) {
      const acc = new ArrivalList();
      for (const v of snapshot as SqlValue[]) acc.append(v);
      return acc;
    },
  };
}

/** Insert-only FIRST_VALUE/LAST_VALUE (FirstValueAggFunction/LastValueAggFunction): one value. */
export function positionalInsertOnly(name: Position): AggregateFunction<{ value: SqlValue }> {
  const keepFirst = name === "FIRST_VALUE";
  return {
    name,
    supportsRetraction: false,
    supportsMerge: false,
    createAccumulator: () => ({ value: null }),
    accumulate(acc, args) {
      const v = args[0]!;
      if (v !== null && (!keepFirst || acc.value === null)) acc.value = v;
    },
    retract: unsupportedRetract(name),
    merge: unsupportedMerge(name),
    getValue: (acc) => acc.value,
    snapshot: (acc) => acc.value,
    restore: (snapshot) => ({ value: snapshot }),
  };
}
