import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";

/** Reads every column of a catalog table, in the table's column order. */
export interface LogicalScan {
  readonly kind: "scan";
  readonly table: TableSchema;
  readonly fields: Fields;
}

export function logicalScan(table: TableSchema, fields: Fields): LogicalScan {
  return Object.freeze({ kind: "scan", table, fields });
}
