import type { Row } from "../../common/value.ts";
import type { QueryResult } from "../../engine/index.ts";
// The formatter's own module, not the engine's index: `sql` registers its --format option from here.
import { formatValue } from "../../engine/runtime/format-row.ts";

export type Format = "table" | "changelog" | "csv" | "json";
export const FORMATS: readonly Format[] = ["table", "changelog", "csv", "json"];

/** A query's result as the SQL client prints it, or as CSV / JSON lines for scripts. */
export function printResult(result: QueryResult, format: Format): string {
  const names = result.columns.map((c) => c.name);
  const cells = (row: Row): string[] => row.map((v, i) => formatValue(v, result.columns[i]!.type));
  switch (format) {
    case "table":
      return boxed(names, result.table().map(cells), `${result.table().length} row(s) in set`);
    case "changelog": {
      const rows = result.changelog().map((c) => [c.kind, ...cells(c.row)]);
      return boxed(["op", ...names], rows, `Received a total of ${rows.length} row(s)`);
    }
    case "csv":
      return `${[names, ...result.table().map(cells)].map((r) => r.map(csvField).join(",")).join("\n")}\n`;
    case "json":
      return result
        .table()
        .map(
          (row) =>
            `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, jsonValue(row[i]!, cells(row)[i]!)])))}\n`,
        )
        .join("");
    default:
      return format satisfies never;
  }
}

/** Flink's tableau layout: a ruled box, values right-aligned, NULL as `<NULL>`. */
function boxed(header: readonly string[], rows: readonly string[][], footer: string): string {
  const shown = rows.map((r) => r.map((v) => (v === "NULL" ? "<NULL>" : v)));
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (r: readonly string[]): string => `| ${r.map((v, i) => v.padStart(widths[i]!)).join(" | ")} |`;
  if (rows.length === 0) return "Empty set\n";
  return `${[rule, line(header), rule, ...shown.map(line), rule, footer].join("\n")}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Numbers, booleans and NULL as JSON values; everything else as its SQL text. */
function jsonValue(value: Row[number], text: string): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  return text;
}
