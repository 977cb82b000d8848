import type { Expr } from "../ast/expression.ts";

const EXPRESSION_KINDS: ReadonlySet<string> = new Set<Expr["kind"]>([
  "numeric",
  "string",
  "boolean",
  "null",
  "binary",
  "typedLiteral",
  "interval",
  "column",
  "star",
  "parameter",
  "unary",
  "binaryOp",
  "is",
  "isDistinctFrom",
  "between",
  "like",
  "inList",
  "inSubquery",
  "exists",
  "scalarSubquery",
  "case",
  "cast",
  "call",
  "extract",
  "trim",
  "timeUnit",
  "jsonCall",
  "fieldAccess",
  "subscript",
  "row",
  "array",
  "map",
  "namedArgument",
  "tableArgument",
  "descriptor",
]);

/**
 * Visits an expression and the expressions inside it, not entering subqueries. `visit` returns false
 * to skip a node's children.
 */
export function walkExpr(expr: Expr, visit: (e: Expr) => boolean): void {
  if (!visit(expr)) return;
  for (const value of Object.values(expr)) visitValue(value, visit);
}

function visitValue(value: unknown, visit: (e: Expr) => boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) visitValue(item, visit);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === "query") return;
  if (typeof kind === "string" && EXPRESSION_KINDS.has(kind)) {
    walkExpr(value as Expr, visit);
    return;
  }
  for (const nested of Object.values(value)) visitValue(nested, visit);
}
