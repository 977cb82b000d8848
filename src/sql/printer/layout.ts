/**
 * Text layout. Printers return text whose first line starts wherever the caller puts it and whose later
 * lines are indented relative to the construct's own line, so nesting is just re-indenting.
 */

export const INDENT = "  ";

/** Indents every line of `text` by one level (empty lines stay empty). */
export function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : INDENT + line))
    .join("\n");
}

/** `(` newline, the indented body, newline `)`: how subqueries and long lists open up. */
export function block(body: string): string {
  return `(\n${indent(body)}\n)`;
}

/** One item per line, indented, comma-separated: select lists, column definitions, WITH options. */
export function indentedList(items: readonly string[]): string {
  return items.map(indent).join(",\n");
}

/** `(a, b, c)` on one line. */
export function parenthesizedList(items: readonly string[]): string {
  return `(${items.join(", ")})`;
}

export function isMultiline(text: string): boolean {
  return text.includes("\n");
}
