import type { SqlValue } from "../../../common/value.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { compareValues, valuesEqual } from "../expr/value-ops.ts";
import { lenientBy, type ScalarFunction, strict } from "./scalar-function.ts";

/**
 * Collection functions (systemFunctions "Collection Functions"). ARRAY is a JS array, MAP a Map,
 * MULTISET a Map of element → count. Elements compare by value (valuesEqual), NULL elements included.
 */

function indexOfValue(array: readonly SqlValue[], needle: SqlValue): number {
  for (let i = 0; i < array.length; i++) if (valuesEqual(array[i]!, needle)) return i;
  return -1;
}

function distinct(array: readonly SqlValue[]): SqlValue[] {
  const out: SqlValue[] = [];
  for (const e of array) if (indexOfValue(out, e) < 0) out.push(e);
  return out;
}

export const CARDINALITY: ScalarFunction = strict((v: SqlValue[] | Map<SqlValue, SqlValue>) =>
  Array.isArray(v) ? v.length : v.size,
);

/** ELEMENT(array): the single element; NULL for an empty array; more than one element fails. */
export const ELEMENT: ScalarFunction = strict(
  (array: SqlValue[]) => {
    if (array.length > 1)
      throw new SqlEvalError("ELEMENT", `the array has ${array.length} elements; ELEMENT needs at most one`);
    return array.length === 0 ? null : array[0]!;
  },
  { mayReturnNull: true },
);

/** ARRAY_CONTAINS(array, x): a NULL needle looks for a NULL element. NULL array → NULL. */
export const ARRAY_CONTAINS: ScalarFunction = lenientBy(
  () => (array: SqlValue[] | null, needle: SqlValue) =>
    array === null ? null : indexOfValue(array, needle) >= 0,
);

/** ARRAY_POSITION(array, x): 1-based position of the first match, 0 when absent. */
export const ARRAY_POSITION: ScalarFunction = strict(
  (array: SqlValue[], needle: SqlValue) => indexOfValue(array, needle) + 1,
);

export const ARRAY_REMOVE: ScalarFunction = lenientBy(
  () => (array: SqlValue[] | null, needle: SqlValue) =>
    array === null ? null : array.filter((e) => !valuesEqual(e, needle)),
);

export const ARRAY_APPEND: ScalarFunction = lenientBy(
  () => (array: SqlValue[] | null, x: SqlValue) => (array === null ? null : [...array, x]),
);
export const ARRAY_PREPEND: ScalarFunction = lenientBy(
  () => (array: SqlValue[] | null, x: SqlValue) => (array === null ? null : [x, ...array]),
);

export const ARRAY_DISTINCT: ScalarFunction = strict((array: SqlValue[]) => distinct(array));
export const ARRAY_REVERSE: ScalarFunction = strict((array: SqlValue[]) => [...array].reverse());

/**
 * ARRAY_SLICE(array, start[, end]): 1-based, inclusive; negative positions count from the end; 0 is
 * treated as 1; an empty range gives an empty array.
 */
export const ARRAY_SLICE: ScalarFunction = strict((array: SqlValue[], start: number, end?: number) => {
  const n = array.length;
  const position = (p: number) => (p < 0 ? n + p + 1 : p === 0 ? 1 : p);
  const from = Math.max(position(start), 1);
  const to = Math.min(end === undefined ? n : position(end), n);
  return from > to ? [] : array.slice(from - 1, to);
});

export const ARRAY_UNION: ScalarFunction = strict((a: SqlValue[], b: SqlValue[]) => distinct([...a, ...b]));
export const ARRAY_INTERSECT: ScalarFunction = strict((a: SqlValue[], b: SqlValue[]) =>
  distinct(a.filter((e) => indexOfValue(b, e) >= 0)),
);
export const ARRAY_EXCEPT: ScalarFunction = strict((a: SqlValue[], b: SqlValue[]) =>
  distinct(a.filter((e) => indexOfValue(b, e) < 0)),
);
export const ARRAY_CONCAT: ScalarFunction = strict((...arrays: SqlValue[][]) => arrays.flat(1) as SqlValue[]);

/** ARRAY_JOIN(array, delimiter[, nullReplacement]): NULL elements are skipped unless replaced. */
export const ARRAY_JOIN: ScalarFunction = strict(
  (array: (string | null)[], delimiter: string, replacement?: string) =>
    array
      .map((e) => (e === null ? (replacement ?? null) : e))
      .filter((e): e is string => e !== null)
      .join(delimiter),
);

/** ARRAY_MAX/MIN: NULL elements are ignored; NULL for an empty array. */
function extreme(sign: number) {
  return strict(
    (array: SqlValue[]) => {
      let best: SqlValue = null;
      for (const e of array) if (e !== null && (best === null || sign * compareValues(e, best) > 0)) best = e;
      return best;
    },
    { mayReturnNull: true },
  );
}

export const ARRAY_MAX: ScalarFunction = extreme(1);
export const ARRAY_MIN: ScalarFunction = extreme(-1);

/** ARRAY_SORT(array[, ascending = TRUE[, nullsFirst = ascending]]). */
export const ARRAY_SORT: ScalarFunction = strict(
  (array: SqlValue[], ascending = true, nullsFirst = ascending) =>
    [...array].sort((a, b) => {
      if (a === null || b === null) return a === b ? 0 : (a === null) === nullsFirst ? -1 : 1;
      return ascending ? compareValues(a, b) : compareValues(b, a);
    }),
);

export const MAP_KEYS: ScalarFunction = strict((map: Map<SqlValue, SqlValue>) => [...map.keys()]);
export const MAP_VALUES: ScalarFunction = strict((map: Map<SqlValue, SqlValue>) => [...map.values()]);
export const MAP_ENTRIES: ScalarFunction = strict((map: Map<SqlValue, SqlValue>) =>
  [...map].map(([k, v]) => [k, v]),
);

/** MAP_FROM_ARRAYS(keys, values): the arrays must have the same length. */
export const MAP_FROM_ARRAYS: ScalarFunction = strict((keys: SqlValue[], values: SqlValue[]) => {
  if (keys.length !== values.length)
    throw new SqlEvalError(
      "MAP_FROM_ARRAYS",
      `the key array has ${keys.length} elements and the value array ${values.length}`,
    );
  return new Map(keys.map((k, i) => [k, values[i]!]));
});

/** MAP_UNION(m1, m2, ...): later maps override earlier keys. */
export const MAP_UNION: ScalarFunction = strict((...maps: Map<SqlValue, SqlValue>[]) => {
  const out = new Map<SqlValue, SqlValue>();
  for (const map of maps) {
    for (const [k, v] of map) {
      const existing = [...out.keys()].find((key) => valuesEqual(key, k));
      out.set(existing === undefined ? k : existing, v);
    }
  }
  return out;
});
