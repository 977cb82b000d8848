import type { Span } from "../../common/source.ts";
import type { Expr } from "../ast/expression.ts";
import type { Hint, Ident } from "../ast/names.ts";
import type {
  Cte,
  GroupingElement,
  NamedWindow,
  OrderItem,
  Query,
  QueryBody,
  Select,
  SelectItem,
  SetOperation,
  Values,
} from "../ast/query.ts";
import { parseExpr, parseExprList } from "./expression.ts";
import { parseHints } from "./hints.ts";
import { parseOrderItems } from "./order-by.ts";
import { NONE, type Parser, spanOf } from "./parser.ts";
import { parseTableRef } from "./table-ref.ts";
import { parseWindowSpec } from "./window.ts";

/** Whether a query starts at the current token: `SELECT`, `WITH` or `VALUES`. */
export function isQueryStart(p: Parser): boolean {
  return p.isWord("SELECT") || p.isWord("WITH") || p.isWord("VALUES");
}

/**
 * Whether a query starts here, possibly after opening parentheses: where a `(` may begin either a
 * query or something else (a column list, a parenthesised join), the first word inside decides.
 */
export function isParenthesizedQueryAhead(p: Parser): boolean {
  let i = 0;
  while (p.isOp("(", i)) i++;
  return p.isWord("SELECT", i) || p.isWord("WITH", i) || p.isWord("VALUES", i);
}

/** `[WITH ...] body [ORDER BY ...] [LIMIT n] [OFFSET n [ROWS]] [FETCH FIRST n ROWS ONLY]`. */
export function parseQuery(p: Parser): Query {
  p.enter();
  const start = p.tokenSpan(p.token);
  const ctes = p.acceptWord("WITH") ? parseCtes(p) : NONE;
  const body = parseSetOperations(p, parseIntersections(p, parseQueryPrimary(p)));
  const query = parseQueryTail(p, ctes, body, start);
  p.leave();
  return query;
}

/**
 * Continues a query whose first operand, a parenthesised query, has already been parsed (see
 * `parseParenthesizedContent`): `((SELECT ...) UNION (SELECT ...))`.
 */
export function continueQuery(p: Parser, first: Query, start: Span): Query {
  const body = parseSetOperations(p, parseIntersections(p, first));
  return parseQueryTail(p, [], body, start);
}

function parseQueryTail(p: Parser, ctes: readonly Cte[], body: QueryBody, start: Span): Query {
  let orderBy: readonly OrderItem[] = NONE;
  if (p.acceptWord("ORDER")) {
    p.expectWord("BY");
    orderBy = parseOrderItems(p);
  }
  let limit: Expr | undefined;
  let offset: Expr | undefined;
  if (p.acceptWord("LIMIT")) limit = parseRowCount(p);
  if (p.acceptWord("OFFSET")) {
    offset = parseRowCount(p);
    if (!p.acceptWord("ROWS")) p.acceptWord("ROW");
  }
  if (limit === undefined && p.acceptWord("FETCH")) {
    if (!p.acceptWord("FIRST")) p.expectWord("NEXT");
    limit = parseRowCount(p);
    if (!p.acceptWord("ROWS")) p.expectWord("ROW");
    p.expectWord("ONLY");
  }
  return { kind: "query", with: ctes, body, orderBy, limit, offset, span: p.spanFrom(start) };
}

/** LIMIT, OFFSET and FETCH take an unsigned integer literal or a `?` parameter, as in Calcite. */
function parseRowCount(p: Parser): Expr {
  const token = p.token;
  if (token.kind === "number" && /^\d+$/.test(token.text)) {
    p.advance();
    return { kind: "numeric", text: token.text, span: p.tokenSpan(token) };
  }
  if (token.kind === "op" && token.value === "?") {
    p.advance();
    return { kind: "parameter", index: ++p.parameterCount, span: p.tokenSpan(token) };
  }
  return p.fail("an unsigned integer");
}

function parseCtes(p: Parser): Cte[] {
  const ctes: Cte[] = [];
  do {
    const name = p.ident("a name for the WITH query");
    const columns = p.isOp("(") ? p.identList() : NONE;
    p.expectWord("AS");
    p.expectOp("(");
    const query = parseQuery(p);
    p.expectOp(")");
    ctes.push({ kind: "cte", name, columns, query, span: p.spanFrom(name.span) });
  } while (p.acceptOp(","));
  return ctes;
}

/** UNION and EXCEPT, left-associative, over INTERSECT terms (INTERSECT binds tighter). */
function parseSetOperations(p: Parser, first: QueryBody): QueryBody {
  let left = first;
  for (;;) {
    let op: "UNION" | "EXCEPT";
    if (p.isWord("UNION")) op = "UNION";
    else if (p.isWord("EXCEPT") || p.isWord("MINUS")) op = "EXCEPT";
    else return left;
    const keyword = p.advance();
    const all = parseAllOrDistinct(p);
    const right = parseIntersections(p, parseQueryPrimary(p));
    left = setOperation(op, all, left, right, p.spanFrom(p.tokenSpan(keyword)));
  }
}

