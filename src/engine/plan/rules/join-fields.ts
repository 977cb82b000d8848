import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { isFieldRef } from "../conjuncts.ts";
import { type Fields, fieldRef, slotIndex } from "../layout.ts";
import { isSemiOrAnti, joinInputFields, type LogicalJoin } from "../logical/join.ts";
import { rewriteExpr } from "../rewrite-expr.ts";

/**
 * The input position (in `[...left, ...right]`) of each of a join's output fields. Output field i is
 * input field i; a node above may have relabelled the join's output (a removed identity Calc), so
 * expressions from above are rewritten by position, not by slot.
 */
export function toJoinInputs(expr: BoundExpr, join: LogicalJoin): BoundExpr {
  const inputs = joinInputFields(join);
  return rewriteExpr(expr, (x) => {
    if (!isFieldRef(x)) return undefined;
    const i = slotIndex(join.fields, x);
    if (i < 0) return x;
    const target = inputs[i]!;
    const same = sameSlot(join.fields[i]!.slot, target.slot);
    return same ? x : { ...fieldRef(inputs, i), type: x.type };
  });
}

export function sameSlot(a: Fields[number]["slot"], b: Fields[number]["slot"]): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "column" && b.kind === "column")
    return a.ref.binding === b.ref.binding && a.ref.column === b.ref.column;
  return "index" in a && "index" in b && a.index === b.index;
}

/** How many output fields of the join come from the left input (all of them for SEMI/ANTI). */
export function leftOutputCount(join: LogicalJoin): number {
  return isSemiOrAnti(join.joinType) ? join.fields.length : join.left.fields.length;
}
