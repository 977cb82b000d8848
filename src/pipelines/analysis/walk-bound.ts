import type {
  BoundExpr,
  BoundQuery,
  BoundQueryBody,
  BoundRelation,
  BoundSelect,
  BoundSetOperation,
} from "../../sql/binder/index.ts";

/** Callbacks for the parts of a bound query that pipeline analysis looks at. */
export interface BoundVisitor {
  relation?(relation: BoundRelation): void;
  select?(select: BoundSelect): void;
  setOp?(setOp: BoundSetOperation): void;
  query?(query: BoundQuery): void;
  subquery?(expr: Extract<BoundExpr, { kind: "subquery" }>): void;
}

/**
 * Visits everything a query reads: CTE bodies (once, however often they are referenced, and never when
 * unreferenced: the binder only places referenced CTEs in the tree), derived tables, joins, window
 * TVF inputs and subqueries inside expressions.
 */
export function walkBoundQuery(query: BoundQuery, visitor: BoundVisitor, seen = new Set<BoundQuery>()): void {
  if (seen.has(query)) return;
  seen.add(query);
  visitor.query?.(query);
  walkBody(query.body, visitor, seen);
  for (const item of query.orderBy) walkExpr(item.expr, visitor, seen);
}

function walkBody(body: BoundQueryBody, visitor: BoundVisitor, seen: Set<BoundQuery>): void {
  switch (body.kind) {
    case "query":
      walkBoundQuery(body, visitor, seen);
      return;
    case "setOp":
      visitor.setOp?.(body);
      walkBody(body.left, visitor, seen);
      walkBody(body.right, visitor, seen);
      return;
    case "values":
      for (const row of body.rows) for (const e of row) walkExpr(e, visitor, seen);
      return;
    case "select": {
      visitor.select?.(body);
      if (body.from) walkRelation(body.from, visitor, seen);
      for (const e of selectExpressions(body)) walkExpr(e, visitor, seen);
      return;
    }
    default:
      body satisfies never;
  }
}

/** Every expression a SELECT evaluates, in clause order. */
export function selectExpressions(select: BoundSelect): BoundExpr[] {
  const out: BoundExpr[] = [];
  if (select.where) out.push(select.where);
  if (select.grouping) out.push(...select.grouping.expressions);
  for (const a of select.aggregates) {
    out.push(...a.args, ...a.orderBy.map((o) => o.expr));
    if (a.filter) out.push(a.filter);
  }
  if (select.having) out.push(select.having);
  for (const w of select.windowCalls) {
    out.push(...w.args, ...w.partitionBy, ...w.orderBy.map((o) => o.expr));
    if (w.filter) out.push(w.filter);
  }
  out.push(...select.projections);
  return out;
}

export function walkRelation(relation: BoundRelation, visitor: BoundVisitor, seen: Set<BoundQuery>): void {
  visitor.relation?.(relation);
  switch (relation.kind) {
    case "table":
      if (relation.asOf) walkExpr(relation.asOf, visitor, seen);
      return;
    case "derived":
      walkBoundQuery(relation.query, visitor, seen);
      return;
    case "windowTvf":
      walkRelation(relation.input, visitor, seen);
      return;
    case "matchRecognize":
      walkRelation(relation.input, visitor, seen);
      return;
    case "tableFunction":
    case "unnest":
      for (const e of relation.args) walkExpr(e, visitor, seen);
      return;
    case "join":
      walkRelation(relation.left, visitor, seen);
      walkRelation(relation.right, visitor, seen);
      if (relation.condition) walkExpr(relation.condition, visitor, seen);
      return;
    default:
      relation satisfies never;
  }
}

export function walkExpr(expr: BoundExpr, visitor: BoundVisitor, seen: Set<BoundQuery>): void {
  for (const child of exprChildren(expr)) walkExpr(child, visitor, seen);
  if (expr.kind === "subquery") {
    visitor.subquery?.(expr);
    walkBoundQuery(expr.query, visitor, seen);
  }
}

/** The direct sub-expressions of an expression (not entering subqueries). */
export function exprChildren(expr: BoundExpr): readonly BoundExpr[] {
  switch (expr.kind) {
    case "call":
      return expr.args;
    case "cast":
      return [expr.operand];
    case "case":
      return [...expr.whens.flatMap((w) => [w.when, w.then]), ...(expr.else ? [expr.else] : [])];
    case "fieldAccess":
      return [expr.base];
    case "subquery":
      return expr.operand ? [expr.operand] : [];
    default:
      return [];
  }
}
