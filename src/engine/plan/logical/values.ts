import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { Fields } from "../layout.ts";

/** Constant rows (`VALUES (1, 'a'), (2, 'b')`); each expression reads no column. */
export interface LogicalValues {
  readonly kind: "values";
  readonly rows: readonly (readonly BoundExpr[])[];
  readonly fields: Fields;
}

export function logicalValues(rows: readonly (readonly BoundExpr[])[], fields: Fields): LogicalValues {
  return Object.freeze({ kind: "values", rows, fields });
}
