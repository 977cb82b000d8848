import { parseExpression, parseQuery, parseScript, parseStatement } from "../../../src/sql/parser/index.ts";

/** A deep copy of an AST without its `span` fields and `undefined` members, for shape comparisons. */
export function stripSpans<T>(node: T): unknown {
  return JSON.parse(
    JSON.stringify(node, (key, value) => (key === "span" || key.endsWith("Span") ? undefined : value)),
  );
}

export const expr = (text: string): unknown => stripSpans(parseExpression(text));
export const query = (text: string): unknown => stripSpans(parseQuery(text));
export const statement = (text: string): unknown => stripSpans(parseStatement(text));

/** The diagnostics of a script as `line:col message` strings. */
export function errors(text: string): string[] {
  return parseScript({ name: "test.sql", text }).diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.message}`,
  );
}

export const col = (...parts: string[]) => ({
  kind: "column",
  parts: parts.map((value) => ({ kind: "ident", value, quoted: false })),
});
export const num = (text: string) => ({ kind: "numeric", text });
export const str = (value: string) => ({ kind: "string", value });
export const ident = (value: string, quoted = false) => ({ kind: "ident", value, quoted });
export const name = (...parts: string[]) => ({ kind: "qualifiedName", parts: parts.map((p) => ident(p)) });
export const call = (fn: string, ...args: unknown[]) => ({
  kind: "call",
  name: name(fn),
  args,
  distinct: false,
});
