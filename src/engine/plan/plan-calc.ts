import type { BoundExpr } from "../../sql/binder/bound.ts";
import { type Fields, fieldRef, relabel } from "./layout.ts";
import { type LogicalCalc, logicalCalc } from "./logical/calc.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import type { PlanContext } from "./plan-context.ts";

/** A Calc computing `exprs` into new columns named `names`. */
export function project(
  input: LogicalPlan,
  exprs: readonly BoundExpr[],
  names: readonly string[],
  ctx: PlanContext,
): LogicalCalc {
  const fields = relabel(
    exprs.map((e, i) => ({ name: names[i]!, type: e.type })),
    ctx.freshBinding(),
  );
  return logicalCalc(input, exprs, undefined, fields);
}

/** A Calc keeping the input's rows where `condition` is TRUE; the fields stay as they are. */
export function filter(input: LogicalPlan, condition: BoundExpr): LogicalCalc {
  return logicalCalc(input, identityProjections(input.fields), condition, input.fields);
}

export function identityProjections(fields: Fields): BoundExpr[] {
  return fields.map((_, i) => fieldRef(fields, i));
}
