import type { Span } from "../../common/source.ts";
import type { Expr, TypedLiteral } from "../ast/expression.ts";
import { parseDataType } from "./data-type.ts";
import { parseExpr, parseStringValue } from "./expression.ts";
import { NONE, type Parser } from "./parser.ts";
import { parseQuery } from "./query.ts";
import { parseIntervalLiteral } from "./time-unit.ts";

/** Functions called without parentheses. They become a FunctionCall without arguments. */
const NILADIC_FUNCTIONS: ReadonlySet<string> = new Set([
  "CURRENT_TIMESTAMP",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "LOCALTIME",
  "LOCALTIMESTAMP",
]);

const TYPED_LITERALS: ReadonlySet<string> = new Set(["DATE", "TIME", "TIMESTAMP", "TIMESTAMP_LTZ"]);

/**
 * Literals and keyword-led expressions (`NULL`, `CASE`, `CAST`, `INTERVAL '1' DAY`, `ROW(...)`,
 * `ARRAY[...]`, ...) at the current word, or undefined when the word starts none of them (it may still
 * be an identifier: `date`, `row` and `map` are common column names).
 * Its words are listed in keywords.ts (NON_NAME_WORDS), which the parser checks first.
 */
export function parseLiteralOrSpecialForm(p: Parser): Expr | undefined {
  const token = p.token;
  const next = p.peek();
  let span: Span;
  switch (token.value) {
    case "NULL":
      p.advance();
      return { kind: "null", span: p.tokenSpan(token) };
    case "TRUE":
    case "FALSE":
      p.advance();
      return { kind: "boolean", value: token.value === "TRUE", span: p.tokenSpan(token) };
    case "UNKNOWN":
      p.advance();
      return { kind: "boolean", value: "unknown", span: p.tokenSpan(token) };
    case "CASE":
      return parseCase(p);
    case "CAST":
    case "TRY_CAST":
      if (!p.isOp("(", 1)) return undefined;
      return parseCast(p);
    case "EXISTS": {
      const span = p.tokenSpan(p.advance());
      p.expectOp("(");
      const query = parseQuery(p);
      p.expectOp(")");
      return { kind: "exists", query, span: p.spanFrom(span) };
    }
    case "INTERVAL":
      if (next.kind === "string" || (next.kind === "op" && (next.value === "-" || next.value === "+"))) {
        return parseIntervalLiteral(p);
      }
      return undefined;
    case "ROW":
      if (!p.isOp("(", 1)) return undefined;
      span = p.tokenSpan(p.advance());
      return {
        kind: "row",
        explicit: true,
        fields: parseDelimitedExprs(p, "(", ")"),
        span: p.spanFrom(span),
      };
    case "ARRAY":
      if (p.isOp("(", 1) && (p.isWord("SELECT", 2) || p.isWord("WITH", 2) || p.isWord("VALUES", 2))) {
        span = p.tokenSpan(p.advance());
        p.expectOp("(");
        const query = parseQuery(p);
        p.expectOp(")");
        return { kind: "arraySubquery", query, span: p.spanFrom(span) };
      }
      if (!p.isOp("[", 1)) return undefined;
      span = p.tokenSpan(p.advance());
      return { kind: "array", elements: parseDelimitedExprs(p, "[", "]"), span: p.spanFrom(span) };
    case "MAP": {
      if (!p.isOp("[", 1)) return undefined;
      span = p.tokenSpan(p.advance());
      const items = parseDelimitedExprs(p, "[", "]");
      if (items.length % 2 !== 0)
        p.invalid("MAP[...] needs an even number of elements: key, value, ...", p.spanFrom(span));
      const entries: { key: Expr; value: Expr }[] = [];
      for (let i = 0; i < items.length; i += 2) entries.push({ key: items[i]!, value: items[i + 1]! });
      return { kind: "map", entries, span: p.spanFrom(span) };
    }
    case "DESCRIPTOR": {
      if (!p.isOp("(", 1)) return undefined;
      span = p.tokenSpan(p.advance());
      return { kind: "descriptor", columns: p.identList(), span: p.spanFrom(span) };
    }
  }
  if (TYPED_LITERALS.has(token.value) && next.kind === "string") {
    span = p.tokenSpan(p.advance());
    const value = parseStringValue(p);
    return { kind: "typedLiteral", type: token.value as TypedLiteral["type"], value, span: p.spanFrom(span) };
  }
  if (NILADIC_FUNCTIONS.has(token.value) && !p.isOp("(", 1)) {
    const name = p.identOf(p.advance());
    span = name.span;
    return {
      kind: "call",
      name: { kind: "qualifiedName", parts: [name], span },
      args: NONE,
      distinct: false,
      span,
    };
  }
  return undefined;
}

/** `open expr, ... close`, possibly empty. */
function parseDelimitedExprs(p: Parser, open: string, close: string): Expr[] {
  p.expectOp(open);
  const exprs: Expr[] = [];
  if (!p.isOp(close)) {
    do exprs.push(parseExpr(p));
    while (p.acceptOp(","));
  }
  p.expectOp(close);
  return exprs;
}

function parseCase(p: Parser): Expr {
  const start = p.expectWord("CASE");
  const operand = p.isWord("WHEN") ? undefined : parseExpr(p);
  const whens: { when: Expr; then: Expr }[] = [];
  while (p.acceptWord("WHEN")) {
    const when = parseExpr(p);
    p.expectWord("THEN");
    whens.push({ when, then: parseExpr(p) });
  }
  if (whens.length === 0) p.fail("'WHEN'");
  const otherwise = p.acceptWord("ELSE") ? parseExpr(p) : undefined;
  p.expectWord("END");
  return { kind: "case", operand, whens, else: otherwise, span: p.spanFrom(p.tokenSpan(start)) };
}

function parseCast(p: Parser): Expr {
  const start = p.advance();
  p.expectOp("(");
  const operand = parseExpr(p);
  p.expectWord("AS");
  const type = parseDataType(p);
  p.expectOp(")");
  return {
    kind: "cast",
    safe: start.value === "TRY_CAST",
    operand,
    type,
    span: p.spanFrom(p.tokenSpan(start)),
  };
}
