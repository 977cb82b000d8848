import { compareValues } from "../../../common/compare-values.ts";
import type { Row } from "../../../common/value.ts";
import type { SortKey } from "../../plan/logical/sort-key.ts";

/** Orders two rows by their sort fields; 0 when they tie on every key. */
export type RowComparator = (a: Row, b: Row) => number;

/**
 * Flink's generated sort-key comparator: key by key, NULLs where the key puts them (first or last,
 * whatever the direction), other values by their natural order, reversed for DESC.
 */
export function rowComparator(keys: readonly SortKey[]): RowComparator {
  const n = keys.length;
  return (a, b) => {
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const x = a[key.index]!;
      const y = b[key.index]!;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === key.nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  };
}
