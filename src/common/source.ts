/** A region of source text: byte offsets into the text plus the 1-based line and column of its start. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
}

/** A named text (a file, or `<input>` for text typed at the shell) that spans point into. */
export interface SourceText {
  readonly name: string;
  readonly text: string;
}

export function spanCovering(first: Span, last: Span): Span {
  return { start: first.start, end: last.end, line: first.line, col: first.col };
}
