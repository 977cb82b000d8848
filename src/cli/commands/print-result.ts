import type { Row } from "../../common/value.ts";
import type { QueryResult } from "../../engine/index.ts";
// The formatter's own module, not the engine's index: `sql` registers its --format option from here.
import { formatValue } from "../../engine/runtime/format-row.ts";
import type { DataType } from "../../sql/types/data-type.ts";

export type Format = "table" | "changelog" | "csv" | "json";
export const FORMATS: readonly Format[] = ["table", "changelog", "csv", "json"];

/** A query's result as the SQL client prints it, or as CSV / JSON lines for scripts. */
export function printResult(result: QueryResult, format: Format): string {
  const names = result.columns.map((c) => c.name);
  const cells = (row: Row): string[] => row.map((v, i) => formatValue(v, result.columns[i]!.type));
  // NULL is an empty field and an empty string a quoted one, as Flink's csv format and DuckDB write them.
  const csvRow = (row: Row): string[] => cells(row).map((text, i) => (row[i] === null ? "" : csvField(text)));
  switch (format) {
    case "table":
      return boxed(names, result.table().map(cells), `${rowCount(result.table().length)} in set`);
    case "changelog": {
      const rows = result.changelog().map((c) => [c.kind, ...cells(c.row)]);
      return boxed(["op", ...names], rows, `Received a total of ${rowCount(rows.length)}`);
    }
    case "csv":
      return `${[names.map(csvField), ...result.table().map(csvRow)].map((r) => r.join(",")).join("\n")}\n`;
    case "json":
      return result
        .table()
        .map(
          (row) =>
            `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, jsonValue(row[i]!, result.columns[i]!.type, cells(row)[i]!)])))}\n`,
        )
        .join("");
    default:
      return format satisfies never;
  }
}

/** The SQL client's default `sql-client.display.max-column-width`: longer values end in `...`. */
const MAX_COLUMN_WIDTH = 30;

/** Flink's tableau layout: a ruled box, values right-aligned, NULL as `<NULL>`, long values cut. */
function boxed(header: readonly string[], rows: readonly string[][], footer: string): string {
  const shown = rows.map((r) => r.map((v) => (v === "NULL" ? "<NULL>" : v)));
  const widths = header.map((h, i) =>
    Math.min(MAX_COLUMN_WIDTH, Math.max(h.length, ...shown.map((r) => r[i]!.length))),
  );
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const cell = (v: string, width: number): string =>
    v.length <= width ? v.padStart(width) : `${v.slice(0, width - 3)}...`;
  const line = (r: readonly string[]): string => `| ${r.map((v, i) => cell(v, widths[i]!)).join(" | ")} |`;
  if (rows.length === 0) return "Empty set\n";
  return `${[rule, line(header), rule, ...shown.map(line), rule, footer].join("\n")}\n`;
}

/** "1 row", "2 rows", as the SQL client counts them. */
function rowCount(n: number): string {
  return `${n} ${n > 1 ? "rows" : "row"}`;
}

function csvField(value: string): string {
  return value === "" || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Numeric columns, booleans and NULL as JSON values; everything else (temporal values too) as its SQL text. */
function jsonValue(value: Row[number], type: DataType, text: string): unknown {
  if (value === null || typeof value === "boolean") return value;
  // Temporal values are numbers inside the engine (epoch millis, days), but not numbers to a reader.
  if (typeof value === "number" && NUMERIC_KINDS.has(type.kind) && Number.isFinite(value)) return value;
  return text;
}

const NUMERIC_KINDS: ReadonlySet<DataType["kind"]> = new Set([
  "TINYINT",
  "SMALLINT",
  "INT",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
]);
