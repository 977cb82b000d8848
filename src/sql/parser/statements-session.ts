import type { Property, QualifiedName } from "../ast/names.ts";
import type {
  Describe,
  Explain,
  ExplainDetail,
  ResetStatement,
  SetStatement,
  Show,
  ShowObject,
  Use,
} from "../ast/statement.ts";
import { parseStringValue } from "./expression.ts";
import { parseProperty } from "./hints.ts";
import { type Parser, spanOf } from "./parser.ts";
import { isParenthesizedQueryAhead, parseQuery } from "./query.ts";
import { parseInsert, parsePartitionSpec, parseStatementSet } from "./statements-dml.ts";

/** `USE CATALOG c` or `USE [c.]db`, at USE. */
export function parseUse(p: Parser): Use {
  const start = p.tokenSpan(p.expectWord("USE"));
  const target = p.isWord("CATALOG") && p.peek().kind !== "eof" && !p.isOp(";", 1) ? "CATALOG" : "DATABASE";
  if (target === "CATALOG") p.advance();
  return { kind: "use", target, name: p.qualifiedName("a database name"), span: p.spanFrom(start) };
}

/** `SET`, `SET 'key' = 'value'` or the SQL client's unquoted `SET key = value`, at SET. */
export function parseSet(p: Parser): SetStatement {
  const start = p.tokenSpan(p.expectWord("SET"));
  let property: Property | undefined;
  if (p.token.kind === "string") property = parseProperty(p);
  else if (!p.atEnd() && !p.isOp(";")) property = parseUnquotedProperty(p);
  return { kind: "set", property, span: property ? spanOf(start, property.span) : start };
}

/** `key = value` as raw text up to the statement's end; either side may still be a quoted string. */
function parseUnquotedProperty(p: Parser): Property {
  const { text, span } = p.rawUntilStatementEnd();
  const equals = text.indexOf("=");
  const key = equals < 0 ? "" : unquote(text.slice(0, equals).trim());
  const value = equals < 0 ? "" : unquote(text.slice(equals + 1).trim());
  if (key === "" || value === "" || /\s/.test(key))
    p.invalid("expected SET key = value, e.g. SET table.exec.mini-batch.enabled = true", span);
  return { kind: "property", key, value, span };
}

/** `'it''s'` is `it's`; text without surrounding quotes stays as written. */
function unquote(text: string): string {
  return text.length >= 2 && text.startsWith("'") && text.endsWith("'")
    ? text.slice(1, -1).replaceAll("''", "'")
    : text;
}

/** `RESET` or `RESET 'key'`, at RESET. */
export function parseReset(p: Parser): ResetStatement {
  const start = p.tokenSpan(p.expectWord("RESET"));
  const key = p.token.kind === "string" ? parseStringValue(p) : undefined;
  return { kind: "reset", key, span: p.spanFrom(start) };
}

/** SHOW objects that may name a container (`FROM db`) and take a LIKE filter. */
const LISTINGS: ReadonlyMap<string, ShowObject> = new Map<string, ShowObject>([
  ["CATALOGS", "CATALOGS"],
  ["DATABASES", "DATABASES"],
  ["TABLES", "TABLES"],
  ["VIEWS", "VIEWS"],
  ["FUNCTIONS", "FUNCTIONS"],
  ["MODULES", "MODULES"],
  ["JOBS", "JOBS"],
  ["JARS", "JARS"],
]);

