import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { divideHalfUp, fitsPrecision, pow10 } from "../functions/decimal.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { isIntegerType } from "./number-types.ts";
import { decimalPrecision, decimalScale, type NumberSumAcc, numberSum } from "./sum.ts";

/**
 * AVG over numbers (Flink's AvgAggFunction: a sum and a count, value = CAST(sum / count AS result)).
 * Integer inputs sum as BIGINT and divide as integers, so AVG of INT 1, 2 is 1 (truncated toward zero);
 * FLOAT/DOUBLE sum as DOUBLE. NULL when the count is 0.
 */
export function numberAvg(name: string, resultType: DataType): AggregateFunction<NumberSumAcc> {
  const integer = isIntegerType(resultType);
  // The sum is a BIGINT (or DOUBLE) whatever the input type; only the final value differs from SUM.
  const sum = numberSum(
    name,
    integer ? { kind: "BIGINT", nullable: false } : { kind: "DOUBLE", nullable: false },
  );
  const toResult = integer ? Math.trunc : resultType.kind === "FLOAT" ? Math.fround : (v: number) => v;
  return {
    ...sum,
    // |sum| < 2^53, so the double quotient never rounds across an integer and truncating it is exact.
    getValue: (acc) => (acc.count === 0 ? null : toResult(acc.sum / acc.count)),
  };
}

export interface DecimalAvgAcc {
  /** DECIMAL(38, s) at the input's scale; null for good once it overflowed (AGG_DECIMAL_PLUS). */
  sum: bigint | null;
  count: number;
}

/**
 * AVG over DECIMAL(p, s) → DECIMAL(38, max(6, s)) (DecimalAvgAggFunction): the DECIMAL(38, s) sum
 * divided by the BIGINT count, rounded HALF_UP to the result scale (DecimalDataUtils.divide), NULL if the
 * sum overflowed or the quotient does not fit the result precision.
 */
export function decimalAvg(
  name: string,
  inputType: DataType,
  resultType: DataType,
): AggregateFunction<DecimalAvgAcc> {
  const inputScale = decimalScale(inputType);
  const resultPrecision = decimalPrecision(resultType);
  const upscale = pow10(decimalScale(resultType) - inputScale);
  const step = (acc: DecimalAvgAcc, v: bigint): void => {
    if (acc.sum === null) return;
    const next = acc.sum + v;
    acc.sum = fitsPrecision(next, 38) ? next : null;
  };
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ sum: 0n, count: 0 }),
    accumulate(acc, args) {
      const v = args[0] as bigint | null;
      if (v === null) return;
      step(acc, v);
      acc.count++;
    },
    retract(acc, args) {
      const v = args[0] as bigint | null;
      if (v === null) return;
      step(acc, -v);
      acc.count--;
    },
    merge(acc, other) {
      if (other.sum === null) acc.sum = null;
      else step(acc, other.sum);
      acc.count += other.count;
    },
    getValue(acc) {
      if (acc.count === 0 || acc.sum === null) return null;
      const avg = divideHalfUp(acc.sum * upscale, BigInt(acc.count));
      return fitsPrecision(avg, resultPrecision) ? avg : null;
    },
    snapshot: (acc) => [acc.sum, acc.count],
    restore: (snapshot) => {
      const [sum, count] = snapshot as SqlValue[];
      return { sum: sum as bigint | null, count: count as number };
    },
  };
}
