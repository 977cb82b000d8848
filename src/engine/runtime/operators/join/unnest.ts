import type { Row, SqlValue } from "../../../../common/value.ts";
import type { DataType } from "../../../../sql/types/data-type.ts";
import type { CompiledExpr } from "../../expr/index.ts";
import type { CorrelateExpansion } from "./correlate.ts";

/**
 * UNNEST's expansion (Flink's $UNNEST_ROWS): an ARRAY's elements (a ROW element spread into its fields,
 * a NULL one into NULLs), a MULTISET's elements as often as they occur, a MAP's key and value.
 */
export function unnestRows(collection: CompiledExpr, type: DataType, width: number): CorrelateExpansion {
  const spreadRows = (type.kind === "ARRAY" || type.kind === "MULTISET") && type.element.kind === "ROW";
  const nulls: Row = new Array<SqlValue>(width).fill(null);
  const columnsOf = (element: SqlValue): Row =>
    !spreadRows ? [element] : Array.isArray(element) ? element : nulls;
  const multiset = type.kind === "MULTISET";
  return function* (row, ctx) {
    const value = collection(row, ctx);
    if (Array.isArray(value)) {
      for (const element of value) yield columnsOf(element);
    } else if (value instanceof Map) {
      for (const [key, v] of value) {
        if (!multiset) yield [key, v];
        else for (let i = 0; i < (v as number); i++) yield columnsOf(key);
      }
    }
  };
}
