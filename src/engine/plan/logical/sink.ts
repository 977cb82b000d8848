import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/** INSERT INTO a table: input field i is written to table column `targetColumns[i]`. */
export interface LogicalSink {
  readonly kind: "sink";
  readonly input: LogicalPlan;
  readonly table: TableSchema;
  readonly targetColumns: readonly number[];
  readonly fields: Fields;
}

export function logicalSink(
  input: LogicalPlan,
  table: TableSchema,
  targetColumns: readonly number[],
): LogicalSink {
  return Object.freeze({ kind: "sink", input, table, targetColumns, fields: input.fields });
}
