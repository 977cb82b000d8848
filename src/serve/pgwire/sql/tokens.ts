import { skipToken } from "./split-statements.ts";

/** A token of a statement: enough lexing to recognise session commands and rewrite catalog syntax. */
export interface Token {
  readonly kind: "word" | "quotedIdent" | "string" | "number" | "symbol";
  /** Words lower-cased; quoted identifiers and strings unquoted; symbols as written. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Lexes `sql`, dropping white space and comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
      i = skipToken(sql, i);
      continue;
    }
    const start = i;
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i]!)) i++;
      // E'...' is one string token.
      if (sql[i] === "'" && i - start === 1 && /[eE]/.test(c)) {
        i = skipToken(sql, i);
        tokens.push({ kind: "string", value: unquoteString(sql.slice(start + 1, i), true), start, end: i });
      } else {
        tokens.push({ kind: "word", value: sql.slice(start, i).toLowerCase(), start, end: i });
      }
    } else if (c === "'") {
      i = skipToken(sql, i);
      tokens.push({ kind: "string", value: unquoteString(sql.slice(start, i), false), start, end: i });
    } else if (c === '"') {
      i = skipToken(sql, i);
      tokens.push({
        kind: "quotedIdent",
        value: sql.slice(start + 1, i - 1).replaceAll('""', '"'),
        start,
        end: i,
      });
    } else if (/[0-9.]/.test(c) && /[0-9]/.test(sql[i + 1] ?? c)) {
      while (
        i < sql.length &&
        /[0-9.eE+-]/.test(sql[i]!) &&
        !(/[+-]/.test(sql[i]!) && !/[eE]/.test(sql[i - 1]!))
      )
        i++;
      tokens.push({ kind: "number", value: sql.slice(start, i), start, end: i });
    } else if (c === "$" && /[0-9]/.test(sql[i + 1] ?? "")) {
      i++;
      while (i < sql.length && /[0-9]/.test(sql[i]!)) i++;
      tokens.push({ kind: "symbol", value: sql.slice(start, i), start, end: i });
    } else {
      i = skipToken(sql, i);
      tokens.push({ kind: "symbol", value: sql.slice(start, i), start, end: i });
    }
  }
  return tokens;
}

function unquoteString(quoted: string, backslashEscapes: boolean): string {
  const body = quoted.slice(1, -1).replaceAll("''", "'");
  if (!backslashEscapes) return body;
  return body.replace(
    /\\(.)/g,
    (_, ch: string) => ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" })[ch] ?? ch,
  );
}

/** True when the token is the (unquoted) word `word`. */
export function isWord(token: Token | undefined, word: string): boolean {
  return token?.kind === "word" && token.value === word;
}