/** `SHOW ...`, at SHOW. */
export function parseShow(p: Parser): Show {
  const start = p.tokenSpan(p.expectWord("SHOW"));
  let object: ShowObject;
  let target: QualifiedName | undefined;
  if (p.acceptWord("CURRENT")) {
    if (p.acceptWord("CATALOG")) object = "CURRENT CATALOG";
    else if (p.acceptWord("DATABASE")) object = "CURRENT DATABASE";
    else return p.fail("'CATALOG' or 'DATABASE'");
    return { kind: "show", object, target, like: undefined, span: p.spanFrom(start) };
  }
  if (p.acceptWord("CREATE")) {
    if (p.acceptWord("TABLE")) object = "CREATE TABLE";
    else if (p.acceptWord("VIEW")) object = "CREATE VIEW";
    else if (p.acceptWords("MATERIALIZED", "TABLE")) object = "CREATE MATERIALIZED TABLE";
    else if (p.acceptWord("CATALOG")) object = "CREATE CATALOG";
    else return p.fail("'TABLE', 'VIEW', 'MATERIALIZED TABLE' or 'CATALOG'");
    target = p.qualifiedName();
    return { kind: "show", object, target, like: undefined, span: p.spanFrom(start) };
  }
  if (p.acceptWord("COLUMNS")) {
    object = "COLUMNS";
    if (!p.acceptWord("FROM")) p.expectWord("IN");
    target = p.qualifiedName("a table name");
  } else if (p.acceptWord("PARTITIONS")) {
    target = p.qualifiedName("a table name");
    const partition = p.acceptWord("PARTITION") ? parsePartitionSpec(p) : undefined;
    return {
      kind: "show",
      object: "PARTITIONS",
      target,
      partition,
      like: undefined,
      span: p.spanFrom(start),
    };
  } else if (p.acceptWords("MATERIALIZED", "TABLES")) {
    object = "MATERIALIZED TABLES";
  } else if (p.acceptWords("USER", "FUNCTIONS")) {
    object = "USER FUNCTIONS";
  } else if (p.acceptWords("FULL", "MODULES")) {
    object = "FULL MODULES";
  } else {
    const listing = p.token.kind === "word" ? LISTINGS.get(p.token.value) : undefined;
    if (listing === undefined) return p.fail("what to show, such as TABLES or CREATE TABLE");
    p.advance();
    object = listing;
  }
  if (target === undefined && (p.acceptWord("FROM") || p.acceptWord("IN"))) target = p.qualifiedName();
  let like: Show["like"];
  const negated = p.isWord("NOT") && (p.isWord("LIKE", 1) || p.isWord("ILIKE", 1));
  if (negated) p.advance();
  if (p.isWord("LIKE") || p.isWord("ILIKE")) {
    const ilike = p.advance().value === "ILIKE";
    like = { negated, ilike, pattern: parseStringValue(p) };
  }
  return { kind: "show", object, target, like, span: p.spanFrom(start) };
}

/** `DESCRIBE | DESC [EXTENDED] name`, at DESCRIBE / DESC. */
export function parseDescribe(p: Parser): Describe {
  const start = p.tokenSpan(p.advance());
  const extended =
    p.isWord("EXTENDED") && p.peek().kind !== "eof" && !p.isOp(";", 1) ? p.advance() !== undefined : false;
  return { kind: "describe", extended, name: p.qualifiedName("a table name"), span: p.spanFrom(start) };
}

const EXPLAIN_DETAILS: ReadonlySet<string> = new Set<ExplainDetail>([
  "ESTIMATED_COST",
  "CHANGELOG_MODE",
  "JSON_EXECUTION_PLAN",
  "PLAN_ADVICE",
]);

/** `EXPLAIN [PLAN FOR | detail, ...] query | insert | statement set`, at EXPLAIN. */
export function parseExplain(p: Parser): Explain {
  const start = p.tokenSpan(p.expectWord("EXPLAIN"));
  const details: ExplainDetail[] = [];
  if (!p.acceptWords("PLAN", "FOR")) {
    while (p.token.kind === "word" && EXPLAIN_DETAILS.has(p.token.value)) {
      details.push(p.advance().value as ExplainDetail);
      if (!p.acceptOp(",")) break;
    }
  }
  let statement: Explain["statement"];
  if (p.isWord("INSERT")) {
    statement = parseInsert(p);
  } else if (p.isWord("EXECUTE") || p.isWord("STATEMENT") || p.isWord("BEGIN")) {
    statement = parseStatementSet(p);
  } else if (isParenthesizedQueryAhead(p)) {
    const queryStart = p.tokenSpan(p.token);
    const query = parseQuery(p);
    statement = { kind: "queryStatement", query, span: p.spanFrom(queryStart) };
  } else {
    return p.fail("a query, an INSERT or a statement set to explain");
  }
  return { kind: "explain", details, statement, span: p.spanFrom(start) };
}
