import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * Projection plus filter, as Calcite's Calc: keeps the input rows whose `condition` is TRUE and
 * computes `projections` from them. Expressions are BoundExprs resolved against the input's fields.
 */
export interface LogicalCalc {
  readonly kind: "calc";
  readonly input: LogicalPlan;
  readonly projections: readonly BoundExpr[];
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export function logicalCalc(
  input: LogicalPlan,
  projections: readonly BoundExpr[],
  condition: BoundExpr | undefined,
  fields: Fields,
): LogicalCalc {
  return Object.freeze({ kind: "calc", input, projections, ...(condition ? { condition } : {}), fields });
}
