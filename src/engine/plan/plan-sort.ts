import type { BoundExpr, BoundQuery, BoundRelation } from "../../sql/binder/bound.ts";
import { indexOfExpr } from "../../sql/binder/same-expr.ts";
import { type Field, fieldRef, relabel } from "./layout.ts";
import { logicalCalc } from "./logical/calc.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { logicalSort } from "./logical/sort.ts";
import type { SortKey } from "./logical/sort-key.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";

/**
 * ORDER BY / OFFSET / LIMIT over a query's planned body. As Calcite converts SQL, an ORDER BY without
 * LIMIT or OFFSET is dropped unless the query is the statement's own (a subquery's order means
 * nothing); the physical planner then picks Flink's operator for what remains (temporal sort, Limit,
 * SortLimit, or Flink's error for any other sort). ORDER BY a column the SELECT does not return sorts
 * on an extra column that a Calc above the sort removes again.
 */
export function planSort(query: BoundQuery, body: LogicalPlan, top: boolean, ctx: PlanContext): LogicalPlan {
  const offset = query.offset ?? 0;
  const limited = offset > 0 || query.limit !== undefined;
  if (!limited && (query.orderBy.length === 0 || !top)) return body;
  const outputs = outputPositions(query);
  const extra: BoundExpr[] = [];
  const positions = query.orderBy.map((item) => {
    const index = outputs(item.expr);
    if (index >= 0) return index;
    extra.push(item.expr);
    return body.fields.length + extra.length - 1;
  });
  const orderKeys: SortKey[] = query.orderBy.map((item, i) => ({
    index: positions[i]!,
    descending: item.descending,
    nullsFirst: item.nullsFirst,
  }));
  if (extra.length === 0) return logicalSort(body, orderKeys, offset, query.limit);
  // Only a plain SELECT's ORDER BY reads its FROM columns: its plan ends in the select-list Calc.
  if (body.kind !== "calc")
    throw notSupported("ORDER BY an expression that is not in the select list", extra[0]!.span);
  const extraFields: Field[] = relabel(
    extra.map((e, i) => ({ name: `EXPR$${body.fields.length + i}`, type: e.type })),
    ctx.freshBinding(),
  );
  const widened = logicalCalc(body.input, [...body.projections, ...extra], body.condition, [
    ...body.fields,
    ...extraFields,
  ]);
  const sorted = logicalSort(widened, orderKeys, offset, query.limit);
  return logicalCalc(
    sorted,
    body.fields.map((_, i) => fieldRef(sorted.fields, i)),
    undefined,
    body.fields,
  );
}

/**
 * Where an ORDER BY expression is in the query's output: the binder resolves ORDER BY names against
 * the output columns first (a binding of their own) and then against the FROM clause of a plain
 * SELECT; an expression of the select list counts as its output column.
 */
function outputPositions(query: BoundQuery): (expr: BoundExpr) => number {
  const body = query.body;
  const projections = body.kind === "select" ? body.projections : [];
  const fromBindings = new Set<number>(body.kind === "select" && body.from ? bindingsOf(body.from) : []);
  return (expr) => {
    const projected = indexOfExpr(projections, expr);
    if (projected >= 0) return projected;
    if (expr.kind === "column" && !fromBindings.has(expr.binding) && expr.column < query.columns.length)
      return expr.column;
    return -1;
  };
}

function bindingsOf(relation: BoundRelation): number[] {
  return relation.kind === "join"
    ? [...bindingsOf(relation.left), ...bindingsOf(relation.right)]
    : [relation.binding];
}
