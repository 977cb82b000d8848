import { keepShapeAlive } from "./keep-shape.ts";

/** A region of source text: UTF-16 offsets into the text plus the 1-based line and column of its start. */
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

/**
 * Where the lines of a text start, found on first use: the parser gives every node a span, but only
 * the few spans an error or a tool looks at need a line and column, so none is computed while parsing.
 */
export class LineTable {
  private readonly text: string;
  /** Offsets of the first character of each line (line 1 starts at 0); built on first use. */
  private starts: Int32Array | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The 1-based line of `offset` (lines end at `\n`). */
  lineOf(offset: number): number {
    const starts = this.lineStarts();
    // The last line start at or before `offset`, by binary search.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** The 1-based column of `offset` on its line, in UTF-16 code units. */
  columnOf(offset: number): number {
    return offset - this.lineStarts()[this.lineOf(offset) - 1]! + 1;
  }

  private lineStarts(): Int32Array {
    if (this.starts !== undefined) return this.starts;
    const text = this.text;
    let count = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts[line++] = at + 1;
    this.starts = starts;
    return starts;
  }
}

/**
 * A span that stores offsets only, its line and column read on demand from the text's
 * {@link LineTable}: the front end builds one per AST node, and most are never asked where they are.
 */
export class TextSpan implements Span {
  readonly start: number;
  readonly end: number;
  readonly lines: LineTable;

  constructor(start: number, end: number, lines: LineTable) {
    this.start = start;
    this.end = end;
    this.lines = lines;
  }

  get line(): number {
    return this.lines.lineOf(this.start);
  }

  get col(): number {
    return this.lines.columnOf(this.start);
  }

  /** The plain form, as JSON output (`headwater sql ast`, the language server) shows spans. */
  plain(): Span {
    return { start: this.start, end: this.end, line: this.line, col: this.col };
  }

  /** What JSON shows of the object written as property `_key` (subclasses that are also nodes look at it). */
  toJSON(_key?: string): unknown {
    return this.plain();
  }
}

/** The span from the start of `first` to `end`; of the same kind as `first`, so no line is computed. */
export function spanToEnd(first: Span, end: number): Span {
  if (first instanceof TextSpan) return new TextSpan(first.start, end, first.lines);
  return { start: first.start, end, line: first.line, col: first.col };
}

export function spanCovering(first: Span, last: Span): Span {
  return spanToEnd(first, last.end);
}

keepShapeAlive(new TextSpan(0, 0, new LineTable("")));
