import { t, withNullability } from "../types/constructors.ts";
import type { DataType } from "../types/data-type.ts";
import { decimalAvgType, decimalSumType } from "../types/decimal-rules.ts";
import { ANY, CHARACTER, COMPARABLE, NUMERIC } from "./arg-checks.ts";
import type { ArgInfo, FunctionDefinition, InferContext } from "./function-definition.ts";
import { argType, defineEach, defineFunction } from "./signatures.ts";

/**
 * An aggregate over a possibly empty group returns NULL: a global aggregate (no GROUP BY) or one
 * with a FILTER. Otherwise the input's nullability carries over (Calcite's "nullable if empty").
 */
function nullableIfEmpty(type: DataType, args: readonly ArgInfo[], ctx: InferContext): DataType {
  const mayBeEmpty = (ctx.aggregateScope ?? "global") === "global" || ctx.hasFilter === true;
  return withNullability(type, mayBeEmpty || argType(args, 0).nullable);
}

/** SUM: DECIMAL(p, s) → DECIMAL(38, s); other numbers keep their type (SUM of INT is INT). */
function sumType(args: readonly ArgInfo[]): DataType {
  const value = argType(args, 0);
  return value.kind === "DECIMAL" ? decimalSumType(value.scale) : value;
}

/**
 * AVG and the deviation/variance aggregates: DECIMAL(p, s) → DECIMAL(38, max(6, s)); other numbers
 * keep their type, so AVG of an INT column is an INT (truncated), as in Flink.
 */
function avgType(args: readonly ArgInfo[]): DataType {
  const value = argType(args, 0);
  return value.kind === "DECIMAL" ? decimalAvgType(value.scale) : value;
}

export const AGGREGATE_FUNCTIONS: readonly FunctionDefinition[] = [
  // COUNT(*) has no arguments; COUNT(a, b) counts rows where all are non-NULL.
  defineFunction({
    name: "COUNT",
    kind: "aggregate",
    signatures: [[]],
    varargs: ANY,
    returns: t.bigint(false),
    nullability: "notNull",
  }),
  defineFunction({
    name: "SUM",
    kind: "aggregate",
    signatures: [[NUMERIC]],
    returns: (args, ctx) => nullableIfEmpty(sumType(args), args, ctx),
    nullability: "asReturned",
  }),
  // SUM0 returns 0 for an empty group.
  defineFunction({
    name: "SUM0",
    kind: "aggregate",
    signatures: [[NUMERIC]],
    returns: (args) => withNullability(sumType(args), false),
    nullability: "asReturned",
  }),
  ...defineEach(["AVG", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP"], {
    kind: "aggregate",
    signatures: [[NUMERIC]],
    returns: (args, ctx) => nullableIfEmpty(avgType(args), args, ctx),
    nullability: "asReturned",
  }),
  ...defineEach(["MIN", "MAX"], {
    kind: "aggregate",
    signatures: [[COMPARABLE]],
    returns: (args, ctx) => nullableIfEmpty(argType(args, 0), args, ctx),
    nullability: "asReturned",
  }),
  ...defineEach(["FIRST_VALUE", "LAST_VALUE"], {
    kind: "aggregate",
    signatures: [[ANY]],
    returns: (args, ctx) => nullableIfEmpty(argType(args, 0), args, ctx),
    nullability: "asReturned",
  }),
  // An empty group gives an empty multiset, never NULL.
  defineFunction({
    name: "COLLECT",
    kind: "aggregate",
    signatures: [[ANY]],
    returns: (args) => t.multiset(argType(args, 0), false),
    nullability: "asReturned",
  }),
  defineFunction({
    name: "ARRAY_AGG",
    kind: "aggregate",
    signatures: [[ANY]],
    returns: (args) => t.array(argType(args, 0)),
    nullability: "forced",
  }),
  defineFunction({
    name: "LISTAGG",
    kind: "aggregate",
    signatures: [[CHARACTER], [CHARACTER, CHARACTER]],
    returns: t.string(),
    nullability: "forced",
  }),
  // Bit masks of which grouping-set columns are aggregated away; the binder checks the arguments are GROUP BY expressions.
  ...defineEach(["GROUPING", "GROUPING_ID"], {
    kind: "aggregate",
    signatures: [[ANY]],
    varargs: ANY,
    returns: t.bigint(false),
    nullability: "notNull",
  }),
];
