// RFC 4180 records: fields split by the delimiter, optionally enclosed in the quote character (a
// doubled quote inside is one quote), records ended by CRLF or LF; quoted fields may span lines.
// 'csv.escape-character' makes the next character literal, inside or outside quotes.
import { FieldError } from "../errors.ts";
import type { CsvSettings } from "./csv-options.ts";

export interface CsvField {
  readonly text: string;
  /** Quoted fields are never NULL: `""` is an empty string, an empty unquoted field is absent. */
  readonly quoted: boolean;
}

export interface CsvRecord {
  readonly fields: CsvField[];
  /** 1-based line where the record starts. */
  readonly line: number;
  /** Offset just past the record's line break; the next line is `nextLine`. */
  readonly end: number;
  readonly nextLine: number;
}

/** Thrown for broken quoting; carries the line and the character offset in the text. */
export class CsvSyntaxError extends FieldError {
  readonly line: number;
  constructor(message: string, line: number, offset: number) {
    super(message, undefined, offset);
    this.line = line;
  }
}

/**
 * Splits `text` into records starting at line `firstLine`. Blank lines and (with
 * 'csv.allow-comments') lines starting with '#' are skipped.
 */
export function* scanCsv(text: string, settings: CsvSettings, firstLine = 1): Generator<CsvRecord> {
  const { delimiter, quote, escape: escapeChar, allowComments } = settings;
  let i = 0;
  let line = firstLine;
  const n = text.length;
  while (i < n) {
    // Skip blank and comment lines.
    const c0 = text[i];
    if (c0 === "\n" || c0 === "\r" || (allowComments && c0 === "#")) {
      if (c0 === "#") while (i < n && text[i] !== "\n") i++;
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      line++;
      continue;
    }
    const startLine = line;
    const fields: CsvField[] = [];
    let ended = false;
    while (!ended) {
      let value = "";
      let quoted = false;
      if (quote !== undefined && text[i] === quote) {
        quoted = true;
        const openedAt = i;
        const openedLine = line;
        i++;
        for (;;) {
          if (i >= n) {
            throw new CsvSyntaxError(
              `unterminated quoted field (the quote opened at line ${openedLine} is never closed)`,
              openedLine,
              openedAt,
            );
          }
          const c = text[i] as string;
          if (c === escapeChar) {
            value += text[i + 1] ?? "";
            i += 2;
          } else if (c === quote) {
            if (text[i + 1] === quote) {
              value += quote;
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            if (c === "\n") line++;
            value += c;
            i++;
          }
        }
        const next = text[i];
        if (i < n && next !== delimiter && next !== "\n" && next !== "\r") {
          throw new CsvSyntaxError(
            `unexpected ${JSON.stringify(next)} after the closing quote of field ${fields.length + 1}`,
            line,
            i,
          );
        }
      } else {
        let start = i;
        while (i < n) {
          const c = text[i];
          if (c === delimiter || c === "\n" || c === "\r") break;
          if (c === escapeChar) {
            value += text.slice(start, i) + (text[i + 1] ?? "");
            i += 2;
            start = i;
            continue;
          }
          i++;
        }
        value += text.slice(start, Math.min(i, n));
      }
      fields.push({ text: value, quoted });
      if (i >= n) ended = true;
      else if (text[i] === delimiter) i++;
      else {
        if (text[i] === "\r") i++;
        if (text[i] === "\n") i++;
        line++;
        ended = true;
      }
    }
    yield { fields, line: startLine, end: i, nextLine: line };
  }
}
