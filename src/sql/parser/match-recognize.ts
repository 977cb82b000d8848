import type { Expr, IntervalLiteral } from "../ast/expression.ts";
import type { Ident } from "../ast/names.ts";
import type { AfterMatchSkip, MatchRecognize, OrderItem, PatternTerm, TableRef } from "../ast/query.ts";
import { parseExpr, parseExprList } from "./expression.ts";
import { parseOrderItems } from "./order-by.ts";
import { NONE, type Parser } from "./parser.ts";
import { parseAlias } from "./table-ref.ts";
import { parseIntervalLiteral, parseSmallInteger } from "./time-unit.ts";

/** `input MATCH_RECOGNIZE (...) [AS] alias`, at MATCH_RECOGNIZE. */
export function parseMatchRecognize(p: Parser, input: TableRef): MatchRecognize {
  p.expectWord("MATCH_RECOGNIZE");
  p.expectOp("(");
  const partitionBy: readonly Expr[] = p.acceptWords("PARTITION", "BY") ? parseExprList(p) : NONE;
  const orderBy: readonly OrderItem[] = p.acceptWords("ORDER", "BY") ? parseOrderItems(p) : NONE;
  const measures: { expr: Expr; alias: Ident }[] = [];
  if (p.acceptWord("MEASURES")) {
    do {
      const expr = parseMatchExpr(p);
      p.expectWord("AS");
      measures.push({ expr, alias: p.anyIdent("a measure name") });
    } while (p.acceptOp(","));
  }
  let rowsPerMatch: MatchRecognize["rowsPerMatch"];
  if (p.acceptWords("ONE", "ROW", "PER", "MATCH")) rowsPerMatch = "ONE ROW PER MATCH";
  else if (p.acceptWords("ALL", "ROWS", "PER", "MATCH")) rowsPerMatch = "ALL ROWS PER MATCH";
  const afterMatch = p.acceptWords("AFTER", "MATCH", "SKIP") ? parseAfterMatchSkip(p) : undefined;
  p.expectWord("PATTERN");
  p.expectOp("(");
  const pattern = parsePattern(p);
  p.expectOp(")");
  let within: IntervalLiteral | undefined;
  if (p.acceptWord("WITHIN")) within = parseIntervalLiteral(p);
  const subsets: { name: Ident; variables: Ident[] }[] = [];
  if (p.acceptWord("SUBSET")) {
    do {
      const name = p.anyIdent("a subset name");
      p.expectOp("=");
      subsets.push({ name, variables: p.identList() });
    } while (p.acceptOp(","));
  }
  const define: { variable: Ident; condition: Expr }[] = [];
  p.expectWord("DEFINE");
  do {
    const variable = p.anyIdent("a pattern variable");
    p.expectWord("AS");
    define.push({ variable, condition: parseMatchExpr(p) });
  } while (p.acceptOp(","));
  p.expectOp(")");
  const alias = parseAlias(p);
  return {
    kind: "matchRecognize",
    input,
    partitionBy,
    orderBy,
    measures,
    rowsPerMatch,
    afterMatch,
    pattern,
    within,
    subsets,
    define,
    alias,
    span: p.spanFrom(input.span),
  };
}

/** An expression of MEASURES or DEFINE, where `RUNNING` / `FINAL` may prefix a call. */
function parseMatchExpr(p: Parser): Expr {
  const outer = p.inMatchRecognize;
  p.inMatchRecognize = true;
  try {
    return parseExpr(p);
  } finally {
    p.inMatchRecognize = outer;
  }
}

function parseAfterMatchSkip(p: Parser): AfterMatchSkip {
  if (p.acceptWords("PAST", "LAST", "ROW")) return { kind: "pastLastRow" };
  p.expectWord("TO");
  if (p.acceptWords("NEXT", "ROW")) return { kind: "toNextRow" };
  if (p.acceptWord("FIRST")) return { kind: "toFirst", variable: p.anyIdent("a pattern variable") };
  // `SKIP TO v` means `SKIP TO LAST v`.
  p.acceptWord("LAST");
  return { kind: "toLast", variable: p.anyIdent("a pattern variable") };
}

/** Alternatives separated by `|`. */
function parsePattern(p: Parser): PatternTerm {
  p.enter();
  const alternatives = [parseSequence(p)];
  while (p.acceptOp("|")) alternatives.push(parseSequence(p));
  p.leave();
  return alternatives.length === 1 ? alternatives[0]! : { kind: "patternAlt", alternatives };
}

function parseSequence(p: Parser): PatternTerm {
  const terms = [parseQuantified(p)];
  while (isPatternStart(p)) terms.push(parseQuantified(p));
  return terms.length === 1 ? terms[0]! : { kind: "patternSeq", terms };
}

function isPatternStart(p: Parser): boolean {
  const kind = p.token.kind;
  return (
    kind === "word" || kind === "quoted" || p.isOp("(") || p.isOp("^") || p.isOp("$") || isExclusionStart(p)
  );
}

/** `{-` opens an exclusion; `{` alone after a term is a quantifier. */
function isExclusionStart(p: Parser): boolean {
  return p.isOp("{") && p.isOp("-", 1);
}

function parseQuantified(p: Parser): PatternTerm {
  let term: PatternTerm;
  if (p.acceptOp("(")) {
    term = { kind: "patternGroup", term: parsePattern(p) };
    p.expectOp(")");
  } else if (p.isOp("^") || p.isOp("$")) {
    term = { kind: "patternAnchor", anchor: p.advance().value === "^" ? "^" : "$" };
  } else if (isExclusionStart(p)) {
    p.skip(2);
    term = { kind: "patternExclusion", term: parsePattern(p) };
    p.expectOp("-");
    p.expectOp("}");
  } else if (p.isWord("PERMUTE") && p.isOp("(", 1)) {
    p.skip(2);
    const terms = [parsePattern(p)];
    while (p.acceptOp(",")) terms.push(parsePattern(p));
    p.expectOp(")");
    term = { kind: "patternPermute", terms };
  } else {
    term = { kind: "patternVar", name: p.anyIdent("a pattern variable") };
  }
  for (;;) {
    const quantified = parseQuantifier(p, term);
    if (quantified === undefined) return term;
    term = quantified;
  }
}

function parseQuantifier(p: Parser, term: PatternTerm): PatternTerm | undefined {
  let min: number;
  let max: number | undefined;
  let syntax: "*" | "+" | "?" | "braces";
  if (p.acceptOp("*")) {
    [min, max, syntax] = [0, undefined, "*"];
  } else if (p.acceptOp("+")) {
    [min, max, syntax] = [1, undefined, "+"];
  } else if (p.acceptOp("?")) {
    [min, max, syntax] = [0, 1, "?"];
  } else if (p.isOp("{") && !isExclusionStart(p)) {
    p.advance();
    syntax = "braces";
    min = p.isOp(",") ? 0 : parseSmallInteger(p);
    if (p.acceptOp(",")) max = p.isOp("}") ? undefined : parseSmallInteger(p);
    else max = min;
    p.expectOp("}");
    if (max !== undefined && max < min)
      p.invalid(`quantifier maximum ${max} is less than minimum ${min}`, p.tokenSpan(p.previous));
  } else {
    return undefined;
  }
  const reluctant = p.acceptOp("?") !== undefined;
  return { kind: "patternQuantified", term, min, max, reluctant, syntax };
}
