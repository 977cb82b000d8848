import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { toJsonText } from "../functions/json-text.ts";
import { type AggregateFunction, unsupportedMerge } from "./aggregate-function.ts";
import { ArrivalList } from "./arrival-list.ts";

const JSON_NULL = "null";

/**
 * JSON_ARRAYAGG(x [ABSENT|NULL ON NULL]) (Flink's JsonArrayAggFunction): the JSON text of each value in
 * arrival order; NULLs are skipped (ABSENT ON NULL, `skipNulls`) or kept as `null`. A retraction removes
 * the oldest equal item and is ignored when there is none. An empty group gives `[]`. Flink declares
 * no merge for it.
 */
export function jsonArrayAgg(
  name: string,
  itemType: DataType,
  skipNulls: boolean,
): AggregateFunction<ArrivalList> {
  const itemText = (v: SqlValue): string | undefined =>
    v === null ? (skipNulls ? undefined : JSON_NULL) : toJsonText(v, itemType);
  return {
    name,
    supportsRetraction: true,
    supportsMerge: false,
    createAccumulator: () => new ArrivalList(),
    accumulate(acc, args) {
      const text = itemText(args[0]!);
      if (text !== undefined) acc.append(text);
    },
    retract(acc, args) {
      // Flink removes the `null` marker even under ABSENT ON NULL, where it can never be present.
      const v = args[0]!;
      acc.removeEarliest(v === null ? JSON_NULL : toJsonText(v, itemType));
    },
    merge: unsupportedMerge(name),
    getValue: (acc) => `[${acc.join(",")}]`,
    snapshot: (acc) => acc.values(),
    restore(snapshot) {
      const acc = new ArrivalList();
      for (const v of snapshot as SqlValue[]) acc.append(v);
      return acc;
    },
  };
}

export interface JsonObjectAcc {
  /** key → JSON text of the value (`null` for a NULL kept by NULL ON NULL), in insertion order. */
  entries: Map<string, string>;
  /** Retractions of entries not (yet) present; only merge consults them, as in Flink. */
  pending: Map<string, string>;
}

/**
 * JSON_OBJECTAGG(KEY k VALUE v [NULL|ABSENT ON NULL]) (Flink's JsonObjectAggFunction): one member per
 * row; a key that is already present is an error (also under ABSENT ON NULL if the present member came
 * from a non-NULL value). Members are written in insertion order (Flink iterates its MapView, whose
 * order is unspecified). A retraction removes the member when key and value match, else it is
 * remembered for merge.
 *
 * One deliberate difference: Flink stores a NULL value as an empty marker and compares the retracted
 * NULL against it, which never matches, so a retracted `k: null` member stays and re-adding `k` fails;
 * here retracting (k, NULL) removes it.
 */
export function jsonObjectAgg(
  name: string,
  valueType: DataType,
  skipNulls: boolean,
): AggregateFunction<JsonObjectAcc> {
  const keyOf = (k: SqlValue): string => {
    if (k === null) throw new SqlEvalError(name, "JSON_OBJECTAGG key must not be NULL");
    return k as string;
  };
  const assertAbsent = (acc: JsonObjectAcc, key: string): void => {
    if (acc.entries.has(key)) {
      throw new SqlEvalError(
        name,
        `Key '${key}' is already present; JSON_OBJECTAGG does not allow duplicate keys`,
      );
    }
  };
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ entries: new Map(), pending: new Map() }),
    accumulate(acc, args) {
      const key = keyOf(args[0]!);
      assertAbsent(acc, key);
      const v = args[1]!;
      if (v === null) {
        if (!skipNulls) acc.entries.set(key, JSON_NULL);
      } else {
        acc.entries.set(key, toJsonText(v, valueType));
      }
    },
    retract(acc, args) {
      const key = keyOf(args[0]!);
      const v = args[1]!;
      const text = v === null ? JSON_NULL : toJsonText(v, valueType);
      if (acc.entries.get(key) === text) acc.entries.delete(key);
      else acc.pending.set(key, text);
    },
    merge(acc, other) {
      for (const [key, text] of other.pending) {
        if (acc.entries.get(key) === text) acc.entries.delete(key);
        else acc.pending.set(key, text);
      }
      for (const [key, text] of other.entries) {
        if (acc.pending.get(key) === text) {
          acc.pending.delete(key);
        } else {
          assertAbsent(acc, key);
          acc.entries.set(key, text);
        }
      }
    },
    getValue(acc) {
      let text = "{";
      let first = true;
      for (const [key, value] of acc.entries) {
        text += `${first ? "" : ","}${JSON.stringify(key)}:${value}`;
        first = false;
      }
      return `${text}}`;
    },
    snapshot: (acc) => [[...acc.entries].flat(), [...acc.pending].flat()],
    restore(snapshot) {
      const [entries, pending] = snapshot as [string[], string[]];
      return { entries: pairsToMap(entries), pending: pairsToMap(pending) };
    },
  };
}

function pairsToMap(flat: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) map.set(flat[i]!, flat[i + 1]!);
  return map;
}
