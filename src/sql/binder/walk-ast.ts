import { type Expr, isLiteral } from "../ast/expression.ts";
import type { OrderItem, WindowFrame } from "../ast/query.ts";

/**
 * Visits an expression and the expressions inside it, not entering subqueries. `visit` returns false
 * to skip a node's children.
 */
export function walkExpr(expr: Expr, visit: (e: Expr) => boolean): void {
  if (!visit(expr) || isLiteral(expr)) return;
  const each = (child: Expr | undefined): void => {
    if (child !== undefined) walkExpr(child, visit);
  };
  switch (expr.kind) {
    case "column":
    case "star":
    case "parameter":
    case "timeUnit":
    case "descriptor":
    case "exists":
    case "scalarSubquery":
    case "arraySubquery":
      return;
    case "unary":
    case "measureSemantics":
    case "is":
    case "cast":
    case "inSubquery":
      each(expr.operand);
      return;
    case "binaryOp":
    case "isDistinctFrom":
      each(expr.left);
      each(expr.right);
      return;
    case "between":
      each(expr.operand);
      each(expr.low);
      each(expr.high);
      return;
    case "like":
      each(expr.operand);
      each(expr.pattern);
      each(expr.escape);
      return;
    case "inList":
      each(expr.operand);
      expr.list.forEach(each);
      return;
    case "case":
      each(expr.operand);
      for (const w of expr.whens) {
        each(w.when);
        each(w.then);
      }
      each(expr.else);
      return;
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
      each(expr.source);
      return;
    case "trim":
      each(expr.chars);
      each(expr.source);
      return;
    case "jsonCall":
      expr.args.forEach(each);
      eachEntry(expr.entries, each);
      if (expr.onEmpty?.kind === "DEFAULT") each(expr.onEmpty.value);
      if (expr.onError?.kind === "DEFAULT") each(expr.onError.value);
      return;
    case "fieldAccess":
      each(expr.base);
      return;
    case "subscript":
      each(expr.base);
      each(expr.index);
      return;
    case "row":
      expr.fields.forEach(each);
      return;
    case "array":
      expr.elements.forEach(each);
      return;
    case "map":
      eachEntry(expr.entries, each);
      return;
    case "namedArgument":
      each(expr.value);
      return;
    case "tableArgument":
      expr.partitionBy.forEach(each);
      return;
    default:
      expr satisfies never;
  }
}

/** The keys and values of MAP[...] and of JSON_OBJECT's `KEY k VALUE v` pairs. */
function eachEntry(
  entries: readonly { readonly key: Expr; readonly value: Expr }[],
  each: (e: Expr) => void,
): void {
  for (const entry of entries) {
    each(entry.key);
    each(entry.value);
  }
}

function eachOrderItem(items: readonly OrderItem[], each: (e: Expr) => void): void {
  for (const item of items) each(item.expr);
}

function eachFrameOffset(frame: WindowFrame, each: (e: Expr) => void): void {
  if (frame.start.kind === "preceding" || frame.start.kind === "following") each(frame.start.offset);
  if (frame.end?.kind === "preceding" || frame.end?.kind === "following") each(frame.end.offset);
}
