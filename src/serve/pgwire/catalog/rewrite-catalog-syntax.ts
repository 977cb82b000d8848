import { isWord, type Token, tokenize } from "../sql/tokens.ts";

/**
 * Adapts the PostgreSQL-only syntax catalog queries use (psql's `\d` family, JDBC metadata, BI tools)
 * so DuckDB can run them. Three rewrites, each replacing text with text of the same length (padded
 * with spaces) so DuckDB's error positions still point into the client's SQL:
 *
 * - `pg_catalog.name` loses its qualifier. DuckDB's pg_catalog schema cannot take new objects, so the
 *   missing pieces (pg_get_userbyid, regclass, pg_policy, ...) live in the catalog shim (see
 *   catalog-shim.ts), which is on every session's search path ahead of DuckDB's own pg_catalog.
 * - `OPERATOR(pg_catalog.~)` becomes `~`: DuckDB's parser does not take the OPERATOR() form.
 * - `COLLATE pg_catalog.default` goes: DuckDB has no collation of that name, and the default is what
 *   it uses anyway.
 *
 * Strings, quoted identifiers and comments are left alone; statements without `pg_catalog`,
 * `OPERATOR` or `COLLATE` come back unchanged.
 */
export function rewriteCatalogSyntax(sql: string): string {
  if (!/pg_catalog|operator|collate/i.test(sql)) return sql;
  const t = tokenize(sql);
  const edits: { start: number; end: number; text: string }[] = [];
  for (let i = 0; i < t.length; i++) {
    if (isWord(t[i], "operator") && t[i + 1]?.value === "(") {
      const close = t.findIndex((x, j) => j > i && x.value === ")");
      if (close < 0) continue;
      // The operator is what follows the last `.` (or the parenthesis): `~`, `!~`, `=`.
      let opStart = i + 2;
      for (let j = i + 2; j < close; j++) if (t[j]!.value === ".") opStart = j + 1;
      const op = sql.slice(t[opStart]?.start ?? t[close]!.start, t[close]!.start).trim();
      edits.push({ start: t[i]!.start, end: t[close]!.end, text: op });
      i = close;
    } else if (
      isWord(t[i], "collate") &&
      isCatalog(t[i + 1]) &&
      t[i + 2]?.value === "." &&
      isDefault(t[i + 3])
    ) {
      edits.push({ start: t[i]!.start, end: t[i + 3]!.end, text: "" });
      i += 3;
    } else if (isCatalog(t[i]) && t[i + 1]?.value === "." && t[i - 1]?.value !== ".") {
      edits.push({ start: t[i]!.start, end: t[i + 1]!.end, text: "" });
      i += 1;
    }
  }
  let out = "";
  let at = 0;
  for (const edit of edits) {
    out += sql.slice(at, edit.start) + edit.text.padEnd(edit.end - edit.start, " ");
    at = edit.end;
  }
  return out + sql.slice(at);
}

function isCatalog(token: Token | undefined): boolean {
  return (token?.kind === "word" || token?.kind === "quotedIdent") && token.value === "pg_catalog";
}

function isDefault(token: Token | undefined): boolean {
  return (token?.kind === "word" || token?.kind === "quotedIdent") && token.value === "default";
}
