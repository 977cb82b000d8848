import type { BoundExpr } from "../../sql/binder/bound.ts";
import { type Fields, slotIndex } from "../plan/layout.ts";
import { NO_SPAN as SPAN_NONE } from "../plan/rewrite-expr.ts";
import type { CompileEnv } from "./expr/index.ts";

/** How compiled expressions find their inputs in a row laid out as `fields`. */
export function fieldEnv(fields: Fields): CompileEnv {
  const find = (expr: BoundExpr): number => {
    const index = slotIndex(fields, expr);
    if (index < 0) throw new Error(`internal error: no input field for ${JSON.stringify(expr)}`);
    return index;
  };
  return {
    columnIndex: (ref) =>
      find({
        kind: "column",
        binding: ref.binding,
        column: ref.column,
        name: "",
        type: { kind: "NULL", nullable: true },
        span: SPAN_NONE,
      }),
    groupIndex: (index) =>
      find({ kind: "groupRef", index, type: { kind: "NULL", nullable: true }, span: SPAN_NONE }),
    aggregateIndex: (index) =>
      find({ kind: "aggregateRef", index, type: { kind: "NULL", nullable: true }, span: SPAN_NONE }),
    windowIndex: (index) =>
      find({ kind: "windowRef", index, type: { kind: "NULL", nullable: true }, span: SPAN_NONE }),
  };
}
