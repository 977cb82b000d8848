import type { OrderItem } from "../ast/query.ts";
import { parseExpr } from "./expression.ts";
import type { Parser } from "./parser.ts";

/** `expr [ASC | DESC] [NULLS FIRST | LAST], ...` (after `ORDER BY`). */
export function parseOrderItems(p: Parser): OrderItem[] {
  const items = [parseOrderItem(p)];
  while (p.acceptOp(",")) items.push(parseOrderItem(p));
  return items;
}

function parseOrderItem(p: Parser): OrderItem {
  const expr = parseExpr(p);
  let direction: "ASC" | "DESC" | undefined;
  if (p.acceptWord("ASC")) direction = "ASC";
  else if (p.acceptWord("DESC")) direction = "DESC";
  let nulls: "FIRST" | "LAST" | undefined;
  if (p.acceptWord("NULLS")) {
    if (p.acceptWord("FIRST")) nulls = "FIRST";
    else if (p.acceptWord("LAST")) nulls = "LAST";
    else p.fail("'FIRST' or 'LAST'");
  }
  return { kind: "orderItem", expr, direction, nulls, span: p.spanFrom(expr.span) };
}
