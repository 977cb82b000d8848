import type { BoundExpr, BoundQuery, BoundQueryBody, BoundRelation } from "../../sql/binder/bound.ts";
import { rewriteExpr } from "./rewrite-expr.ts";

/**
 * Whether a subquery reads a column of a query around it: an outer reference whose depth reaches past
 * the subquery expressions it sits in (derived tables do not count as a level: the binder resolves
 * them in the enclosing query's parent scope).
 */
export function isCorrelated(query: BoundQuery): boolean {
  return queryEscapes(query, 0);
}

/** Whether an expression of the subquery itself (level 0) reads an outer column. */
export function readsOuter(expr: BoundExpr): boolean {
  return exprEscapes(expr, 0);
}

/** The expression with the subquery's outer references (depth 1) as plain columns of the outer plan. */
export function outerAsColumns(expr: BoundExpr): BoundExpr {
  return rewriteExpr(expr, (x) =>
    x.kind === "outerColumn" && x.depth === 1
      ? { kind: "column", binding: x.binding, column: x.column, name: x.name, type: x.type, span: x.span }
      : undefined,
  );
}

/** Whether an outer reference deeper than one level is left (a subquery two levels down reading up). */
export function readsBeyondParent(expr: BoundExpr): boolean {
  let found = false;
  rewriteExpr(expr, (x) => {
    if (x.kind === "outerColumn" && x.depth > 1) found = true;
    return found ? x : undefined;
  });
  return found;
}

function exprEscapes(expr: BoundExpr, level: number): boolean {
  let found = false;
  rewriteExpr(expr, (x) => {
    if (found) return x;
    if (x.kind === "outerColumn" && x.depth > level) found = true;
    else if (x.kind === "subquery") {
      if ((x.operand && exprEscapes(x.operand, level)) || queryEscapes(x.query, level + 1)) found = true;
      return x;
    }
    return undefined;
  });
  return found;
}

function queryEscapes(query: BoundQuery, level: number): boolean {
  return bodyEscapes(query.body, level) || query.orderBy.some((o) => exprEscapes(o.expr, level));
}

function bodyEscapes(body: BoundQueryBody, level: number): boolean {
  const any = (exprs: readonly (BoundExpr | undefined)[]): boolean =>
    exprs.some((e) => e !== undefined && exprEscapes(e, level));
  switch (body.kind) {
    case "query":
      return queryEscapes(body, level);
    case "setOp":
      return bodyEscapes(body.left, level) || bodyEscapes(body.right, level);
    case "values":
      return body.rows.some((row) => any(row));
    case "select":
      return (
        (body.from !== undefined && relationEscapes(body.from, level)) ||
        any([body.where, body.having, ...body.projections, ...(body.grouping?.expressions ?? [])]) ||
        body.aggregates.some((a) => any([...a.args, a.filter])) ||
        body.windowCalls.some((w) => any([...w.args, w.filter, ...w.partitionBy]))
      );
    default:
      return body satisfies never;
  }
}

function relationEscapes(relation: BoundRelation, level: number): boolean {
  switch (relation.kind) {
    case "table":
      return relation.asOf !== undefined && exprEscapes(relation.asOf, level);
    case "derived":
      return queryEscapes(relation.query, level);
    case "join":
      return (
        relationEscapes(relation.left, level) ||
        relationEscapes(relation.right, level) ||
        (relation.condition !== undefined && exprEscapes(relation.condition, level))
      );
    case "windowTvf":
      return (
        relationEscapes(relation.input, level) || relation.partitionBy.some((e) => exprEscapes(e, level))
      );
    case "tableFunction":
    case "unnest":
      return relation.args.some((e) => exprEscapes(e, level));
    case "matchRecognize":
      return relationEscapes(relation.input, level);
    default:
      return relation satisfies never;
  }
}
