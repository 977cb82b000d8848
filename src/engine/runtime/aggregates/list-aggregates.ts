import type { SqlValue } from "../../../common/value.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { ArrivalList } from "./arrival-list.ts";

/**
 * The state of LISTAGG and ARRAY_AGG with retraction: the values in arrival order and the retractions
 * that found no value to remove. Flink keeps the latter (`retractList`) only for merge, where they
 * cancel values of the other accumulator; plain accumulate does not consult them.
 */
export interface ListAcc {
  list: ArrivalList;
  pending: SqlValue[];
  /** LISTAGG only: the separator of the latest row (Flink's ListAggWsWithRetractAccumulator.delimiter). */
  separator: string | null;
}

const DEFAULT_SEPARATOR = ",";

function createListAcc(): ListAcc {
  return { list: new ArrivalList(), pending: [], separator: DEFAULT_SEPARATOR };
}

function removeOrRemember(acc: ListAcc, value: SqlValue): void {
  if (!acc.list.removeEarliest(value)) acc.pending.push(value);
}

/** Flink's merge: concatenate both lists, then let both pending lists remove what they can. */
function mergeLists(acc: ListAcc, other: ListAcc): void {
  for (const v of other.list.values()) acc.list.append(v);
  const pending = acc.pending.concat(other.pending);
  acc.pending = [];
  for (const v of pending) removeOrRemember(acc, v);
}

function snapshotList(acc: ListAcc): SqlValue {
  return [acc.list.values(), acc.pending, acc.separator];
}

function restoreList(snapshot: SqlValue): ListAcc {
  const [values, pending, separator] = snapshot as [SqlValue[], SqlValue[], string | null];
  const acc: ListAcc = { list: new ArrivalList(), pending: pending.slice(), separator };
  for (const v of values) acc.list.append(v);
  return acc;
}

/**
 * LISTAGG(x [, separator]) (ListAggWithRetractAggFunction, ListAggWsWithRetractAggFunction): the
 * non-NULL strings in arrival order joined by the separator (default ','); a retraction removes the
 * oldest equal string. NULL for an empty list. The separator is an argument evaluated per row, and
 * Flink joins with the one of the latest accumulated or retracted row.
 */
export function listAgg(name: string): AggregateFunction<ListAcc> {
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: createListAcc,
    accumulate(acc, args) {
      const v = args[0]!;
      if (v === null) return;
      if (args.length > 1) acc.separator = args[1] as string | null;
      acc.list.append(v);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v === null) return;
      if (args.length > 1) acc.separator = args[1] as string | null;
      removeOrRemember(acc, v);
    },
    merge(acc, other) {
      if (other.list.size === 0 && other.pending.length === 0) return;
      acc.separator = other.separator;
      mergeLists(acc, other);
    },
    // A NULL separator makes the concatenation NULL (CONCAT_WS semantics of BinaryStringDataUtil.concatWs).
    getValue: (acc) => (acc.list.size === 0 || acc.separator === null ? null : acc.list.join(acc.separator)),
    snapshot: snapshotList,
    restore: restoreList,
  };
}

/**
 * ARRAY_AGG(x) (ArrayAggFunction): the values in arrival order, NULLs included unless IGNORE NULLS;
 * NULL rather than an empty array when there are none.
 */
export function arrayAgg(name: string, ignoreNulls: boolean): AggregateFunction<ListAcc> {
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: createListAcc,
    accumulate(acc, args) {
      const v = args[0]!;
      if (v !== null || !ignoreNulls) acc.list.append(v);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v !== null || !ignoreNulls) removeOrRemember(acc, v);
    },
    merge: mergeLists,
    getValue: (acc) => (acc.list.size === 0 ? null : acc.list.values()),
    snapshot: snapshotList,
    restore: restoreList,
  };
}
