import type { Span } from "../../common/source.ts";
import type { Expr, FunctionCall, JsonBehavior, JsonCall, JsonFunction } from "../ast/expression.ts";
import type { DataType } from "../types/data-type.ts";
import { parseDataType } from "./data-type.ts";
import { parseExpr } from "./expression.ts";
import { JSON_FUNCTIONS } from "./keywords.ts";
import type { Parser } from "./parser.ts";
import { PRECEDENCE } from "./precedence.ts";
import { expectTimeUnit, timeUnitAt } from "./time-unit.ts";
import { parseCallSuffixes } from "./window.ts";

const JSON_FUNCTION_WORDS: ReadonlySet<string> = new Set(JSON_FUNCTIONS);

/**
 * Functions with keyword syntax inside their parentheses (`EXTRACT(DAY FROM ts)`, `TRIM(BOTH 'x' FROM s)`,
 * `FLOOR(ts TO HOUR)`, `JSON_VALUE(... RETURNING INT)`, ...), or undefined when the current word is not
 * one of them followed by `(`. Those with a plain-call meaning become a FunctionCall (see the AST docs).
 * Its words are listed in keywords.ts (NON_NAME_WORDS), which the parser checks first.
 */
export function parseSpecialFunction(p: Parser): Expr | undefined {
  if (!p.isOp("(", 1)) return undefined;
  const word = p.token.value;
  switch (word) {
    case "EXTRACT":
      return parseExtract(p);
    case "TRIM":
      return parseTrim(p);
    case "SUBSTRING":
      return parseKeywordArgs(p, ["FROM", "FOR"]);
    case "OVERLAY":
      return parseKeywordArgs(p, ["PLACING", "FROM", "FOR"]);
    case "POSITION":
      return parseKeywordArgs(p, ["IN", "FROM"]);
    case "FLOOR":
    case "CEIL":
    case "CEILING":
      return parseFloorCeil(p);
    case "TIMESTAMPADD":
    case "TIMESTAMPDIFF":
      return parseTimestampArithmetic(p);
  }
  if (JSON_FUNCTION_WORDS.has(word)) return parseJsonCall(p, word as JsonFunction);
  return undefined;
}

/** Consumes the function name and `(`; returns the name as a one-part qualified name. */
function openCall(p: Parser): { name: FunctionCall["name"]; start: Span } {
  const ident = p.identOf(p.advance());
  p.expectOp("(");
  return { name: { kind: "qualifiedName", parts: [ident], span: ident.span }, start: ident.span };
}

function finishCall(p: Parser, name: FunctionCall["name"], args: Expr[], start: Span): FunctionCall {
  p.expectOp(")");
  return parseCallSuffixes(p, { kind: "call", name, args, distinct: false, span: p.spanFrom(start) });
}

function parseExtract(p: Parser): Expr {
  const { start } = openCall(p);
  const unit = expectTimeUnit(p);
  p.expectWord("FROM");
  const source = parseExpr(p);
  p.expectOp(")");
  return { kind: "extract", unit, source, span: p.spanFrom(start) };
}

function parseTrim(p: Parser): Expr {
  const { start } = openCall(p);
  let side: "BOTH" | "LEADING" | "TRAILING" = "BOTH";
  let explicitSide = false;
  const token = p.token;
  if (
    token.kind === "word" &&
    (token.value === "BOTH" || token.value === "LEADING" || token.value === "TRAILING")
  ) {
    side = token.value;
    explicitSide = true;
    p.advance();
  }
  let chars: Expr | undefined;
  let source: Expr;
  if (explicitSide && p.acceptWord("FROM")) {
    source = parseExpr(p);
  } else {
    const first = parseExpr(p);
    if (p.acceptWord("FROM")) {
      chars = first;
      source = parseExpr(p);
    } else {
      if (explicitSide) p.fail("'FROM'");
      source = first;
    }
  }
  p.expectOp(")");
  return { kind: "trim", side, chars, source, span: p.spanFrom(start) };
}

/**
 * `SUBSTRING(x FROM a [FOR b])`, `OVERLAY(x PLACING y FROM a [FOR b])`, `POSITION(a IN b [FROM c])`:
 * the arguments in order, the last keyword optional; each call also accepts the plain comma form.
 */
function parseKeywordArgs(p: Parser, keywords: readonly string[]): Expr {
  const { name, start } = openCall(p);
  // POSITION's `a IN b` must not be read as an IN predicate.
  const args = [parseExpr(p, PRECEDENCE.PREDICATE + 1)];
  if (p.isOp(",") || p.isOp(")")) {
    // The comma form takes at most as many arguments as the keyword form.
    while (args.length <= keywords.length && p.acceptOp(",")) args.push(parseExpr(p));
    return finishCall(p, name, args, start);
  }
  const last = keywords.length - 1;
  keywords.forEach((keyword, i) => {
    if (i < last) p.expectWord(keyword);
    else if (!p.acceptWord(keyword)) return;
    args.push(parseExpr(p));
  });
  return finishCall(p, name, args, start);
}

