// DECIMAL(p, s) values are unscaled bigints (common/value.ts). Parsing follows Java's BigDecimal
// syntax and Flink's DecimalData.fromBigDecimal: round HALF_UP to the scale, and a value whose
// precision then exceeds p becomes NULL rather than an error.

const DECIMAL_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

const POWERS: bigint[] = [];
export function powerOfTen(exponent: number): bigint {
  let cached = POWERS[exponent];
  if (cached === undefined) {
    cached = 10n ** BigInt(exponent);
    if (exponent < 64) POWERS[exponent] = cached;
  }
  return cached;
}

/** Parses decimal text (Java BigDecimal syntax); undefined when it is not a number. */
export function parseBigDecimal(text: string): { unscaled: bigint; scale: number } | undefined {
  const match = DECIMAL_SYNTAX.exec(text);
  if (match === null) return undefined;
  const [, sign = "", intDigits = "", fracDigits = "", exponent] = match;
  if (intDigits === "" && fracDigits === "") return undefined;
  const magnitude = BigInt((intDigits + fracDigits).replace(/^0+(?=\d)/, "") || "0");
  return {
    unscaled: sign === "-" ? -magnitude : magnitude,
    scale: fracDigits.length - (exponent === undefined ? 0 : Number(exponent)),
  };
}

/** Rescales an unscaled value, rounding HALF_UP (away from zero on .5) as Java's setScale does. */
export function rescaleHalfUp(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return unscaled * powerOfTen(toScale - fromScale);
  const divisor = powerOfTen(fromScale - toScale);
  const quotient = unscaled / divisor;
  const remainder = unscaled % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= divisor) return unscaled < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const limit = powerOfTen(precision);
  return unscaled < limit && unscaled > -limit;
}

/**
 * Decimal text to DECIMAL(p, s): the unscaled value, null when it does not fit p digits (Flink's
 * behaviour), undefined when the text is not a number.
 */
export function decimalFromText(text: string, precision: number, scale: number): bigint | null | undefined {
  const parsed = parseBigDecimal(text);
  if (parsed === undefined) return undefined;
  const unscaled = rescaleHalfUp(parsed.unscaled, parsed.scale, scale);
  return fitsPrecision(unscaled, precision) ? unscaled : null;
}

/** The exact decimal a JS number prints as (shortest round-trip digits). */
export function decimalFromNumber(
  value: number,
  precision: number,
  scale: number,
): bigint | null | undefined {
  if (!Number.isFinite(value)) return undefined;
  return decimalFromText(String(value), precision, scale);
}
