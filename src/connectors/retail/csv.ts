/**
 * Rows as CSV lines per RFC 4180 (fields with a comma, quote or line break are quoted, quotes doubled),
 * with the seed's layout: a header row, LF line ends, NULL as an empty field, empty strings as `""`.
 */
import type { RetailEvent } from "./events.ts";
import type { RetailColumn, RetailSchema } from "./schemas.ts";
import { valueText } from "./text-values.ts";

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(text: string): string {
  if (text === "") return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(schema: RetailSchema): string {
  return `${schema.columns.map((c) => csvField(c.name)).join(",")}\n`;
}

function cell(event: RetailEvent, index: number, column: RetailColumn): string {
  const malformed = event.malformed;
  if (malformed !== null && malformed.kind !== "truncated" && malformed.column === index)
    return csvField(malformed.text);
  const value = event.row[index]!;
  if (value === null) return "";
  return column.kind === "string" ? csvField(value as string) : valueText(value, column);
}

/** One line, newline included; a truncated row stops after its surviving columns. */
export function csvLine(schema: RetailSchema, event: RetailEvent): string {
  const columns = schema.columns;
  const width = event.malformed?.kind === "truncated" ? event.malformed.column : columns.length;
  let line = cell(event, 0, columns[0]!);
  for (let i = 1; i < width; i++) line += `,${cell(event, i, columns[i]!)}`;
  return `${line}\n`;
}
