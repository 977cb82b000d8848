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
 * `onStatement` sees each valid statement as soon as it is parsed, before the next one is read.
 */
export function parseScriptText(
  text: string,
  onStatement?: (statement: Statement) => void,
): ScriptParseResult {
  const p = new Parser(text, new Lexer(text));
  const statements: Statement[] = [];
  while (!p.atEnd()) {
    if (p.acceptOp(";")) continue;
    p.forgetConsumed();
    p.depth = 0;
    let statement: Statement | undefined;
    const parsed = p.recovering(() => {
      statement = parseStatementAt(p);
      if (!p.atEnd() && !p.isOp(";")) p.fail("';' or the end of the statement");
    });
    if (parsed && statement !== undefined) {
      statements.push(statement);
      // Outside `recovering`: an exception here is the caller's, not a syntax error.
      onStatement?.(statement);
    }
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
