import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { type Fields, slotIndex } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { isDeterministic, rewriteExpr } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * Calc over Calc → one Calc, the upper expressions rewritten over the lower's input (Flink's
 * CalcMergeRule). This pushes a filter through a projection into the Calc below it (a WHERE under
 * the select list, a HAVING under nothing) and drops columns the upper Calc never reads.
 * Not merged: two conditions (the upper one may fail on rows the lower one drops) and
 * non-deterministic projections read more than once.
 *
 * Calc(select=[a], where=[>(b, 1)]) over Calc(select=[a, +(b, 1) AS b])
 *   → Calc(select=[a], where=[>(+(b, 1), 1)])
 */
export const mergeCalcs: Rule = {
  name: "merge_calcs",
  apply(plan) {
    if (plan.kind !== "calc" || plan.input.kind !== "calc") return unchanged(plan);
    const lower = plan.input;
    if (plan.condition && lower.condition) return unchanged(plan);
    const uses = new Map<number, number>();
    const count = (e: BoundExpr): void => {
      rewriteExpr(e, (x) => {
        const i = slotIndex(lower.fields, x);
        if (i >= 0) uses.set(i, (uses.get(i) ?? 0) + 1);
        return i >= 0 ? x : undefined;
      });
    };
    for (const e of [...plan.projections, ...(plan.condition ? [plan.condition] : [])]) count(e);
    for (const [i, n] of uses) if (n > 1 && !isDeterministic(lower.projections[i]!)) return unchanged(plan);
    const inline = (e: BoundExpr): BoundExpr => substitute(e, lower.fields, lower.projections);
    const condition = lower.condition ?? (plan.condition ? inline(plan.condition) : undefined);
    return changed(logicalCalc(lower.input, plan.projections.map(inline), condition, plan.fields));
  },
};

function substitute(expr: BoundExpr, fields: Fields, projections: readonly BoundExpr[]): BoundExpr {
  return rewriteExpr(expr, (x) => {
    const i = slotIndex(fields, x);
    return i >= 0 ? projections[i] : undefined;
  });
}
