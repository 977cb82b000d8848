import { SqlEvalError } from "../expr/eval-error.ts";
import { divideHalfUp, fitsPrecision, pow10, rescale } from "./decimal.ts";

/**
 * DECIMAL arithmetic as Flink's DecimalDataUtils: exact on the unscaled values, rounded HALF_UP to the
 * result type's scale, NULL when the result exceeds the result type's precision. The result type
 * comes from the binder (decimal-rules.ts).
 */

function fitPrecision(value: bigint, precision: number): bigint | null {
  return fitsPrecision(value, precision) ? value : null;
}

export function decimalAdd(
  a: bigint,
  sa: number,
  b: bigint,
  sb: number,
  p: number,
  s: number,
): bigint | null {
  const scale = Math.max(sa, sb);
  const sum = rescale(a, sa, scale) + rescale(b, sb, scale);
  return fitPrecision(rescale(sum, scale, s), p);
}

export function decimalSubtract(
  a: bigint,
  sa: number,
  b: bigint,
  sb: number,
  p: number,
  s: number,
): bigint | null {
  return decimalAdd(a, sa, -b, sb, p, s);
}

export function decimalMultiply(
  a: bigint,
  sa: number,
  b: bigint,
  sb: number,
  p: number,
  s: number,
): bigint | null {
  return fitPrecision(rescale(a * b, sa + sb, s), p);
}

/**
 * a / b at scale s: (a × 10^(s + sb − sa)) / b, rounded HALF_UP. Flink divides with MathContext
 * DECIMAL128 (34 digits) before rounding to s; the results differ only past 34 significant digits.
 */
export function decimalDivide(
  a: bigint,
  sa: number,
  b: bigint,
  sb: number,
  p: number,
  s: number,
  fn = "/",
): bigint | null {
  if (b === 0n) throw new SqlEvalError(fn, "division by zero");
  const shift = s + sb - sa;
  const quotient = shift >= 0 ? divideHalfUp(a * pow10(shift), b) : divideHalfUp(a, b * pow10(-shift));
  return fitPrecision(quotient, p);
}

/** a % b with the dividend's sign (BigDecimal.remainder); by zero is an error. */
export function decimalRemainder(
  a: bigint,
  sa: number,
  b: bigint,
  sb: number,
  p: number,
  s: number,
  fn = "%",
): bigint | null {
  if (b === 0n) throw new SqlEvalError(fn, "division by zero");
  const scale = Math.max(sa, sb);
  const r = rescale(a, sa, scale) % rescale(b, sb, scale);
  return fitPrecision(rescale(r, scale, s), p);
}
