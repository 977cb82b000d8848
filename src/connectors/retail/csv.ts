/**
 * Rows as CSV lines per RFC 4180 (fields with a comma, quote or line break are quoted, quotes doubled),
 * with the seed's layout: a header row, LF line ends, NULL as an empty field, empty strings as `""`.
 */
import type { RetailEvent } from "./events.ts";
import type { RetailSchema } from "./schemas.ts";
import { formatterFor, type ValueFormatter } from "./text-values.ts";

const NEEDS_QUOTES = /[",\r\n]/;

function csvField(text: string): string {
  if (text === "") return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(schema: RetailSchema): string {
  return `${schema.columns.map((c) => csvField(c.name)).join(",")}\n`;
}

/** Per schema, one text function per column, chosen once. */
const cellCache = new WeakMap<RetailSchema, ValueFormatter[]>();

function cellFormatters(schema: RetailSchema): ValueFormatter[] {
  let formatters = cellCache.get(schema);
  if (!formatters) {
    formatters = schema.columns.map((c) =>
      c.kind === "string" ? (value) => csvField(value as string) : formatterFor(c),
    );
    cellCache.set(schema, formatters);
  }
  return formatters;
}

/** One line, newline included; a truncated row stops after its surviving columns. */
export function csvLine(schema: RetailSchema, event: RetailEvent): string {
  const formatters = cellFormatters(schema);
  const row = event.row;
  const malformed = event.malformed;
  const width = malformed?.kind === "truncated" ? malformed.column : formatters.length;
  const replaced = malformed !== null && malformed.kind !== "truncated" ? malformed.column : -1;
  let line = "";
  for (let i = 0; i < width; i++) {
    const value = row[i]!;
    const text = i === replaced ? csvField(malformed!.text) : value === null ? "" : formatters[i]!(value);
    line = i === 0 ? text : `${line},${text}`;
  }
  return `${line}\n`;
}
