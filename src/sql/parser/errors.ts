import type { Diagnostic } from "../../common/diagnostic.ts";
import type { Span } from "../../common/source.ts";

/**
 * Thrown inside the parser to abandon the current statement. `reported` marks errors the lexer has
 * already turned into a diagnostic, so recovery does not report them twice.
 */
export class ParseError extends Error {
  readonly code: string;
  readonly span: Span;
  readonly reported: boolean;

  constructor(code: string, message: string, span: Span, reported = false) {
    super(message);
    this.code = code;
    this.span = span;
    this.reported = reported;
  }
}

/** Thrown by the single-construct helpers (`parseStatement`, `parseExpression`, ...) when the text is not valid. */
export class SqlSyntaxError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    super(first === undefined ? "syntax error" : `${first.span.line}:${first.span.col}: ${first.message}`);
    this.name = "SqlSyntaxError";
    this.diagnostics = diagnostics;
  }
}
