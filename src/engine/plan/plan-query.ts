import type { BoundExpr, BoundQuery, BoundQueryBody, BoundSetOperation } from "../../sql/binder/bound.ts";
import { typesEqual } from "../../sql/types/type-equality.ts";
import { fieldRef, relabel } from "./layout.ts";
import { logicalAggregate } from "./logical/aggregate.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { logicalUnion } from "./logical/union.ts";
import { project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";
import { planSelect } from "./plan-select.ts";
import { planSort } from "./plan-sort.ts";
import { planValues } from "./plan-values.ts";

/**
 * A query: its body, then ORDER BY / LIMIT. `top` for the statement's own query (a SELECT, or an
 * INSERT's source), whose ORDER BY counts. CTEs were inlined by the binder.
 */
export function planQuery(query: BoundQuery, ctx: PlanContext, top = false): LogicalPlan {
  return planSort(query, planBody(query.body, ctx), top, ctx);
}

function planBody(body: BoundQueryBody, ctx: PlanContext): LogicalPlan {
  switch (body.kind) {
    case "select":
      return planSelect(body, ctx);
    case "values":
      return planValues(body, ctx);
    case "setOp":
      return planSetOperation(body, ctx);
    case "query":
      return planQuery(body, ctx);
    default:
      return body satisfies never;
  }
}

/** UNION ALL is a Union; UNION is a Union under a GroupAggregate on every column, as in Flink. */
function planSetOperation(op: BoundSetOperation, ctx: PlanContext): LogicalPlan {
  if (op.op !== "UNION") throw notSupported(`${op.op}${op.all ? " ALL" : ""}`, op.span);
  const inputs = [op.left, op.right].map((side) => castTo(planBody(side, ctx), op, ctx));
  const union = logicalUnion(inputs, relabel(op.columns, ctx.freshBinding()));
  if (op.all) return union;
  const keys = union.fields.map((_, i) => i);
  return logicalAggregate(union, keys, undefined, [], relabel(op.columns, ctx.freshBinding()));
}

/** A Calc casting the columns whose type differs from the set operation's common type. */
function castTo(plan: LogicalPlan, op: BoundSetOperation, ctx: PlanContext): LogicalPlan {
  const same = plan.fields.every((f, i) =>
    typesEqual(f.type, op.columns[i]!.type, { ignoreNullability: true }),
  );
  if (same) return plan;
  const exprs = plan.fields.map((f, i): BoundExpr => {
    const ref = fieldRef(plan.fields, i);
    const type = op.columns[i]!.type;
    return typesEqual(f.type, type, { ignoreNullability: true })
      ? ref
      : { kind: "cast", safe: false, operand: ref, type, span: op.span };
  });
  return project(
    plan,
    exprs,
    plan.fields.map((f) => f.name),
    ctx,
  );
}
