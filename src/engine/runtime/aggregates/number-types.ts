import type { DataType } from "../../../sql/types/data-type.ts";
import { SqlEvalError } from "../expr/eval-error.ts";

/**
 * Brings the result of a JS addition back into a Flink number type, as the Java arithmetic Flink's
 * generated code runs would: TINYINT/SMALLINT/INT wrap around (two's complement), FLOAT rounds to
 * float32 after every step, DOUBLE is as is. BIGINT cannot wrap at 2^64 in a JS number, so leaving the
 * exactly representable range ±2^53 is an error naming the aggregate.
 */
export type Normalize = (value: number) => number;

export function normalizerFor(type: DataType, fn: string): Normalize {
  switch (type.kind) {
    case "TINYINT":
      return (v) => (v << 24) >> 24;
    case "SMALLINT":
      return (v) => (v << 16) >> 16;
    case "INT":
      return (v) => v | 0;
    case "BIGINT":
      return (v) => {
        if (Number.isSafeInteger(v)) return v;
        throw new SqlEvalError(fn, "overflowed the supported BIGINT range ±2^53");
      };
    case "FLOAT":
      return Math.fround;
    default:
      return (v) => v;
  }
}

export function isIntegerType(type: DataType): boolean {
  return type.kind === "TINYINT" || type.kind === "SMALLINT" || type.kind === "INT" || type.kind === "BIGINT";
}

const INTEGER_RANGES: Partial<Record<DataType["kind"], readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** CAST(DOUBLE AS <integer type>): truncation toward zero, saturating at the bounds as Java's (int) cast. */
export function truncateToInteger(value: number, type: DataType): number {
  if (Number.isNaN(value)) return 0;
  const [min, max] = INTEGER_RANGES[type.kind] ?? [-Infinity, Infinity];
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
