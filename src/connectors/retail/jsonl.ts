/**
 * Rows as JSON lines, one object per row keyed by column name. DECIMALs are exact JSON numbers,
 * DATE and TIMESTAMP are strings in the CSV layout (Flink's `json` format reads them in 'SQL' mode).
 */
import type { RetailEvent } from "./events.ts";
import type { RetailSchema } from "./schemas.ts";
import { valueText } from "./text-values.ts";

/** Per schema, the `{"name":` prefixes, computed once. */
const keyCache = new WeakMap<RetailSchema, string[]>();

function keys(schema: RetailSchema): string[] {
  let prefixes = keyCache.get(schema);
  if (!prefixes) {
    prefixes = schema.columns.map((c, i) => `${i === 0 ? "{" : ","}${JSON.stringify(c.name)}:`);
    keyCache.set(schema, prefixes);
  }
  return prefixes;
}

export function jsonLine(schema: RetailSchema, event: RetailEvent): string {
  const prefixes = keys(schema);
  const malformed = event.malformed;
  let line = "";
  for (let i = 0; i < schema.columns.length; i++) {
    const column = schema.columns[i]!;
    const value = event.row[i]!;
    let text: string;
    if (malformed !== null && malformed.kind !== "truncated" && malformed.column === i)
      text = JSON.stringify(malformed.text);
    else if (value === null) text = "null";
    else if (column.kind === "string") text = JSON.stringify(value);
    else if (column.kind === "date" || column.kind === "timestamp") text = `"${valueText(value, column)}"`;
    else text = valueText(value, column);
    line += prefixes[i]! + text;
  }
  line += "}";
  if (malformed?.kind === "truncated") {
    // Cut where the surviving columns end, mid-object: the line is no longer valid JSON.
    line = line.slice(0, Math.max(1, Math.floor((line.length * malformed.column) / schema.columns.length)));
  }
  return `${line}\n`;
}
