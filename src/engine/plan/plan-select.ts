import type { BoundExpr, BoundSelect } from "../../sql/binder/bound.ts";
import { containsKind } from "./conjuncts.ts";
import { isCorrelated } from "./correlation.ts";
import { relabel } from "./layout.ts";
import { logicalAggregate } from "./logical/aggregate.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { logicalValues } from "./logical/values.ts";
import { planAggregation } from "./plan-aggregate.ts";
import { project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";
import { planGroupWindowAggregation } from "./plan-group-window.ts";
import { planOver } from "./plan-over.ts";
import { planRelation } from "./plan-relation.ts";
import { planFilter, planSubqueryExprs } from "./plan-subqueries.ts";
import { rewriteExpr } from "./rewrite-expr.ts";

/** FROM → WHERE → GROUP BY/aggregates → HAVING → OVER → select list → DISTINCT, each a node over the last. */
export function planSelect(select: BoundSelect, ctx: PlanContext): LogicalPlan {
  // SELECT without FROM reads one empty row.
  let plan: LogicalPlan = select.from ? planRelation(select.from, ctx) : logicalValues([[]], []);
  if (select.where) plan = planFilter(plan, select.where, ctx);
  let projections = select.projections;
  if (select.grouping) {
    for (const e of [select.having, ...projections])
      if (e && correlatedSubquery(e))
        throw notSupported("A correlated subquery in an aggregating SELECT or HAVING", e.span);
    const windowed = planGroupWindowAggregation(select, plan, ctx);
    const { plan: aggregate, groupingFunctions } = windowed ?? planAggregation(select, plan, ctx);
    plan = aggregate;
    const replace = (e: BoundExpr): BoundExpr =>
      rewriteExpr(e, (x) =>
        x.kind === "aggregateRef" ? groupingFunctions.get(x.index) : windowed?.property(x),
      );
    if (select.having) plan = planFilter(plan, replace(select.having), ctx);
    projections = projections.map(replace);
  }
  if (projections.some((e) => containsKind(e, "subquery"))) {
    const joined = planSubqueryExprs(plan, projections, ctx);
    plan = joined.plan;
    projections = joined.exprs;
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

/** Whether the expression holds a subquery that reads the enclosing query's columns. */
function correlatedSubquery(expr: BoundExpr): boolean {
  let found = false;
  rewriteExpr(expr, (x) => {
    if (x.kind === "subquery" && isCorrelated(x.query)) found = true;
    return found || x.kind === "subquery" ? x : undefined;
  });
  return found;
}
