import { type Expr, isLiteral } from "../ast/expression.ts";
import type { OrderItem, WindowFrame } from "../ast/query.ts";

/**
 * Visits an expression and the expressions inside it, not entering subqueries. `visit` returns false
 * to skip a node's children.
 */
export function walkExpr(expr: Expr, visit: (e: Expr) => boolean): void {
  if (!visit(expr) || isLiteral(expr)) return;
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
      walkChild(expr.operand, visit);
      return;
    case "binaryOp":
    case "isDistinctFrom":
      walkChild(expr.left, visit);
      walkChild(expr.right, visit);
      return;
    case "between":
      walkChild(expr.operand, visit);
      walkChild(expr.low, visit);
      walkChild(expr.high, visit);
      return;
    case "like":
      walkChild(expr.operand, visit);
      walkChild(expr.pattern, visit);
      walkChild(expr.escape, visit);
      return;
    case "inList":
      walkChild(expr.operand, visit);
      walkList(expr.list, visit);
      return;
    case "case":
      walkChild(expr.operand, visit);
      for (const w of expr.whens) {
        walkChild(w.when, visit);
        walkChild(w.then, visit);
      }
      walkChild(expr.else, visit);
      return;
    case "call":
      walkList(expr.args, visit);
      walkChild(expr.filter, visit);
      if (expr.withinGroup) eachOrderItem(expr.withinGroup, visit);
      if (expr.over?.kind === "windowSpec") {
        walkList(expr.over.partitionBy, visit);
        eachOrderItem(expr.over.orderBy, visit);
        if (expr.over.frame) eachFrameOffset(expr.over.frame, visit);
      }
      return;
    case "extract":
      walkChild(expr.source, visit);
      return;
    case "trim":
      walkChild(expr.chars, visit);
      walkChild(expr.source, visit);
      return;
    case "jsonCall":
      walkList(expr.args, visit);
      eachEntry(expr.entries, visit);
      if (expr.onEmpty?.kind === "DEFAULT") walkChild(expr.onEmpty.value, visit);
      if (expr.onError?.kind === "DEFAULT") walkChild(expr.onError.value, visit);
      return;
    case "fieldAccess":
      walkChild(expr.base, visit);
      return;
    case "subscript":
      walkChild(expr.base, visit);
      walkChild(expr.index, visit);
      return;
    case "row":
      walkList(expr.fields, visit);
      return;
    case "array":
      walkList(expr.elements, visit);
      return;
    case "map":
      eachEntry(expr.entries, visit);
      return;
    case "namedArgument":
      walkChild(expr.value, visit);
      return;
    case "tableArgument":
      walkList(expr.partitionBy, visit);
      return;
    default:
      expr satisfies never;
  }
}

function walkChild(child: Expr | undefined, visit: (e: Expr) => boolean): void {
  if (child !== undefined) walkExpr(child, visit);
}

function walkList(children: readonly Expr[], visit: (e: Expr) => boolean): void {
  for (let i = 0; i < children.length; i++) walkExpr(children[i]!, visit);
}

/** The keys and values of MAP[...] and of JSON_OBJECT's `KEY k VALUE v` pairs. */
function eachEntry(
  entries: readonly { readonly key: Expr; readonly value: Expr }[],
  visit: (e: Expr) => boolean,
): void {
  for (const entry of entries) {
    walkChild(entry.key, visit);
    walkChild(entry.value, visit);
  }
}

function eachOrderItem(items: readonly OrderItem[], visit: (e: Expr) => boolean): void {
  for (const item of items) walkChild(item.expr, visit);
}

function eachFrameOffset(frame: WindowFrame, visit: (e: Expr) => boolean): void {
  if (frame.start.kind === "preceding" || frame.start.kind === "following")
    walkChild(frame.start.offset, visit);
  if (frame.end?.kind === "preceding" || frame.end?.kind === "following") walkChild(frame.end.offset, visit);
}
