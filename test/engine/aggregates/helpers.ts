import type { SqlValue } from "../../../src/common/value.ts";
import { type AggregateFunction, createAggregate } from "../../../src/engine/runtime/aggregates/index.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { decimalAvgType, decimalSumType } from "../../../src/sql/types/decimal-rules.ts";

export interface AggOptions {
  distinct?: boolean;
  ignoreNulls?: boolean;
  retraction?: boolean;
}

/** The binder's result type for the built-in aggregates (sql/functions/aggregate-functions.ts). */
export function resultTypeOf(name: string, argTypes: readonly DataType[]): DataType {
  const input = argTypes[0] ?? t.bigint();
  switch (name) {
    case "COUNT":
      return t.bigint(false);
    case "SUM":
    case "SUM0":
      return input.kind === "DECIMAL" ? decimalSumType(input.scale) : input;
    case "AVG":
    case "STDDEV":
    case "STDDEV_POP":
    case "STDDEV_SAMP":
    case "VARIANCE":
    case "VAR_POP":
    case "VAR_SAMP":
      return input.kind === "DECIMAL" ? decimalAvgType(input.scale) : input;
    case "COLLECT":
      return t.multiset(input, false);
    case "ARRAY_AGG":
      return t.array(input);
    case "LISTAGG":
    case "JSON_ARRAYAGG":
    case "JSON_OBJECTAGG":
      return t.string();
    default:
      return input;
  }
}

export function agg(
  name: string,
  argTypes: readonly DataType[],
  options: AggOptions = {},
): AggregateFunction {
  return createAggregate({
    name,
    argTypes,
    resultType: resultTypeOf(name, argTypes),
    distinct: options.distinct ?? false,
    ignoreNulls: options.ignoreNulls ?? false,
    retraction: options.retraction ?? true,
  });
}

/** A step of a changelog as an aggregate sees it: accumulate (+) or retract (-) one row's arguments. */
export type Step = readonly ["+" | "-", ...SqlValue[]];

/** Runs the steps on a fresh accumulator and returns the value after each step. */
export function trace(fn: AggregateFunction, steps: readonly Step[]): SqlValue[] {
  const acc = fn.createAccumulator();
  return steps.map(([op, ...args]) => {
    if (op === "+") fn.accumulate(acc, args);
    else fn.retract(acc, args);
    return fn.getValue(acc);
  });
}

/** Accumulates single-argument rows and returns the final value. */
export function over(fn: AggregateFunction, values: readonly SqlValue[]): SqlValue {
  const acc = fn.createAccumulator();
  for (const v of values) fn.accumulate(acc, [v]);
  return fn.getValue(acc);
}

export const plus = (...args: SqlValue[]): Step => ["+", ...args];
export const minus = (...args: SqlValue[]): Step => ["-", ...args];
