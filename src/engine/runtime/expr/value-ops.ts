import type { SqlValue } from "../../../common/value.ts";
import { SqlEvalError } from "./eval-error.ts";

/**
 * Small run-time operations the generated code calls: Java integer semantics, Flink's comparisons of
 * strings (by code point, as BinaryStringData compares UTF-8 bytes), bytes and nested values.
 */

/** Java int division: truncates toward zero; dividing by zero is an ArithmeticException in Flink. */
export function intDivide(a: number, b: number, fn: string): number {
  if (b === 0) throw new SqlEvalError(fn, "division by zero");
  return (a / b) | 0;
}

/** BIGINT division, exact for every value within ±2^53. */
export function bigintDivide(a: number, b: number, fn: string): number {
  if (b === 0) throw new SqlEvalError(fn, "division by zero");
  if (Math.abs(a) < 2 ** 31) return Math.trunc(a / b) + 0;
  return Number(BigInt(a) / BigInt(b));
}

/** Java's `%`: the sign follows the dividend; zero divisor is an error. `+ 0` turns -0 into 0. */
export function integerRemainder(a: number, b: number, fn: string): number {
  if (b === 0) throw new SqlEvalError(fn, "division by zero");
  return (a % b) + 0;
}

export function checkedBigint(n: number, fn: string): number {
  if (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER)
    throw new SqlEvalError(fn, "BIGINT value out of the supported range ±2^53");
  return n;
}

/** Orders UTF-16 code units as code points: surrogates (U+D800–DFFF) sort above U+E000–FFFF. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
      return codePointRank(x) < codePointRank(y) ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Unsigned byte order, shorter first on a common prefix. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Equality of two rows, column by column (`valuesEqual`). */
export function rowsEqual(a: readonly SqlValue[], b: readonly SqlValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i]!, b[i]!)) return false;
  return true;
}

/**
 * Equality of two run-time values of the same type, nested ones included (ARRAY, ROW, MAP,
 * MULTISET). NULL elements are equal to each other here, as in Flink's equality of collections.
 */
export function valuesEqual(a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && compareBytes(a, b) === 0;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) {
      const match = mapGet(b, k);
      if (match === undefined || !valuesEqual(v, match)) return false;
    }
    return true;
  }
  return false;
}

/** A map lookup by value equality: primitive keys hit directly, nested keys are compared. */
export function mapGet(map: Map<SqlValue, SqlValue>, key: SqlValue): SqlValue | undefined {
  if (key === null || typeof key !== "object") return map.get(key);
  for (const [k, v] of map) if (valuesEqual(k, key)) return v;
  return undefined;
}

/** A total order on values of one type: for sorting ARRAY/ROW values and ARRAY_MIN/MAX. NULL first. */
export function compareValues(a: SqlValue, b: SqlValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return 0;
}