/** `FLOOR(x)`, `FLOOR(ts TO HOUR)`: the unit becomes a TimeUnitExpr argument. */
function parseFloorCeil(p: Parser): Expr {
  const { name, start } = openCall(p);
  const args = [parseExpr(p)];
  if (p.acceptWord("TO")) {
    const token = p.token;
    const unit = expectTimeUnit(p);
    args.push({ kind: "timeUnit", unit, span: p.tokenSpan(token) });
  } else {
    while (p.acceptOp(",")) args.push(parseExpr(p));
  }
  return finishCall(p, name, args, start);
}

/** `TIMESTAMPADD(unit, n, ts)`, `TIMESTAMPDIFF(unit, a, b)`. */
function parseTimestampArithmetic(p: Parser): Expr {
  const { name, start } = openCall(p);
  const token = p.token;
  if (timeUnitAt(p) === undefined) return p.fail("a time unit such as DAY or SECOND");
  const unit = expectTimeUnit(p);
  const args: Expr[] = [{ kind: "timeUnit", unit, span: p.tokenSpan(token) }];
  while (p.acceptOp(",")) args.push(parseExpr(p));
  return finishCall(p, name, args, start);
}

function parseJsonCall(p: Parser, name: JsonFunction): Expr {
  const { start } = openCall(p);
  const args: Expr[] = [];
  const entries: { key: Expr; value: Expr }[] = [];
  let returning: DataType | undefined;
  let onNull: "NULL" | "ABSENT" | undefined;
  let onEmpty: JsonBehavior | undefined;
  let onError: JsonBehavior | undefined;
  let wrapper: JsonCall["wrapper"];

  const isObject = name === "JSON_OBJECT" || name === "JSON_OBJECTAGG";
  if (!p.isOp(")") && !isNullClauseStart(p)) {
    do {
      if (isObject) {
        p.acceptWord("KEY");
        const key = parseExpr(p);
        if (!p.acceptWord("VALUE")) p.expectOp(":");
        entries.push({ key, value: parseExpr(p) });
      } else {
        args.push(parseExpr(p));
      }
    } while (p.acceptOp(","));
  }
  for (;;) {
    if (isNullClauseStart(p)) {
      onNull = p.advance().value as "NULL" | "ABSENT";
      p.expectWords("ON", "NULL");
    } else if (p.acceptWord("RETURNING")) {
      returning = parseDataType(p);
    } else if (p.isWord("WITHOUT") || (p.isWord("WITH") && !p.isOp("(", 1))) {
      wrapper = parseWrapper(p);
    } else if (isBehaviorStart(p)) {
      const behavior = parseBehavior(p);
      p.expectWord("ON");
      if (p.acceptWord("EMPTY")) onEmpty = behavior;
      else if (p.acceptWord("ERROR")) onError = behavior;
      else p.fail("'EMPTY' or 'ERROR'");
    } else {
      break;
    }
  }
  p.expectOp(")");
  return {
    kind: "jsonCall",
    name,
    args,
    entries,
    returning,
    onNull,
    onEmpty,
    onError,
    wrapper,
    span: p.spanFrom(start),
  };
}

function isNullClauseStart(p: Parser): boolean {
  return (p.isWord("NULL") || p.isWord("ABSENT")) && p.isWord("ON", 1) && p.isWord("NULL", 2);
}

/** `WITHOUT [ARRAY] WRAPPER`, `WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER`. */
function parseWrapper(p: Parser): JsonCall["wrapper"] {
  let wrapper: JsonCall["wrapper"];
  if (p.acceptWord("WITHOUT")) {
    wrapper = "WITHOUT";
  } else {
    p.expectWord("WITH");
    wrapper = p.acceptWord("CONDITIONAL") ? "CONDITIONAL" : "UNCONDITIONAL";
    if (wrapper === "UNCONDITIONAL") p.acceptWord("UNCONDITIONAL");
  }
  p.acceptWord("ARRAY");
  p.expectWord("WRAPPER");
  return wrapper;
}

const BEHAVIOR_WORDS: ReadonlySet<string> = new Set([
  "NULL",
  "ERROR",
  "TRUE",
  "FALSE",
  "UNKNOWN",
  "EMPTY",
  "DEFAULT",
]);

function isBehaviorStart(p: Parser): boolean {
  const token = p.token;
  return token.kind === "word" && BEHAVIOR_WORDS.has(token.value);
}

function parseBehavior(p: Parser): JsonBehavior {
  const word = p.advance().value;
  switch (word) {
    case "DEFAULT":
      return { kind: "DEFAULT", value: parseExpr(p) };
    case "EMPTY":
      if (p.acceptWord("ARRAY")) return { kind: "EMPTY ARRAY" };
      p.expectWord("OBJECT");
      return { kind: "EMPTY OBJECT" };
    default:
      return { kind: word as "NULL" | "ERROR" | "TRUE" | "FALSE" | "UNKNOWN" };
  }
}