function parseIntersections(p: Parser, first: QueryBody): QueryBody {
  let left = first;
  for (let keyword = p.acceptWord("INTERSECT"); keyword; keyword = p.acceptWord("INTERSECT")) {
    const all = parseAllOrDistinct(p);
    const operator = p.spanFrom(p.tokenSpan(keyword));
    left = setOperation("INTERSECT", all, left, parseQueryPrimary(p), operator);
  }
  return left;
}

function parseAllOrDistinct(p: Parser): boolean {
  if (p.acceptWord("ALL")) return true;
  p.acceptWord("DISTINCT");
  return false;
}

function setOperation(
  op: SetOperation["op"],
  all: boolean,
  left: QueryBody,
  right: QueryBody,
  operatorSpan: SetOperation["operatorSpan"],
): SetOperation {
  return { kind: "setOp", op, all, left, right, operatorSpan, span: spanOf(left.span, right.span) };
}

function parseQueryPrimary(p: Parser): QueryBody {
  if (p.isWord("SELECT")) return parseSelect(p);
  if (p.isWord("VALUES")) return parseValues(p);
  if (p.acceptOp("(")) {
    const query = parseQuery(p);
    p.expectOp(")");
    return query;
  }
  return p.fail("'SELECT', 'VALUES' or '('");
}

/** `VALUES (a, b), (c, d)` or `VALUES ROW(a, b)`; a row without parentheses has one value. */
export function parseValues(p: Parser): Values {
  const start = p.expectWord("VALUES");
  const rows: Expr[][] = [];
  do {
    if (p.isOp("(") || (p.isWord("ROW") && p.isOp("(", 1))) {
      p.acceptWord("ROW");
      p.expectOp("(");
      rows.push(parseExprList(p));
      p.expectOp(")");
    } else {
      rows.push([parseExpr(p)]);
    }
  } while (p.acceptOp(","));
  return { kind: "values", rows, span: p.spanFrom(p.tokenSpan(start)) };
}

function parseSelect(p: Parser): Select {
  const start = p.expectWord("SELECT");
  const hints: readonly Hint[] = p.token.kind === "hintStart" ? parseHints(p) : NONE;
  let distinct = false;
  if (p.acceptWord("DISTINCT")) distinct = true;
  else p.acceptWord("ALL");
  const items = [parseSelectItem(p)];
  while (p.acceptOp(",")) items.push(parseSelectItem(p));
  const from = p.acceptWord("FROM") ? parseTableRef(p) : undefined;
  const where = p.acceptWord("WHERE") ? parseExpr(p) : undefined;
  const groupBy = p.acceptWord("GROUP") ? parseGroupBy(p) : NONE;
  const having = p.acceptWord("HAVING") ? parseExpr(p) : undefined;
  const windows = p.acceptWord("WINDOW") ? parseNamedWindows(p) : NONE;
  return {
    kind: "select",
    hints,
    distinct,
    items,
    from,
    where,
    groupBy,
    having,
    windows,
    span: p.spanFrom(p.tokenSpan(start)),
  };
}

function parseSelectItem(p: Parser): SelectItem {
  const expr = parseExpr(p);
  let alias: Ident | undefined;
  if (p.acceptWord("AS")) alias = p.anyIdent("an alias");
  else if (p.isIdent()) alias = p.ident();
  return { kind: "selectItem", expr, alias, span: p.spanFrom(expr.span) };
}

/** After GROUP: `BY element, ...`. */
function parseGroupBy(p: Parser): GroupingElement[] {
  p.expectWord("BY");
  return parseGroupingElements(p);
}

function parseGroupingElements(p: Parser): GroupingElement[] {
  const elements = [parseGroupingElement(p)];
  while (p.acceptOp(",")) elements.push(parseGroupingElement(p));
  return elements;
}

function parseGroupingElement(p: Parser): GroupingElement {
  const start = p.tokenSpan(p.token);
  if (p.isOp("(") && p.isOp(")", 1)) {
    p.skip(2);
    return { kind: "emptyGroup", span: p.spanFrom(start) };
  }
  if (p.isWord("GROUPING") && p.isWord("SETS", 1)) {
    p.skip(2);
    p.expectOp("(");
    const sets = parseGroupingElements(p);
    p.expectOp(")");
    return { kind: "groupingSets", sets, span: p.spanFrom(start) };
  }
  if ((p.isWord("ROLLUP") || p.isWord("CUBE")) && p.isOp("(", 1)) {
    const kind = p.advance().value === "ROLLUP" ? "rollup" : "cube";
    p.expectOp("(");
    const elements = parseExprList(p);
    p.expectOp(")");
    return { kind, elements, span: p.spanFrom(start) };
  }
  const expr = parseExpr(p);
  return { kind: "groupExpr", expr, span: expr.span };
}

function parseNamedWindows(p: Parser): NamedWindow[] {
  const windows: NamedWindow[] = [];
  do {
    const name = p.ident("a window name");
    p.expectWord("AS");
    const spec = parseWindowSpec(p);
    windows.push({ kind: "namedWindow", name, spec, span: p.spanFrom(name.span) });
  } while (p.acceptOp(","));
  return windows;
}
