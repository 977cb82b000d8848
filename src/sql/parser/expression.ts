import type { Span } from "../../common/source.ts";
import type { BinaryOperator, Expr, FunctionCall, Ident, QualifiedName } from "../ast/index.ts";
import type { Query } from "../ast/query.ts";
import type { Token } from "../lexer/token.ts";
import { NON_NAME_WORDS } from "./keywords.ts";
import { parseLiteralOrSpecialForm } from "./literal.ts";
import { NONE, type Parser, spanOf } from "./parser.ts";
import { PRECEDENCE } from "./precedence.ts";
import { continueQuery, isQueryStart, parseQuery } from "./query.ts";
import { parseSpecialFunction } from "./special-functions.ts";
import { parseCallSuffixes } from "./window.ts";

/**
 * An expression, by precedence climbing: operators binding looser than `minPrecedence` are left to
 * the caller. See precedence.ts for the levels.
 */
export function parseExpr(p: Parser, minPrecedence = 0): Expr {
  p.enter();
  let left = parseUnary(p);
  for (;;) {
    const token = p.token;
    if (token.kind === "op") {
      const op = token.value;
      const precedence = binaryOpPrecedence(op);
      if (precedence === 0 || precedence < minPrecedence) break;
      p.advance();
      const right = parseExpr(p, precedence + 1);
      left = binary(op as BinaryOperator, left, right);
      continue;
    }
    if (token.kind !== "word") break;
    const word = token.value;
    if (word === "OR" || word === "AND") {
      const precedence = word === "OR" ? PRECEDENCE.OR : PRECEDENCE.AND;
      if (precedence < minPrecedence) break;
      p.advance();
      left = binary(word, left, parseExpr(p, precedence + 1));
    } else if (word === "OVERLAPS") {
      if (PRECEDENCE.COMPARISON < minPrecedence) break;
      p.advance();
      left = binary("OVERLAPS", left, parseExpr(p, PRECEDENCE.COMPARISON + 1));
    } else if (word === "IS") {
      if (PRECEDENCE.IS < minPrecedence) break;
      left = parseIsSuffix(p, left);
    } else if (isPredicateStart(p)) {
      if (PRECEDENCE.PREDICATE < minPrecedence) break;
      left = parsePredicateSuffix(p, left);
    } else {
      break;
    }
  }
  p.leave();
  return left;
}

/** Precedence of an operator token, or 0 if it is not a binary operator. */
function binaryOpPrecedence(op: string): number {
  switch (op) {
    case "=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=":
      return PRECEDENCE.COMPARISON;
    case "+":
    case "-":
      return PRECEDENCE.ADDITIVE;
    case "*":
    case "/":
    case "%":
    case "||":
      return PRECEDENCE.MULTIPLICATIVE;
    default:
      return 0;
  }
}

function binary(op: BinaryOperator, left: Expr, right: Expr): Expr {
  return { kind: "binaryOp", op, left, right, span: spanOf(left.span, right.span) };
}

function isPredicateStart(p: Parser): boolean {
  const offset = p.isWord("NOT") ? 1 : 0;
  const token = p.peek(offset);
  if (token.kind !== "word") return false;
  return (
    token.value === "LIKE" || token.value === "BETWEEN" || token.value === "IN" || token.value === "SIMILAR"
  );
}

/** `IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x`. */
function parseIsSuffix(p: Parser, operand: Expr): Expr {
  p.expectWord("IS");
  const negated = p.acceptWord("NOT") !== undefined;
  const token = p.token;
  if (token.kind === "word") {
    switch (token.value) {
      case "NULL":
      case "TRUE":
      case "FALSE":
      case "UNKNOWN":
        p.advance();
        return { kind: "is", negated, test: token.value, operand, span: p.spanFrom(operand.span) };
      case "JSON": {
        p.advance();
        const kind = p.token;
        let test: "JSON" | "JSON VALUE" | "JSON SCALAR" | "JSON ARRAY" | "JSON OBJECT" = "JSON";
        if (kind.kind === "word" && ["VALUE", "SCALAR", "ARRAY", "OBJECT"].includes(kind.value)) {
          p.advance();
          test = `JSON ${kind.value}` as typeof test;
        }
        return { kind: "is", negated, test, operand, span: p.spanFrom(operand.span) };
      }
      case "DISTINCT": {
        p.advance();
        p.expectWord("FROM");
        const right = parseExpr(p, PRECEDENCE.IS + 1);
        return {
          kind: "isDistinctFrom",
          negated,
          left: operand,
          right,
          span: spanOf(operand.span, right.span),
        };
      }
    }
  }
  return p.fail("NULL, TRUE, FALSE, UNKNOWN, JSON or DISTINCT FROM after IS");
}

