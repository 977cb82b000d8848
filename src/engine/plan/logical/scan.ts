import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { ScanExpressions } from "../scan-expressions.ts";

/** Reads every column of a catalog table, in the table's column order, computing computed columns. */
export interface LogicalScan {
  readonly kind: "scan";
  readonly table: TableSchema;
  readonly expressions: ScanExpressions;
  readonly fields: Fields;
}

export function logicalScan(table: TableSchema, expressions: ScanExpressions, fields: Fields): LogicalScan {
  return Object.freeze({ kind: "scan", table, expressions, fields });
}
