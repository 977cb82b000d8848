import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { decimalFromNumber, decimalToNumber } from "../functions/decimal.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { isIntegerType, truncateToInteger } from "./number-types.ts";
import { decimalPrecision, decimalScale } from "./sum.ts";

/** Welford's running count, mean and sum of squared deviations (Flink's WelfordM2Accumulator). */
export interface WelfordAcc {
  n: number;
  mean: number;
  m2: number;
}

export type VarianceKind = "VAR_POP" | "VAR_SAMP" | "STDDEV_POP" | "STDDEV_SAMP";

/** STDDEV and VARIANCE are Calcite's names for the sample statistics. */
export const VARIANCE_ALIASES: Readonly<Record<string, VarianceKind>> = {
  VAR_POP: "VAR_POP",
  VAR_SAMP: "VAR_SAMP",
  VARIANCE: "VAR_SAMP",
  STDDEV_POP: "STDDEV_POP",
  STDDEV_SAMP: "STDDEV_SAMP",
  STDDEV: "STDDEV_SAMP",
};

/**
 * VAR_POP, VAR_SAMP, STDDEV_POP, STDDEV_SAMP as Flink computes them since it rewrites them
 * (AggregateReduceFunctionsRule, Flink's modification) onto WELFORD_M2 and COUNT:
 *   var_pop = m2 / count, var_samp = m2 / (count - 1) (NULL when count = 1), stddev = POWER(var, 0.5),
 * then CAST to the call's type, which is the input type (INT input → INT result, truncated) or
 * DECIMAL(38, max(6, s)). The accumulator follows WelfordM2AggFunction step for step, including its
 * handling of counts that went to 0 or below through retractions.
 */
export function varianceAggregate(
  name: string,
  kind: VarianceKind,
  inputType: DataType,
  resultType: DataType,
): AggregateFunction<WelfordAcc> {
  const toDouble =
    inputType.kind === "DECIMAL" ? decimalToDouble(decimalScale(inputType)) : (v: SqlValue) => v as number;
  const population = kind === "VAR_POP" || kind === "STDDEV_POP";
  const root = kind === "STDDEV_POP" || kind === "STDDEV_SAMP";
  const cast = castDouble(resultType);
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ n: 0, mean: 0, m2: 0 }),
    accumulate(acc, args) {
      const v = args[0]!;
      if (v === null) return;
      acc.n += 1;
      // Below zero (more retractions than rows) Flink only keeps counting, to stay aligned with COUNT.
      if (acc.n <= 0) return;
      const x = toDouble(v);
      const delta = x - acc.mean;
      acc.mean += delta / acc.n;
      acc.m2 += delta * (x - acc.mean);
    },
    retract(acc, args) {
      const v = args[0]!;
      if (v === null) return;
      acc.n -= 1;
      if (acc.n <= 0) {
        if (acc.n === 0) {
          acc.mean = 0;
          acc.m2 = 0;
        }
        return;
      }
      const x = toDouble(v);
      const delta2 = x - acc.mean;
      acc.mean -= delta2 / acc.n;
      acc.m2 -= (x - acc.mean) * delta2;
    },
    merge(acc, other) {
      if (other.n <= 0) {
        acc.n += other.n;
      } else if (acc.n === 0) {
        acc.n = other.n;
        acc.mean = other.mean;
        acc.m2 = other.m2;
      } else if (acc.n > 0) {
        const n = acc.n + other.n;
        const deltaMean = other.mean - acc.mean;
        acc.mean += (other.n / n) * deltaMean;
        acc.m2 += other.m2 + ((acc.n * other.n) / n) * deltaMean * deltaMean;
        acc.n = n;
      } else {
        acc.n += other.n;
      }
      if (acc.n <= 0) {
        acc.mean = 0;
        acc.m2 = 0;
      }
    },
    getValue(acc) {
      // WELFORD_M2 is NULL for an empty group or a negative m2 (unmatched retractions).
      if (acc.n <= 0 || acc.m2 < 0) return null;
      const denominator = population ? acc.n : acc.n - 1;
      if (denominator === 0) return null;
      const variance = acc.m2 / denominator;
      return cast(root ? variance ** 0.5 : variance);
    },
    snapshot: (acc) => [acc.n, acc.mean, acc.m2],
    restore: (snapshot) => {
      const [n, mean, m2] = snapshot as number[];
      return { n: n!, mean: mean!, m2: m2! };
    },
  };
}

function decimalToDouble(scale: number): (v: SqlValue) => number {
  return (v) => decimalToNumber(v as bigint, scale);
}

/** CAST(DOUBLE AS type) for the result: truncation for integers, HALF_UP for DECIMAL. */
function castDouble(type: DataType): (v: number) => SqlValue {
  if (isIntegerType(type)) return (v) => truncateToInteger(v, type);
  if (type.kind === "FLOAT") return Math.fround;
  if (type.kind === "DECIMAL") {
    const precision = decimalPrecision(type);
    const scale = decimalScale(type);
    return (v) => decimalFromNumber(v, precision, scale);
  }
  return (v) => v;
}
