/**
 * DECIMAL(p, s) values are bigints holding value × 10^s (common/value.ts). These helpers follow
 * Flink's DecimalData: results are rounded HALF_UP to the target scale, and a value with more than
 * `p` digits is not an error but NULL (`DecimalData.fromBigDecimal` returns null on precision overflow).
 */

const POWERS: bigint[] = [1n];
for (let i = 1; i <= 80; i++) POWERS.push(POWERS[i - 1]! * 10n);

/** 10^n as a bigint (n ≤ 80). */
export function pow10(n: number): bigint {
  return POWERS[n] ?? 10n ** BigInt(n);
}

/** n / d rounded HALF_UP (ties away from zero), as BigDecimal's RoundingMode.HALF_UP. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const absD = d < 0n ? -d : d;
  if (twice < absD) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

/** Changes the scale of an unscaled value, rounding HALF_UP when digits are dropped. */
export function rescale(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return unscaled;
  if (toScale > fromScale) return unscaled * pow10(toScale - fromScale);
  return divideHalfUp(unscaled, pow10(fromScale - toScale));
}

/** Whether the unscaled value has at most `precision` digits. */
export function fitsPrecision(unscaled: bigint, precision: number): boolean {
  const limit = pow10(precision);
  return unscaled < limit && unscaled > -limit;
}

/** Rescales to DECIMAL(p, s); NULL when the result does not fit, as Flink's DecimalData.fromBigDecimal. */
export function toDecimal(
  unscaled: bigint,
  fromScale: number,
  precision: number,
  scale: number,
): bigint | null {
  const value = rescale(unscaled, fromScale, scale);
  return fitsPrecision(value, precision) ? value : null;
}

/** Plain notation with exactly `scale` fraction digits: 1.50, -0.05, 12 (BigDecimal.toPlainString). */
export function decimalToString(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const point = digits.length - scale;
  return `${negative ? "-" : ""}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The nearest double; exact division when both parts are exact doubles, else via the decimal text. */
export function decimalToNumber(unscaled: bigint, scale: number): number {
  if (scale <= 22 && unscaled <= 9007199254740991n && unscaled >= -9007199254740991n) {
    return Number(unscaled) / 10 ** scale;
  }
  return Number(decimalToString(unscaled, scale));
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses decimal text (`12.5`, `-1e3`, `.5`) exactly: the unscaled digits and their scale, or
 * undefined if it is not a number.
 */
export function parseDecimalText(text: string): { unscaled: bigint; scale: number } | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) return undefined;
  const fraction = m[3] ?? "";
  let unscaled = BigInt((m[2] || "0") + fraction);
  if (m[1] === "-") unscaled = -unscaled;
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    unscaled *= pow10(-scale);
    scale = 0;
  }
  return { unscaled, scale };
}

/**
 * A double as DECIMAL(p, s). Flink goes through `BigDecimal.valueOf(double)`, i.e. the shortest
 * decimal text of the double, then rounds HALF_UP; NaN and infinities have no DECIMAL value.
 */
export function decimalFromNumber(value: number, precision: number, scale: number): bigint | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isSafeInteger(value)) return toDecimal(BigInt(value), 0, precision, scale);
  const parsed = parseDecimalText(String(value))!;
  return toDecimal(parsed.unscaled, parsed.scale, precision, scale);
}

/** The integer part, truncated toward zero (CAST(DECIMAL AS INT)). */
export function decimalTruncate(unscaled: bigint, scale: number): bigint {
  return scale === 0 ? unscaled : unscaled / pow10(scale);
}

/** FLOOR of an unscaled value to a whole number, still at the input scale's unit (i.e. result scale 0). */
export function decimalFloor(unscaled: bigint, scale: number): bigint {
  if (scale === 0) return unscaled;
  const d = pow10(scale);
  const q = unscaled / d;
  return unscaled < 0n && q * d !== unscaled ? q - 1n : q;
}

export function decimalCeil(unscaled: bigint, scale: number): bigint {
  if (scale === 0) return unscaled;
  const d = pow10(scale);
  const q = unscaled / d;
  return unscaled > 0n && q * d !== unscaled ? q + 1n : q;
}

/** Compares two decimals of possibly different scales exactly. */
export function compareDecimals(a: bigint, scaleA: number, b: bigint, scaleB: number): number {
  const x = scaleA < scaleB ? a * pow10(scaleB - scaleA) : a;
  const y = scaleB < scaleA ? b * pow10(scaleA - scaleB) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}
