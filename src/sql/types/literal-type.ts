import type { Literal, TypedLiteral } from "../ast/expression.ts";
import { t } from "./constructors.ts";
import type { DataType } from "./data-type.ts";
import { MAX_DECIMAL_PRECISION } from "./decimal-rules.ts";
import type { TypingError } from "./type-error.ts";

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MAX = 2n ** 63n - 1n;

/**
 * The type Flink gives a literal. Literals are NOT NULL, except NULL (the NULL type) and UNKNOWN
 * (a nullable BOOLEAN).
 *
 * - `42` → INT; `3000000000` → BIGINT; beyond BIGINT, Flink rejects the literal: see
 *   `numericLiteralError` (the type given here is then DECIMAL(n, 0), to keep binding).
 * - `1.50` → DECIMAL(3, 2): precision counts every digit written, leading zeros included, so
 *   `0.908` → DECIMAL(4, 3) and `.5` → DECIMAL(1, 1) (Calcite's SqlLiteral.createExactNumeric).
 * - `1e3`, `2.5E-3` → DOUBLE.
 * - `'abc'` → CHAR(3); `''` → CHAR(0). `X'0AFF'` → BINARY(2).
 * - `DATE '...'` → DATE; `TIME '12:00:00.5'` → TIME(1); `TIMESTAMP '... 10:00:00.123'` → TIMESTAMP(3):
 *   the precision is the number of fraction digits written.
 * - `INTERVAL '...' DAY TO SECOND` → INTERVAL SECOND(3); `INTERVAL '...' YEAR TO MONTH` → INTERVAL MONTH:
 *   Flink's planner represents every day-time interval as milliseconds and every year-month one as months.
 */
export function literalType(expr: Literal): DataType {
  switch (expr.kind) {
    case "numeric":
      return numericLiteralType(expr.text);
    case "string":
      return t.char(codePointCount(expr.value), false);
    case "boolean":
      return t.boolean(expr.value === "unknown");
    case "null":
      return t.null();
    case "binary":
      return t.binary(Math.ceil(expr.hex.length / 2), false);
    case "typedLiteral":
      return typedLiteralType(expr);
    case "interval":
      return isYearMonth(expr.qualifier.start)
        ? t.intervalYearMonth("MONTH", 2, false)
        : t.intervalDayTime("SECOND", 2, 3, false);
    default:
      return expr satisfies never;
  }
}

/** The type of a numeric literal's text (without sign: `-1` is a negation of `1`). */
export function numericLiteralType(text: string): DataType {
  // Most literals are small integers: decided without the regular expression and the bigint below.
  if (text.length <= MAX_INT_DIGITS && isDigits(text)) return t.int(false);
  if (isApproximate(text)) return t.double(false);
  const dot = text.indexOf(".");
  const hasFraction = dot >= 0 && dot < text.length - 1;
  if (!hasFraction) {
    const unscaled = unscaledValue(text);
    if (unscaled >= INT_MIN && unscaled <= INT_MAX) return t.int(false);
    if (unscaled <= LONG_MAX) return t.bigint(false);
  }
  // Precision (every digit written) beyond DECIMAL's 38 is clamped, as Calcite's type factory does.
  const digits = dot >= 0 ? text.length - 1 : text.length;
  const precision = Math.min(digits, MAX_DECIMAL_PRECISION);
  const scale = hasFraction ? text.length - dot - 1 : 0;
  return t.decimal(precision, Math.min(scale, precision), false);
}

/**
 * Flink's refusal of an exact literal whose digits (ignoring the point) exceed a 64-bit integer:
 * Calcite validates literals against a Java long.
 */
export function numericLiteralError(text: string): TypingError | undefined {
  if (isApproximate(text) || unscaledValue(text) <= LONG_MAX) return undefined;
  return { error: `Numeric literal '${text}' out of range` };
}

/** Digits of the longest decimal integer that always fits INT (999,999,999 < 2^31). */
const MAX_INT_DIGITS = 9;

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The length of `text` in code points (a CHAR's length), counted without splitting the string. */
function codePointCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}

function isApproximate(text: string): boolean {
  return /[eE]/.test(text);
}

function unscaledValue(text: string): bigint {
  const digits = text.replace(".", "");
  return BigInt(digits === "" ? "0" : digits);
}

function typedLiteralType(expr: TypedLiteral): DataType {
  const precision = fractionDigits(expr.value);
  switch (expr.type) {
    case "DATE":
      return t.date(false);
    case "TIME":
      return t.time(precision, false);
    case "TIMESTAMP":
      return t.timestamp(precision, false);
    case "TIMESTAMP_LTZ":
      return t.timestampLtz(precision, false);
    default:
      return expr.type satisfies never;
  }
}

/** Digits after the seconds' decimal point: `12:00:00.120` has 3. */
function fractionDigits(value: string): number {
  const match = /:\d{1,2}\.(\d+)\s*$/.exec(value.trim());
  return match === null ? 0 : match[1]!.length;
}

function isYearMonth(unit: string): boolean {
  return unit === "YEAR" || unit === "MONTH" || unit === "QUARTER";
}
