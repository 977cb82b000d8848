import type { BoundExpr, BoundSelect } from "../../sql/binder/bound.ts";
import { relabel } from "./layout.ts";
import { logicalAggregate } from "./logical/aggregate.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { logicalValues } from "./logical/values.ts";
import { planAggregation } from "./plan-aggregate.ts";
import { filter, project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";
import { planOver } from "./plan-over.ts";
import { planRelation } from "./plan-relation.ts";
import { rewriteExpr, someExpr } from "./rewrite-expr.ts";

/** FROM → WHERE → GROUP BY/aggregates → HAVING → OVER → select list → DISTINCT, each a node over the last. */
export function planSelect(select: BoundSelect, ctx: PlanContext): LogicalPlan {
  for (const e of [select.where, select.having, ...select.projections]) {
    if (e && someExpr(e, (x) => x.kind === "subquery"))
      throw notSupported("A subquery in an expression", e.span);
  }
  // SELECT without FROM reads one empty row.
  let plan: LogicalPlan = select.from ? planRelation(select.from, ctx) : logicalValues([[]], []);
  if (select.where) plan = filter(plan, select.where);
  let projections = select.projections;
  if (select.grouping) {
    const { plan: aggregate, groupingFunctions } = planAggregation(select, plan, ctx);
    plan = aggregate;
    const replace = (e: BoundExpr): BoundExpr =>
      rewriteExpr(e, (x) => (x.kind === "aggregateRef" ? groupingFunctions.get(x.index) : undefined));
    if (select.having) plan = filter(plan, replace(select.having));
    projections = projections.map(replace);
  }
  if (select.windowCalls.length > 0) plan = planOver(select.windowCalls, plan, ctx);
  plan = project(
    plan,
    projections,
    select.columns.map((c) => c.name),
    ctx,
  );
  if (select.distinct) {
    const keys = plan.fields.map((_, i) => i);
    plan = logicalAggregate(plan, keys, undefined, [], relabel(plan.fields, ctx.freshBinding()));
  }
  return plan;
}
