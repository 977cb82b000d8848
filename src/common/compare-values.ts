import type { SqlValue } from "./value.ts";

/**
 * Orders two non-NULL values of the same SQL type the way Flink's MIN/MAX do: numbers (also dates,
 * times, timestamps, intervals) numerically with NaN above everything as Java's Double.compareTo,
 * DECIMAL bigints numerically, strings by Unicode code point (Flink compares UTF-8 bytes, which orders
 * by code point; JS `<` compares UTF-16 units and misplaces U+E000..U+FFFF against supplementary
 * characters), booleans FALSE < TRUE, bytes as unsigned bytes, ROW/ARRAY element by element.
 */
export function compareValues(a: SqlValue, b: SqlValue): number {
  switch (typeof a) {
    case "number":
      return compareNumbers(a, b as number);
    case "bigint":
      return a < (b as bigint) ? -1 : a > (b as bigint) ? 1 : 0;
    case "string":
      return compareCodePoints(a, b as string);
    case "boolean":
      return a === b ? 0 : a ? 1 : -1;
  }
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array);
  if (Array.isArray(a)) return compareArrays(a, b as SqlValue[]);
  throw new TypeError("MAP and MULTISET values have no order");
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // At least one NaN: NaN sorts last and equals itself.
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
}

export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Moves surrogates (U+D800..U+DFFF) above U+E000..U+FFFF so UTF-16 units order as code points. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Element by element, NULL first (Flink's default NULLS FIRST for ascending order). */
function compareArrays(a: readonly SqlValue[], b: readonly SqlValue[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x !== y) return x === null ? -1 : 1;
      continue;
    }
    const c = compareValues(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
