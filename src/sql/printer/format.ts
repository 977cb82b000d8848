import type { Diagnostic } from "../../common/diagnostic.ts";
import type { Statement } from "../ast/index.ts";
import { parseScript } from "../parser/index.ts";
import type { PrintOptions } from "./options.ts";
import { printStatement } from "./print-statement.ts";

export interface FormatOptions extends PrintOptions {
  /** The file name diagnostics point into; `<input>` when not given. */
  readonly name?: string;
}

export type FormatResult = { readonly text: string } | { readonly diagnostics: readonly Diagnostic[] };

/**
 * Formats a SQL script: parses it and prints every statement in canonical form, a blank line between
 * statements. A script with syntax errors is not formatted; its diagnostics are returned instead.
 *
 * Comments are not part of the AST. Those between statements (above a statement, after its last token,
 * or at the end of the file) are kept, each group printed just above the statement that follows it;
 * comments inside a statement are dropped.
 */
export function formatSql(text: string, options?: FormatOptions): FormatResult {
  const { statements, diagnostics } = parseScript({ name: options?.name ?? "<input>", text });
  if (diagnostics.length > 0) return { diagnostics };
  const pieces: string[] = [];
  let previousEnd = 0;
  for (const statement of statements) {
    pieces.push(
      withComments(
        commentsBetween(text, previousEnd, statement.span.start),
        printTerminated(statement, options),
      ),
    );
    previousEnd = statement.span.end;
  }
  const trailing = commentsBetween(text, previousEnd, text.length);
  if (trailing.length > 0) pieces.push(trailing.join("\n"));
  return { text: pieces.length === 0 ? "" : `${pieces.join("\n\n")}\n` };
}

function printTerminated(statement: Statement, options: PrintOptions | undefined): string {
  return `${printStatement(statement, options)};`;
}

function withComments(comments: readonly string[], statement: string): string {
  return [...comments, statement].join("\n");
}

/**
 * The comments in `text[start, end)`, the stretch between two statements, which holds only `;`,
 * whitespace and comments. `--` comments lose trailing spaces; block comments are kept whole.
 */
function commentsBetween(text: string, start: number, end: number): string[] {
  const comments: string[] = [];
  let pos = start;
  while (pos < end) {
    if (text.startsWith("--", pos)) {
      const lineEnd = text.indexOf("\n", pos);
      const stop = lineEnd === -1 || lineEnd > end ? end : lineEnd;
      comments.push(text.slice(pos, stop).trimEnd());
      pos = stop;
    } else if (text.startsWith("/*", pos)) {
      const close = text.indexOf("*/", pos + 2);
      const stop = close === -1 || close + 2 > end ? end : close + 2;
      comments.push(text.slice(pos, stop));
      pos = stop;
    } else {
      pos++;
    }
  }
  return comments;
}
