import type { DuckDBValue } from "@duckdb/node-api";
import { PgError, SQLSTATE } from "../errors.ts";

/**
 * PostgreSQL's array text: `{1,2,NULL}`, `{"a b","say \"hi\""}`, nested `{{1,2},{3,4}}`. An element
 * is quoted when it is empty, spells NULL, or holds a brace, comma, quote, backslash or white space.
 */
export function formatArray(
  items: readonly DuckDBValue[],
  element: (value: NonNullable<DuckDBValue>) => string,
): string {
  const parts = items.map((item) => {
    if (item === null) return "NULL";
    const text = element(item);
    // A nested list's own text is already an array literal; quoting it would make it a string.
    if (isNestedList(item)) return text;
    return needsQuotes(text) ? `"${text.replace(/["\\]/g, "\\$&")}"` : text;
  });
  return `{${parts.join(",")}}`;
}

function isNestedList(value: NonNullable<DuckDBValue>): boolean {
  return typeof value === "object" && "items" in value && Array.isArray((value as { items: unknown }).items);
}

function needsQuotes(text: string): boolean {
  return text === "" || /^null$/i.test(text) || /[{}",\\\s]/.test(text);
}

/** An element of a parsed array literal: its text (unquoted, unescaped), NULL, or a nested array. */
export type ArrayElement = string | null | ArrayElement[];

/**
 * Parses an array literal as clients send array parameters (`{1,2,3}`, `{"a,b",NULL}`). An optional
 * dimension decoration (`[1:3]={...}`) is skipped. Malformed text is a 22P02 error naming the column
 * where parsing stopped.
 */
export function parseArray(text: string): ArrayElement[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new PgError(SQLSTATE.invalidTextRepresentation, `malformed array literal: "${text}"`, {
      detail: `${why} at character ${i + 1}.`,
    });
  };
  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const parseList = (): ArrayElement[] => {
    if (text[i] !== "{") fail('Array value must start with "{" or dimension information');
    i++;
    const items: ArrayElement[] = [];
    skipSpace();
    if (text[i] === "}") {
      i++;
      return items;
    }
    for (;;) {
      skipSpace();
      items.push(parseElement());
      skipSpace();
      const c = text[i];
      i++;
      if (c === "}") return items;
      if (c !== ",") fail('Expected "," or "}"');
    }
  };
  const parseElement = (): ArrayElement => {
    if (text[i] === "{") return parseList();
    if (text[i] === '"') {
      i++;
      let out = "";
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\") i++;
        if (i >= text.length) break;
        out += text[i++];
      }
      if (text[i] !== '"') fail("Unexpected end of input");
      i++;
      return out;
    }
    let out = "";
    while (i < text.length && !/[,}]/.test(text[i]!)) {
      if (text[i] === "\\") i++;
      if (text[i] === "{" || text[i] === '"') fail("Unexpected character");
      out += text[i++] ?? "";
    }
    out = out.trimEnd();
    if (out === "") fail("Unexpected empty element");
    return /^null$/i.test(out) ? null : out;
  };
  skipSpace();
  if (text[i] === "[") {
    const eq = text.indexOf("=", i);
    if (eq < 0) fail('Missing "=" after array dimensions');
    i = eq + 1;
    skipSpace();
  }
  const result = parseList();
  skipSpace();
  if (i < text.length) fail("Junk after closing right brace");
  return result;
}
