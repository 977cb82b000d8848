import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/** UNION ALL: every row of every input; the inputs have the same field types. */
export interface LogicalUnion {
  readonly kind: "union";
  readonly inputs: readonly LogicalPlan[];
  readonly fields: Fields;
}

export function logicalUnion(inputs: readonly LogicalPlan[], fields: Fields): LogicalUnion {
  return Object.freeze({ kind: "union", inputs, fields });
}
