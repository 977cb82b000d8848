import { t } from "./constructors.ts";
import type { DataType } from "./data-type.ts";

/**
 * Flink's DECIMAL result types (`LogicalTypeMerging`, applied by the planner's `FlinkTypeSystem`),
 * adopted from SQL Server with Hive/Spark's overflow adjustment. All results are NOT NULL here; the
 * caller applies the operands' nullability.
 *
 * | operation | precision                           | scale                |
 * |-----------|-------------------------------------|----------------------|
 * | e1 + e2   | max(s1, s2) + max(p1-s1, p2-s2) + 1 | max(s1, s2)          |
 * | e1 * e2   | p1 + p2 + 1                         | s1 + s2              |
 * | e1 / e2   | p1 - s1 + s2 + max(6, s1 + p2 + 1)  | max(6, s1 + p2 + 1)  |
 * | e1 % e2   | min(p1-s1, p2-s2) + max(s1, s2)     | max(s1, s2)          |
 */
export const MAX_DECIMAL_PRECISION = 38;
const MINIMUM_ADJUSTED_SCALE = 6;

export function decimalAdditionType(p1: number, s1: number, p2: number, s2: number): DataType {
  const scale = Math.max(s1, s2);
  return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
}

export function decimalMultiplicationType(p1: number, s1: number, p2: number, s2: number): DataType {
  return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
}

export function decimalDivisionType(p1: number, s1: number, p2: number, s2: number): DataType {
  const scale = Math.max(6, s1 + p2 + 1);
  return adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
}

export function decimalModuloType(p1: number, s1: number, p2: number, s2: number): DataType {
  const scale = Math.max(s1, s2);
  return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
}

/** ROUND/TRUNCATE(DECIMAL(p, s), r): rounding may carry into a new digit, hence the +1. */
export function decimalRoundType(precision: number, scale: number, round: number): DataType {
  if (round >= scale) return t.decimal(precision, scale, false);
  if (round < 0) return t.decimal(Math.min(MAX_DECIMAL_PRECISION, 1 + precision - scale), 0, false);
  return t.decimal(1 + precision - scale + round, round, false);
}

/** SUM(DECIMAL(p, s)) → DECIMAL(38, s). */
export function decimalSumType(scale: number): DataType {
  return t.decimal(MAX_DECIMAL_PRECISION, scale, false);
}

/** AVG(DECIMAL(p, s)): the sum divided by a BIGINT count as DECIMAL(20, 0) → DECIMAL(38, max(6, s)). */
export function decimalAvgType(scale: number): DataType {
  return decimalDivisionType(MAX_DECIMAL_PRECISION, scale, 20, 0);
}

/**
 * Past 38 digits, give up fraction digits before integer digits, but keep at least
 * min(scale, 6) of them: (38, 8) + (32, 8) = (39, 8) becomes (38, 7), not SQL Server's (38, 8).
 */
function adjustPrecisionScale(precision: number, scale: number): DataType {
  if (precision <= MAX_DECIMAL_PRECISION) return t.decimal(precision, scale, false);
  const integerDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  return t.decimal(MAX_DECIMAL_PRECISION, Math.max(MAX_DECIMAL_PRECISION - integerDigits, minScale), false);
}
