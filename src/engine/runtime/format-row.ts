import type { Row, SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { toStringFor } from "./functions/to-string.ts";

/** One value as Flink's SQL client prints it: CAST(value AS STRING), `NULL` for null. */
export function formatValue(value: SqlValue, type?: DataType): string {
  if (value === null) return "NULL";
  if (type) return toStringFor(type)(value as never, "UTC");
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString("hex")}'`;
  if (Array.isArray(value)) return `[${formatRow(value)}]`;
  if (value instanceof Map)
    return `{${[...value].map(([k, v]) => `${formatValue(k)}=${formatValue(v)}`).join(", ")}}`;
  return String(value);
}

export function formatRow(row: Row, types?: readonly DataType[]): string {
  return row.map((v, i) => formatValue(v, types?.[i])).join(", ");
}
