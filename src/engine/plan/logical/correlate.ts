import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * The table function of a Correlate: UNNEST of a collection, or a user-defined table function
 * (`LATERAL TABLE(f(...))`), by the name it was called with.
 */
export type CorrelateFunction =
  | { readonly kind: "unnest" }
  | { readonly kind: "user"; readonly name: string; readonly userFunction: UserFunction };

/**
 * A join of each input row with the rows a table function computes from it (Calcite's Correlate):
 * `CROSS JOIN UNNEST(array)`, `LEFT JOIN UNNEST(...) ON TRUE`, and `, LATERAL TABLE(f(x))` /
 * `[LEFT] JOIN LATERAL TABLE(f(x)) ON TRUE`. `args` read the input's fields; `condition` (INNER or LEFT
 * ON) reads the input's fields then the function's. Output: the input's fields, then the function's
 * columns (nullable for LEFT).
 */
export interface LogicalCorrelate {
  readonly kind: "correlate";
  readonly input: LogicalPlan;
  readonly function: CorrelateFunction;
  readonly joinType: "INNER" | "LEFT";
  readonly args: readonly BoundExpr[];
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export function logicalCorrelate(
  input: LogicalPlan,
  fn: CorrelateFunction,
  joinType: "INNER" | "LEFT",
  args: readonly BoundExpr[],
  condition: BoundExpr | undefined,
  fields: Fields,
): LogicalCorrelate {
  return Object.freeze({
    kind: "correlate",
    input,
    function: fn,
    joinType,
    args,
    ...(condition ? { condition } : {}),
    fields,
  });
}
