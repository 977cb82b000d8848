import type { Expr, FunctionCall } from "../ast/expression.ts";
import type { Ident } from "../ast/names.ts";
import type { FrameBound, OrderItem, WindowFrame, WindowSpec } from "../ast/query.ts";
import { parseExpr, parseExprList } from "./expression.ts";
import { parseOrderItems } from "./order-by.ts";
import { NONE, type Parser } from "./parser.ts";

/**
 * What may follow a call's `)`: `WITHIN GROUP (ORDER BY ...)`, `FILTER (WHERE ...)`,
 * `IGNORE | RESPECT NULLS` and `OVER (...)` / `OVER w`, each at most once, in any order.
 */
export function parseCallSuffixes(p: Parser, call: FunctionCall): FunctionCall {
  let withinGroup: OrderItem[] | undefined;
  let filter: Expr | undefined;
  let nullTreatment: "RESPECT" | "IGNORE" | undefined;
  let over: WindowSpec | Ident | undefined;
  for (;;) {
    if (withinGroup === undefined && p.isWord("WITHIN") && p.isWord("GROUP", 1)) {
      p.skip(2);
      p.expectOp("(");
      p.expectWords("ORDER", "BY");
      withinGroup = parseOrderItems(p);
      p.expectOp(")");
    } else if (filter === undefined && p.isWord("FILTER") && p.isOp("(", 1)) {
      p.skip(2);
      p.expectWord("WHERE");
      filter = parseExpr(p);
      p.expectOp(")");
    } else if (
      nullTreatment === undefined &&
      (p.isWord("IGNORE") || p.isWord("RESPECT")) &&
      p.isWord("NULLS", 1)
    ) {
      nullTreatment = p.advance().value as "RESPECT" | "IGNORE";
      p.advance();
    } else if (over === undefined && p.isWord("OVER")) {
      p.advance();
      if (p.isWord("PARTITION") || p.isWord("ROWS") || p.isWord("RANGE")) p.fail("'(' or a window name");
      over = p.isOp("(") ? parseWindowSpec(p) : p.ident("'(' or a window name");
    } else {
      break;
    }
  }
  if (withinGroup === undefined && filter === undefined && nullTreatment === undefined && over === undefined)
    return call;
  // A literal, not a spread: its object shape stays alive in V8 (see common/keep-shape.ts).
  const { name, args, distinct } = call;
  const span = p.spanFrom(call.span);
  return { kind: "call", name, args, distinct, span, withinGroup, filter, nullTreatment, over };
}

/** `( [base] [PARTITION BY ...] [ORDER BY ...] [ROWS | RANGE ...] )`. */
export function parseWindowSpec(p: Parser): WindowSpec {
  const open = p.expectOp("(");
  let base: Ident | undefined;
  if (p.isIdent() && !p.isWord("PARTITION") && !p.isWord("ROWS") && !p.isWord("RANGE")) base = p.ident();
  const partitionBy = p.acceptWords("PARTITION", "BY") ? parseExprList(p) : NONE;
  const orderBy = p.acceptWords("ORDER", "BY") ? parseOrderItems(p) : NONE;
  const frame = p.isWord("ROWS") || p.isWord("RANGE") ? parseFrame(p) : undefined;
  p.expectOp(")");
  return { kind: "windowSpec", base, partitionBy, orderBy, frame, span: p.spanFrom(p.tokenSpan(open)) };
}

function parseFrame(p: Parser): WindowFrame {
  const unit = p.advance().value as "ROWS" | "RANGE";
  if (!p.acceptWord("BETWEEN")) return { unit, start: parseBound(p), end: undefined };
  const start = parseBound(p);
  p.expectWord("AND");
  return { unit, start, end: parseBound(p) };
}

function parseBound(p: Parser): FrameBound {
  if (p.acceptWords("UNBOUNDED", "PRECEDING")) return { kind: "unboundedPreceding" };
  if (p.acceptWords("UNBOUNDED", "FOLLOWING")) return { kind: "unboundedFollowing" };
  if (p.acceptWords("CURRENT", "ROW")) return { kind: "currentRow" };
  const offset = parseExpr(p);
  if (p.acceptWord("PRECEDING")) return { kind: "preceding", offset };
  if (p.acceptWord("FOLLOWING")) return { kind: "following", offset };
  return p.fail("'PRECEDING' or 'FOLLOWING'");
}
