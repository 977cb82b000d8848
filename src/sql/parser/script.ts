import type { Diagnostic } from "../../common/diagnostic.ts";
import type { Statement } from "../ast/statement.ts";
import { Lexer } from "../lexer/lexer.ts";
import { Parser } from "./parser.ts";
import { parseStatementAt } from "./statement.ts";

export interface ScriptParseResult {
  readonly statements: Statement[];
  /** Every error of the script, in text order. Statements with errors are left out of `statements`. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses a script of `;`-separated statements. Never throws: each statement with an error yields a
 * diagnostic and parsing resumes after its `;`, so one pass reports every broken statement.
 */
export function parseScriptText(text: string): ScriptParseResult {
  const p = new Parser(text, new Lexer(text));
  const statements: Statement[] = [];
  while (!p.atEnd()) {
    if (p.acceptOp(";")) continue;
    p.forgetConsumed();
    p.depth = 0;
    p.recovering(() => {
      const statement = parseStatementAt(p);
      if (!p.atEnd() && !p.isOp(";")) p.fail("';' or the end of the statement");
      statements.push(statement);
    });
  }
  return { statements, diagnostics: p.diagnostics.sort((a, b) => a.span.start - b.span.start) };
}

/**
 * Parses `text` as exactly one construct (`parse` must consume all of it, bar a trailing `;`);
 * returns the diagnostics instead of the node when it is not valid.
 */
export function parseWhole<T>(
  text: string,
  parse: (p: Parser) => T,
): { value?: T; diagnostics: Diagnostic[] } {
  const p = new Parser(text, new Lexer(text));
  const diagnostics = p.diagnostics;
  let value: T | undefined;
  const ok = p.recovering(() => {
    value = parse(p);
    p.acceptOp(";");
    if (!p.atEnd()) p.fail("the end of the input");
  });
  return ok && diagnostics.length === 0 ? { value, diagnostics } : { diagnostics };
}
