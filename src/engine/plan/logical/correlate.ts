import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * A join of each input row with the rows a table function computes from it (Calcite's Correlate):
 * so far `CROSS JOIN UNNEST(array)` and `LEFT JOIN UNNEST(...) ON TRUE`. `args` read the input's
 * fields; `condition` (INNER or LEFT ON) reads the input's fields then the function's. Output: the
 * input's fields, then the function's columns (nullable for LEFT).
 */
export interface LogicalCorrelate {
  readonly kind: "correlate";
  readonly input: LogicalPlan;
  readonly joinType: "INNER" | "LEFT";
  readonly args: readonly BoundExpr[];
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export function logicalCorrelate(
  input: LogicalPlan,
  joinType: "INNER" | "LEFT",
  args: readonly BoundExpr[],
  condition: BoundExpr | undefined,
  fields: Fields,
): LogicalCorrelate {
  return Object.freeze({
    kind: "correlate",
    input,
    joinType,
    args,
    ...(condition ? { condition } : {}),
    fields,
  });
}
