import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/**
 * A number an aggregate produced, kept exact when its inputs were: counts and sums of integers and
 * DECIMALs are unscaled bigints with a scale, sums of DOUBLEs are doubles. Ratios of exact amounts
 * are rounded once, at the end, so an average of money is the true average rounded, not the rounding
 * of a float that was already off.
 */
export type Amount =
  | { readonly kind: "exact"; readonly unscaled: bigint; readonly scale: number }
  | { readonly kind: "double"; readonly value: number };

/** The amount a non-null value of `type` is, or undefined when the type is not a number. */
export function amountOf(value: SqlValue, type: DataType): Amount | undefined {
  switch (type.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return { kind: "exact", unscaled: BigInt(value as number), scale: 0 };
    case "DECIMAL":
      return { kind: "exact", unscaled: value as bigint, scale: type.scale };
    case "FLOAT":
    case "DOUBLE":
      return { kind: "double", value: value as number };
    default:
      return undefined;
  }
}

/** Whether values of `type` are exact numbers, doubles, or not numbers at all. */
export function numericKind(type: DataType): Amount["kind"] | undefined {
  switch (type.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "DECIMAL":
      return "exact";
    case "FLOAT":
    case "DOUBLE":
      return "double";
    default:
      return undefined;
  }
}

export function toDouble(amount: Amount): number {
  return amount.kind === "double" ? amount.value : Number(amount.unscaled) / 10 ** amount.scale;
}

/** `numerator / denominator` rounded to a whole number, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < (denominator < 0n ? -denominator : denominator)) return quotient;
  return numerator < 0n !== denominator < 0n ? quotient - 1n : quotient + 1n;
}

/** A double rounded to `digits` fraction digits, halves away from zero (SQL's ROUND). */
export function roundDouble(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  return value < 0 ? -rounded : rounded;
}

/**
 * `a / b × factor`, rounded to `digits` fraction digits: exact (an unscaled bigint at scale `digits`)
 * when both amounts are, a double otherwise. Null when `b` is zero, as SQL's division by NULLIF(b, 0).
 */
export function divideAmounts(a: Amount, b: Amount, digits: number, factor = 1): Amount | null {
  if (a.kind === "exact" && b.kind === "exact") {
    if (b.unscaled === 0n) return null;
    const numerator = a.unscaled * 10n ** BigInt(b.scale + digits) * BigInt(factor);
    const denominator = b.unscaled * 10n ** BigInt(a.scale);
    return { kind: "exact", unscaled: divideRounded(numerator, denominator), scale: digits };
  }
  const divisor = toDouble(b);
  if (divisor === 0) return null;
  return { kind: "double", value: roundDouble((toDouble(a) / divisor) * factor, digits) };
}

export function addAmounts(a: Amount, b: Amount): Amount {
  if (a.kind === "exact" && b.kind === "exact") {
    const scale = Math.max(a.scale, b.scale);
    const unscaled =
      a.unscaled * 10n ** BigInt(scale - a.scale) + b.unscaled * 10n ** BigInt(scale - b.scale);
    return { kind: "exact", unscaled, scale };
  }
  return { kind: "double", value: toDouble(a) + toDouble(b) };
}
