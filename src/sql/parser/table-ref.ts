import { spanToEnd } from "../../common/source.ts";
import type { Expr, FunctionCall } from "../ast/expression.ts";
import type { Hint, Ident, TableAlias } from "../ast/names.ts";
import type { JoinType, TableRef } from "../ast/query.ts";
import { parseCall, parseExpr, parseExprList } from "./expression.ts";
import { parseHints } from "./hints.ts";
import { parseMatchRecognize } from "./match-recognize.ts";
import { NONE, type Parser } from "./parser.ts";
import { isParenthesizedQueryAhead, parseQuery } from "./query.ts";

/** A FROM clause: table factors joined by `,` and the JOIN forms, left-associative. */
export function parseTableRef(p: Parser): TableRef {
  let left = parseTableFactor(p);
  for (;;) {
    if (p.acceptOp(",")) {
      const right = parseTableFactor(p);
      left = join("COMMA", false, left, right, undefined, []);
      continue;
    }
    const natural = p.acceptWord("NATURAL") !== undefined;
    const type = acceptJoinType(p);
    if (type === undefined) {
      if (natural) p.fail("'JOIN'");
      return left;
    }
    const right = parseTableFactor(p);
    let on: Expr | undefined;
    let using: readonly Ident[] = NONE;
    if (p.acceptWord("ON")) on = parseExpr(p);
    else if (p.acceptWord("USING")) using = p.identList();
    left = join(type, natural, left, right, on, using);
  }
}

/** Consumes `[INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] | CROSS] JOIN` if present. */
function acceptJoinType(p: Parser): JoinType | undefined {
  const token = p.token;
  if (token.kind !== "word") return undefined;
  switch (token.value) {
    case "JOIN":
      p.advance();
      return "INNER";
    case "INNER":
    case "CROSS":
      if (!p.isWord("JOIN", 1)) return undefined;
      p.skip(2);
      return token.value;
    case "LEFT":
    case "RIGHT":
    case "FULL": {
      const length = p.isWord("OUTER", 1) ? 3 : 2;
      if (!p.isWord("JOIN", length - 1)) return undefined;
      p.skip(length);
      return token.value;
    }
    default:
      return undefined;
  }
}

function join(
  type: JoinType,
  natural: boolean,
  left: TableRef,
  right: TableRef,
  on: Expr | undefined,
  using: readonly Ident[],
): TableRef {
  const span = spanToEnd(left.span, (on ?? right).span.end);
  return { kind: "join", type, left, right, on, using, natural, span };
}

function parseTableFactor(p: Parser): TableRef {
  p.enter();
  const factor = parseTableFactorInner(p);
  p.leave();
  return p.isWord("MATCH_RECOGNIZE") ? parseMatchRecognize(p, factor) : factor;
}

function parseTableFactorInner(p: Parser): TableRef {
  const start = p.tokenSpan(p.token);
  const lateral = p.acceptWord("LATERAL") !== undefined;
  if (p.isWord("TABLE") && p.isOp("(", 1)) {
    p.skip(2);
    const call = parseTableFunctionCall(p);
    p.expectOp(")");
    return { kind: "tableFunction", lateral, call, alias: parseAlias(p), span: p.spanFrom(start) };
  }
  if (p.isOp("(")) {
    if (isParenthesizedQueryAhead(p)) {
      p.advance();
      const query = parseQuery(p);
      p.expectOp(")");
      return { kind: "derivedTable", lateral, query, alias: parseAlias(p), span: p.spanFrom(start) };
    }
    if (lateral) return p.fail("'TABLE' or a subquery after LATERAL");
    p.advance();
    const inner = parseTableRef(p);
    p.expectOp(")");
    return inner;
  }
  if (lateral) return p.fail("'TABLE' or a subquery after LATERAL");
  if (p.isWord("UNNEST") && p.isOp("(", 1)) {
    p.skip(2);
    const args = parseExprList(p);
    p.expectOp(")");
    const withOrdinality = p.acceptWords("WITH", "ORDINALITY");
    return { kind: "unnest", args, withOrdinality, alias: parseAlias(p), span: p.spanFrom(start) };
  }
  const name = p.qualifiedName("a table name");
  const hints: readonly Hint[] = p.token.kind === "hintStart" ? parseHints(p) : NONE;
  let asOf: Expr | undefined;
  if (p.acceptWords("FOR", "SYSTEM_TIME", "AS", "OF")) asOf = parseExpr(p);
  const alias = p.isWord("MATCH_RECOGNIZE") ? undefined : parseAlias(p);
  return { kind: "namedTable", name, hints, asOf, alias, span: p.spanFrom(start) };
}

/** The function call inside `TABLE(...)`. */
function parseTableFunctionCall(p: Parser): FunctionCall {
  const name = p.qualifiedName("a table function name");
  if (!p.isOp("(")) return p.fail("'('");
  return parseCall(p, name);
}

/** `[AS] name [(col, ...)]`, if present. */
export function parseAlias(p: Parser): TableAlias | undefined {
  let name: Ident;
  if (p.acceptWord("AS")) name = p.anyIdent("an alias");
  else if (p.isIdent()) name = p.ident();
  else return undefined;
  const columns = p.isOp("(") ? p.identList() : NONE;
  return { kind: "tableAlias", name, columns, span: p.spanFrom(name.span) };
}
