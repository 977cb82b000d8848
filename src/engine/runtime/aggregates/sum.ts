import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { fitsPrecision } from "../functions/decimal.ts";
import type { AggregateFunction } from "./aggregate-function.ts";
import { normalizerFor } from "./number-types.ts";

/** Sum and the number of non-NULL values in it (NULL when that is 0, as SumWithRetractAggFunction). */
export interface NumberSumAcc {
  sum: number;
  count: number;
}

/**
 * SUM over TINYINT..BIGINT, FLOAT, DOUBLE (Flink's SumWithRetractAggFunction). The result keeps the
 * input type, so INT sums wrap as Java ints do and BIGINT sums past ±2^53 fail (see number-types.ts).
 */
export function numberSum(name: string, resultType: DataType): AggregateFunction<NumberSumAcc> {
  const normalize = normalizerFor(resultType, name);
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ sum: 0, count: 0 }),
    accumulate(acc, args) {
      const v = args[0] as number | null;
      if (v === null) return;
      acc.sum = normalize(acc.sum + v);
      acc.count++;
    },
    retract(acc, args) {
      const v = args[0] as number | null;
      if (v === null) return;
      acc.sum = normalize(acc.sum - v);
      acc.count--;
    },
    merge(acc, other) {
      acc.sum = normalize(acc.sum + other.sum);
      acc.count += other.count;
    },
    getValue: (acc) => (acc.count === 0 ? null : acc.sum),
    snapshot: (acc) => [acc.sum, acc.count],
    restore: (snapshot) => {
      const [sum, count] = snapshot as number[];
      return { sum: sum!, count: count! };
    },
  };
}

/** SUM0 over numbers (Sum0AggFunction): 0 for an empty group, otherwise as SUM. */
export function numberSum0(name: string, resultType: DataType): AggregateFunction<NumberSumAcc> {
  const sum = numberSum(name, resultType);
  return { ...sum, getValue: (acc) => acc.sum };
}

/** A DECIMAL(38, s) sum: the unscaled value, or null once it overflowed 38 digits. */
export interface DecimalSumAcc {
  sum: bigint | null;
  count: number;
}

/**
 * SUM over DECIMAL(p, s) → DECIMAL(38, s) (DecimalSumWithRetractAggFunction). Flink's decimal addition
 * gives NULL when the result needs more than 38 digits (DecimalData.fromBigDecimal), and SUM's
 * "IF sum IS NULL THEN value ELSE sum + value" then restarts from the next value: that quirk is kept,
 * because that is what Flink emits.
 */
export function decimalSum(name: string, resultType: DataType): AggregateFunction<DecimalSumAcc> {
  const precision = decimalPrecision(resultType);
  const checked = (v: bigint): bigint | null => (fitsPrecision(v, precision) ? v : null);
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ sum: null, count: 0 }),
    accumulate(acc, args) {
      const v = args[0] as bigint | null;
      if (v === null) return;
      acc.sum = acc.sum === null ? v : checked(acc.sum + v);
      acc.count++;
    },
    retract(acc, args) {
      const v = args[0] as bigint | null;
      if (v === null) return;
      acc.sum = acc.sum === null ? checked(-v) : checked(acc.sum - v);
      acc.count--;
    },
    merge(acc, other) {
      if (other.sum !== null) acc.sum = acc.sum === null ? other.sum : checked(acc.sum + other.sum);
      acc.count += other.count;
    },
    getValue: (acc) => (acc.count === 0 ? null : acc.sum),
    snapshot: (acc) => [acc.sum, acc.count],
    restore: (snapshot) => {
      const [sum, count] = snapshot as SqlValue[];
      return { sum: sum as bigint | null, count: count as number };
    },
  };
}

/**
 * SUM0 over DECIMAL (DecimalSum0AggFunction): starts at 0 and uses Flink's AGG_DECIMAL_PLUS, so an
 * overflow makes the sum NULL for good (NULL + x is NULL), unlike SUM.
 */
export function decimalSum0(name: string, resultType: DataType): AggregateFunction<DecimalSumAcc> {
  const precision = decimalPrecision(resultType);
  const step = (acc: DecimalSumAcc, v: bigint): void => {
    if (acc.sum === null) return;
    const next = acc.sum + v;
    acc.sum = fitsPrecision(next, precision) ? next : null;
  };
  return {
    name,
    supportsRetraction: true,
    supportsMerge: true,
    createAccumulator: () => ({ sum: 0n, count: 0 }),
    accumulate(acc, args) {
      const v = args[0] as bigint | null;
      if (v !== null) step(acc, v);
    },
    retract(acc, args) {
      const v = args[0] as bigint | null;
      if (v !== null) step(acc, -v);
    },
    merge(acc, other) {
      if (other.sum === null) acc.sum = null;
      else step(acc, other.sum);
    },
    getValue: (acc) => acc.sum,
    snapshot: (acc) => acc.sum,
    restore: (snapshot) => ({ sum: snapshot as bigint | null, count: 0 }),
  };
}

export function decimalPrecision(type: DataType): number {
  return type.kind === "DECIMAL" ? type.precision : 38;
}

export function decimalScale(type: DataType): number {
  return type.kind === "DECIMAL" ? type.scale : 0;
}