/** `[NOT] BETWEEN | LIKE | SIMILAR TO | IN ...` after its left operand. */
function parsePredicateSuffix(p: Parser, operand: Expr): Expr {
  const negated = p.acceptWord("NOT") !== undefined;
  const operandPrecedence = PRECEDENCE.PREDICATE + 1;
  const keyword = p.advance().value;
  if (keyword === "BETWEEN") {
    let symmetric = false;
    if (p.acceptWord("SYMMETRIC")) symmetric = true;
    else p.acceptWord("ASYMMETRIC");
    const low = parseExpr(p, operandPrecedence);
    p.expectWord("AND");
    const high = parseExpr(p, operandPrecedence);
    return { kind: "between", negated, symmetric, operand, low, high, span: spanOf(operand.span, high.span) };
  }
  if (keyword === "LIKE" || keyword === "SIMILAR") {
    if (keyword === "SIMILAR") p.expectWord("TO");
    const pattern = parseExpr(p, operandPrecedence);
    const escapeExpr = p.acceptWord("ESCAPE") ? parseExpr(p, operandPrecedence) : undefined;
    const op = keyword === "LIKE" ? "LIKE" : "SIMILAR TO";
    return {
      kind: "like",
      op,
      negated,
      operand,
      pattern,
      escape: escapeExpr,
      span: p.spanFrom(operand.span),
    };
  }
  // IN
  const open = p.expectOp("(");
  const content = parseParenthesizedContent(p, open);
  if (content.kind === "query") {
    return { kind: "inSubquery", negated, operand, query: content.query, span: p.spanFrom(operand.span) };
  }
  return { kind: "inList", negated, operand, list: content.exprs, span: p.spanFrom(operand.span) };
}

function parseUnary(p: Parser): Expr {
  const token = p.token;
  if (token.kind === "op" && (token.value === "-" || token.value === "+")) {
    p.advance();
    const operand = parseExpr(p, PRECEDENCE.UNARY);
    return { kind: "unary", op: token.value, operand, span: spanOf(p.tokenSpan(token), operand.span) };
  }
  if (token.kind === "word" && token.value === "NOT") {
    p.advance();
    const operand = parseExpr(p, PRECEDENCE.NOT);
    return { kind: "unary", op: "NOT", operand, span: spanOf(p.tokenSpan(token), operand.span) };
  }
  return parsePostfix(p, parsePrimary(p));
}

/** `.field` and `[index]` after a primary. */
function parsePostfix(p: Parser, base: Expr): Expr {
  let expr = base;
  for (;;) {
    if (p.acceptOp("[")) {
      const index = parseExpr(p);
      p.expectOp("]");
      expr = { kind: "subscript", base: expr, index, span: p.spanFrom(expr.span) };
    } else if (p.isOp(".") && (p.peek().kind === "word" || p.peek().kind === "quoted")) {
      p.advance();
      const field = p.anyIdent();
      expr = { kind: "fieldAccess", base: expr, field, span: p.spanFrom(expr.span) };
    } else {
      return expr;
    }
  }
}

function parsePrimary(p: Parser): Expr {
  const token = p.token;
  switch (token.kind) {
    case "number":
      p.advance();
      return { kind: "numeric", text: token.text, span: p.tokenSpan(token) };
    case "string":
      return { kind: "string", value: parseStringValue(p), span: p.spanFrom(p.tokenSpan(token)) };
    case "binary": {
      let hex = p.advance().value;
      while (p.atStringContinuation()) hex += p.advance().value;
      return { kind: "binary", hex, span: p.spanFrom(p.tokenSpan(token)) };
    }
    case "quoted":
      return parseNameOrCall(p);
    case "op":
      if (token.value === "(") return parseParenthesized(p);
      if (token.value === "?") {
        p.advance();
        return { kind: "parameter", index: ++p.parameterCount, span: p.tokenSpan(token) };
      }
      if (token.value === "*") {
        p.advance();
        return { kind: "star", qualifier: NONE, span: p.tokenSpan(token) };
      }
      return p.fail("an expression");
    case "word": {
      if (p.inMatchRecognize && (token.value === "RUNNING" || token.value === "FINAL") && p.isIdent(1)) {
        p.advance();
        const operand = parsePostfix(p, parsePrimary(p));
        const semantics = token.value;
        return {
          kind: "measureSemantics",
          semantics,
          operand,
          span: spanOf(p.tokenSpan(token), operand.span),
        };
      }
      // Most words here are names: one lookup tells, instead of the tests of every form below.
      if (!NON_NAME_WORDS.has(token.value)) return parseNameOrCall(p);
      const special = parseLiteralOrSpecialForm(p) ?? parseSpecialFunction(p);
      if (special !== undefined) return special;
      if (!p.isIdent()) return p.fail("an expression");
      return parseNameOrCall(p);
    }
    default:
      return p.fail("an expression");
  }
}

/** One or more adjacent string literals (`'a' 'b'` is `'ab'`), decoded. */
export function parseStringValue(p: Parser): string {
  if (p.token.kind !== "string") return p.fail("a string literal");
  let value = p.advance().value;
  while (p.atStringContinuation()) value += p.advance().value;
  return value;
}

