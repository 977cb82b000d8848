import type { Span } from "../../common/source.ts";
import type { Expr } from "../ast/expression.ts";
import type { Hint, Ident } from "../ast/names.ts";
import type { Insert, StatementSet } from "../ast/statement.ts";
import { parseExpr } from "./expression.ts";
import { parseHints } from "./hints.ts";
import { NONE, type Parser } from "./parser.ts";
import { isParenthesizedQueryAhead, parseQuery } from "./query.ts";

/** `INSERT INTO | OVERWRITE t [hints] [PARTITION (c = v, ...)] [(cols)] query`, at INSERT. */
export function parseInsert(p: Parser): Insert {
  const start = p.tokenSpan(p.expectWord("INSERT"));
  let overwrite = false;
  if (p.acceptWord("OVERWRITE")) overwrite = true;
  else p.expectWord("INTO");
  const table = p.qualifiedName("a table name");
  const hints: readonly Hint[] = p.token.kind === "hintStart" ? parseHints(p) : NONE;
  const partition = p.acceptWord("PARTITION") ? parsePartitionSpec(p) : NONE;
  const columns = p.isOp("(") && !isParenthesizedQueryAhead(p) ? p.identList() : NONE;
  const source = parseQuery(p);
  return { kind: "insert", overwrite, table, hints, partition, columns, source, span: p.spanFrom(start) };
}

/** `(c = v, ...)` after PARTITION: static partition values. */
export function parsePartitionSpec(p: Parser): { column: Ident; value: Expr }[] {
  const partition: { column: Ident; value: Expr }[] = [];
  p.expectOp("(");
  do {
    const column = p.ident("a partition column");
    p.expectOp("=");
    partition.push({ column, value: parseExpr(p) });
  } while (p.acceptOp(","));
  p.expectOp(")");
  return partition;
}

/**
 * `EXECUTE STATEMENT SET BEGIN insert; ... END` (at EXECUTE; also `STATEMENT SET BEGIN ...` after
 * EXPLAIN) or `BEGIN STATEMENT SET; insert; ... END` (at BEGIN). An error in one INSERT is reported and
 * parsing goes on with the next, so every error of the set is found.
 */
export function parseStatementSet(p: Parser): StatementSet {
  const start: Span = p.tokenSpan(p.token);
  let syntax: "EXECUTE" | "BEGIN";
  if (p.acceptWord("BEGIN")) {
    syntax = "BEGIN";
    p.expectWords("STATEMENT", "SET");
    p.expectOp(";");
  } else {
    syntax = "EXECUTE";
    p.acceptWord("EXECUTE");
    p.expectWords("STATEMENT", "SET", "BEGIN");
  }
  const inserts: Insert[] = [];
  while (!p.isWord("END")) {
    if (p.atEnd()) p.fail("'END'");
    if (p.acceptOp(";")) continue;
    p.recovering(() => {
      if (!p.isWord("INSERT")) p.fail("'INSERT' or 'END' in a statement set");
      inserts.push(parseInsert(p));
      if (!p.isWord("END")) p.expectOp(";");
    });
  }
  p.expectWord("END");
  return { kind: "statementSet", syntax, inserts, span: p.spanFrom(start) };
}
