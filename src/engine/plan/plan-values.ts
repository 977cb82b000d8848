import type { BoundExpr, BoundValues } from "../../sql/binder/bound.ts";
import { typesEqual } from "../../sql/types/type-equality.ts";
import { relabel } from "./layout.ts";
import { type LogicalValues, logicalValues } from "./logical/values.ts";
import type { PlanContext } from "./plan-context.ts";

/** VALUES rows, each value cast to its column's common type when it differs. */
export function planValues(values: BoundValues, ctx: PlanContext): LogicalValues {
  const rows = values.rows.map((row) =>
    row.map((e, i): BoundExpr => {
      const type = values.columns[i]!.type;
      return typesEqual(e.type, type, { ignoreNullability: true })
        ? e
        : { kind: "cast", safe: false, operand: e, type, span: e.span };
    }),
  );
  const fields = relabel(values.columns, ctx.freshBinding());
  return logicalValues(rows, fields);
}
