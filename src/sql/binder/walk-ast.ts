import type { Expr } from "../ast/expression.ts";
import type { OrderItem, WindowFrame } from "../ast/query.ts";

/**
 * Visits an expression and the expressions inside it, not entering subqueries. `visit` returns false
 * to skip a node's children.
 */
export function walkExpr(expr: Expr, visit: (e: Expr) => boolean): void {
  if (!visit(expr)) return;
  const each = (child: Expr | undefined): void => {
    if (child !== undefined) walkExpr(child, visit);
  };
  switch (expr.kind) {
    case "numeric":
    case "string":
    case "boolean":
    case "null":
    case "binary":
    case "typedLiteral":
    case "interval":
    case "column":
    case "star":
    case "parameter":
    case "timeUnit":
    case "descriptor":
    case "exists":
    case "scalarSubquery":
      return;
    case "unary":
    case "is":
    case "cast":
    case "inSubquery":
      return each(expr.operand);
    case "binaryOp":
    case "isDistinctFrom":
      each(expr.left);
      return each(expr.right);
    case "between":
      each(expr.operand);
      each(expr.low);
      return each(expr.high);
    case "like":
      each(expr.operand);
      each(expr.pattern);
      return each(expr.escape);
    case "inList":
      each(expr.operand);
      return expr.list.forEach(each);
    case "case":
      each(expr.operand);
      for (const w of expr.whens) {
        each(w.when);
        each(w.then);
      }
      return each(expr.else);
    case "call":
      expr.args.forEach(each);
      each(expr.filter);
      if (expr.withinGroup) eachOrderItem(expr.withinGroup, each);
      if (expr.over?.kind === "windowSpec") {
        expr.over.partitionBy.forEach(each);
        eachOrderItem(expr.over.orderBy, each);
        if (expr.over.frame) eachFrameOffset(expr.over.frame, each);
      }
      return;
    case "extract":
      return each(expr.source);
    case "trim":
      each(expr.chars);
      return each(expr.source);
    case "jsonCall":
      expr.args.forEach(each);
      for (const entry of expr.entries) {
        each(entry.key);
        each(entry.value);
      }
      if (expr.onEmpty?.kind === "DEFAULT") each(expr.onEmpty.value);
      if (expr.onError?.kind === "DEFAULT") each(expr.onError.value);
      return;
    case "fieldAccess":
      return each(expr.base);
    case "subscript":
      each(expr.base);
      return each(expr.index);
    case "row":
      return expr.fields.forEach(each);
    case "array":
      return expr.elements.forEach(each);
    case "map":
      for (const entry of expr.entries) {
        each(entry.key);
        each(entry.value);
      }
      return;
    case "namedArgument":
      return each(expr.value);
    case "tableArgument":
      return expr.partitionBy.forEach(each);
    default:
      return expr satisfies never;
  }
}

function eachOrderItem(items: readonly OrderItem[], each: (e: Expr) => void): void {
  for (const item of items) each(item.expr);
}

function eachFrameOffset(frame: WindowFrame, each: (e: Expr) => void): void {
  if (frame.start.kind === "preceding" || frame.start.kind === "following") each(frame.start.offset);
  if (frame.end?.kind === "preceding" || frame.end?.kind === "following") each(frame.end.offset);
}
