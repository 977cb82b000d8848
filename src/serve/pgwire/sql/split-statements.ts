/** One statement of a query string and where it starts, for error positions in the whole string. */
export interface StatementText {
  readonly text: string;
  /** Offset (in UTF-16 code units) of `text` in the query string. */
  readonly offset: number;
}

/**
 * Splits a simple-query string into statements at top-level semicolons, as PostgreSQL's lexer sees
 * them: semicolons inside '...' (with '' escapes), E'...' (with backslash escapes), "...", $tag$...$tag$
 * bodies, -- line comments and nested /* ... *\/ comments do not split. Statements holding only white
 * space and comments are dropped.
 */
export function splitStatements(sql: string): StatementText[] {
  const out: StatementText[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number): void => {
    const text = sql.slice(start, end);
    if (!isBlank(text)) out.push({ text, offset: start });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === ";") {
      push(i);
      start = ++i;
    } else {
      i = skipToken(sql, i);
    }
  }
  push(sql.length);
  return out;
}

/** True when `text` holds nothing but white space and comments. */
function isBlank(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++;
    else if (text.startsWith("--", i) || text.startsWith("/*", i)) i = skipToken(text, i);
    else return false;
  }
  return true;
}

/** The index after the token (quoted string, identifier, comment or single character) starting at `i`. */
export function skipToken(sql: string, i: number): number {
  const c = sql[i]!;
  if (c === "'")
    return skipQuoted(sql, i, (sql[i - 1] === "E" || sql[i - 1] === "e") && !isIdentChar(sql[i - 2]));
  if (c === '"') return skipQuoted(sql, i, false, '"');
  if (c === "-" && sql[i + 1] === "-") {
    const end = sql.indexOf("\n", i);
    return end < 0 ? sql.length : end + 1;
  }
  if (c === "/" && sql[i + 1] === "*") {
    let depth = 0;
    while (i < sql.length) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth === 0) return i;
      } else i++;
    }
    return sql.length;
  }
  if (c === "$" && !isIdentChar(sql[i - 1])) {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
    if (tag) {
      const end = sql.indexOf(tag[0], i + tag[0].length);
      return end < 0 ? sql.length : end + tag[0].length;
    }
  }
  return i + 1;
}

function skipQuoted(sql: string, i: number, backslashEscapes: boolean, quote = "'"): number {
  i++;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === "\\") i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}