/** `a`, `t.a.b`, `t.*`, `f(...)`, `cat.db.f(...)`. */
function parseNameOrCall(p: Parser): Expr {
  const first = p.anyIdent();
  // Most names have one or two parts: array literals of the exact size (a push would reserve 17
  // slots), and the one-part array made only once the name is known to end.
  let qualified: Ident[] | undefined;
  while (p.isOp(".")) {
    const next = p.peek();
    if (next.kind === "word" || next.kind === "quoted") {
      p.advance();
      qualified = qualified === undefined ? [first, p.anyIdent()] : [...qualified, p.anyIdent()];
    } else if (next.kind === "op" && next.value === "*") {
      p.advance();
      p.advance();
      return { kind: "star", qualifier: qualified ?? [first], span: p.spanFrom(first.span) };
    } else {
      break;
    }
  }
  const parts = qualified ?? [first];
  const span = spanOf(first.span, parts[parts.length - 1]!.span);
  if (p.isOp("(")) return parseCall(p, { kind: "qualifiedName", parts, span });
  return { kind: "column", parts, span };
}

/** `name(args) [WITHIN GROUP ...] [FILTER ...] [IGNORE NULLS] [OVER ...]`, at the `(`. */
export function parseCall(p: Parser, name: QualifiedName): FunctionCall {
  p.expectOp("(");
  let distinct = false;
  const args: Expr[] = [];
  if (!p.isOp(")")) {
    if (p.acceptWord("DISTINCT")) distinct = true;
    else p.acceptWord("ALL");
    do args.push(parseArgument(p));
    while (p.acceptOp(","));
  }
  p.expectOp(")");
  return parseCallSuffixes(p, { kind: "call", name, args, distinct, span: p.spanFrom(name.span) });
}

/** A call argument: an expression, `name => value`, `TABLE t [PARTITION BY ...]` or `DESCRIPTOR(...)`. */
export function parseArgument(p: Parser): Expr {
  if ((p.token.kind === "word" || p.token.kind === "quoted") && p.isOp("=>", 1)) {
    const name = p.identOf(p.advance());
    p.advance();
    const value = parseArgument(p);
    return { kind: "namedArgument", name, value, span: spanOf(name.span, value.span) };
  }
  if (p.isWord("TABLE") && p.peek().kind !== "op") {
    const start = p.advance();
    const table = p.qualifiedName("a table name");
    const partitionBy = p.acceptWords("PARTITION", "BY") ? parsePartitionKeys(p) : NONE;
    return { kind: "tableArgument", table, partitionBy, span: p.spanFrom(p.tokenSpan(start)) };
  }
  return parseExpr(p);
}

/** `k` or `(k1, k2)`: a bare list would swallow the call's next argument. */
function parsePartitionKeys(p: Parser): Expr[] {
  if (!p.acceptOp("(")) return [parseExpr(p)];
  const keys = parseExprList(p);
  p.expectOp(")");
  return keys;
}

export function parseExprList(p: Parser): Expr[] {
  const exprs = [parseExpr(p)];
  while (p.acceptOp(",")) exprs.push(parseExpr(p));
  return exprs;
}

/**
 * What follows a `(` (already consumed) up to its `)`: a query, or a list of expressions. A list
 * whose first element is a parenthesised query continues as a query when a set operator follows:
 * `((SELECT a FROM t) UNION (SELECT b FROM u))`.
 */
export function parseParenthesizedContent(
  p: Parser,
  open: Token,
): { readonly kind: "query"; readonly query: Query } | { readonly kind: "list"; readonly exprs: Expr[] } {
  if (isQueryStart(p)) {
    const query = parseQuery(p);
    p.expectOp(")");
    return { kind: "query", query };
  }
  const first = parseExpr(p);
  if (first.kind === "scalarSubquery" && isQueryContinuation(p)) {
    const query = continueQuery(p, first.query, p.tokenSpan(open));
    p.expectOp(")");
    return { kind: "query", query };
  }
  const exprs = [first];
  while (p.acceptOp(",")) exprs.push(parseExpr(p));
  p.expectOp(")");
  return { kind: "list", exprs };
}

function isQueryContinuation(p: Parser): boolean {
  const token = p.token;
  if (token.kind !== "word") return false;
  switch (token.value) {
    case "UNION":
    case "INTERSECT":
    case "EXCEPT":
    case "MINUS":
    case "ORDER":
    case "LIMIT":
    case "OFFSET":
    case "FETCH":
      return true;
    default:
      return false;
  }
}

/** `(expr)`, `(a, b)` (a row), `(SELECT ...)` (a scalar subquery). */
function parseParenthesized(p: Parser): Expr {
  const open = p.advance();
  const content = parseParenthesizedContent(p, open);
  const span: Span = p.spanFrom(p.tokenSpan(open));
  if (content.kind === "query") return { kind: "scalarSubquery", query: content.query, span };
  if (content.exprs.length === 1) return content.exprs[0]!;
  return { kind: "row", explicit: false, fields: content.exprs, span };
}
