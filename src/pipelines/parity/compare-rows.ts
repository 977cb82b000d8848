import type { Row, SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { encodeKey } from "../../store/index.ts";

/** A difference between two versions of a table, keyed by its primary key. */
export type RowDifference =
  | { readonly kind: "missing"; readonly side: "streaming" | "batch"; readonly key: string }
  | {
      readonly kind: "value";
      readonly key: string;
      readonly column: string;
      readonly type: DataType;
      readonly streaming: SqlValue;
      readonly batch: SqlValue;
    };

export interface Column {
  readonly name: string;
  readonly type: DataType;
}

/**
 * Compares two tables row for row by primary key. Values must be equal, except DOUBLEs, which may
 * differ in the last bits (floating-point sums depend on the order rows are added in): they match
 * within a relative 1e-9.
 */
export function compareRows(
  columns: readonly Column[],
  key: readonly number[],
  streaming: readonly Row[],
  batch: readonly Row[],
): RowDifference[] {
  const keyOf = (row: Row): string => encodeKey(key.map((k) => row[k]!));
  const label = (row: Row): string => key.map((k) => String(row[k])).join(", ");
  const batchByKey = new Map(batch.map((row) => [keyOf(row), row]));
  const differences: RowDifference[] = [];
  const seen = new Set<string>();
  for (const row of streaming) {
    const k = keyOf(row);
    seen.add(k);
    const other = batchByKey.get(k);
    if (!other) {
      differences.push({ kind: "missing", side: "batch", key: label(row) });
      continue;
    }
    columns.forEach((column, i) => {
      if (!sameValue(row[i]!, other[i]!, column.type))
        differences.push({
          kind: "value",
          key: label(row),
          column: column.name,
          type: column.type,
          streaming: row[i]!,
          batch: other[i]!,
        });
    });
  }
  for (const row of batch)
    if (!seen.has(keyOf(row))) differences.push({ kind: "missing", side: "streaming", key: label(row) });
  return differences;
}

function sameValue(a: SqlValue, b: SqlValue, type: DataType): boolean {
  if (a === null || b === null) return a === b;
  if ((type.kind === "DOUBLE" || type.kind === "FLOAT") && typeof a === "number" && typeof b === "number")
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return encodeKey([a]) === encodeKey([b]);
}
