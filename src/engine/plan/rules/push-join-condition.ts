import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { conjunction, conjuncts, sidesRead } from "../conjuncts.ts";
import { joinInputFields, logicalJoin } from "../logical/join.ts";
import { filter } from "../plan-calc.ts";
import { isDeterministic } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * A join condition's conjuncts on one input's fields filter that input before the join, where this
 * keeps the join's meaning (Calcite's JoinConditionPushRule): the left's for INNER, RIGHT and SEMI
 * joins (a left row failing it matches nothing, and is dropped anyway), the right's for INNER, LEFT,
 * SEMI and ANTI joins. An ON TRUE disappears. A temporal join keeps its condition: filtering the
 * versioned table would make an older version match.
 *
 * Join(LeftOuterJoin, where=[AND(=(k, k0), <(y, 3), >(x, 5))])
 *   → Join(LeftOuterJoin, where=[AND(=(k, k0), >(x, 5))]) over (left, Calc(where=[<(y, 3)]) over right)
 */
export const pushJoinCondition: Rule = {
  name: "push_join_condition",
  apply(plan) {
    if (plan.kind !== "join" || !plan.condition || plan.temporal) return unchanged(plan);
    const inputFields = joinInputFields(plan);
    const width = plan.left.fields.length;
    const type = plan.joinType;
    const toLeft: BoundExpr[] = [];
    const toRight: BoundExpr[] = [];
    const kept: BoundExpr[] = [];
    let dropped = false;
    for (const c of conjuncts(plan.condition)) {
      if (c.kind === "literal" && c.value === true) {
        dropped = true;
        continue;
      }
      const sides = isDeterministic(c) ? sidesRead(c, inputFields, width) : "none";
      if (sides === "left" && (type === "INNER" || type === "RIGHT" || type === "SEMI")) toLeft.push(c);
      else if (sides === "right" && type !== "RIGHT" && type !== "FULL") toRight.push(c);
      else kept.push(c);
    }
    if (!dropped && toLeft.length + toRight.length === 0) return unchanged(plan);
    const left = toLeft.length > 0 ? filter(plan.left, conjunction(toLeft)!) : plan.left;
    const right = toRight.length > 0 ? filter(plan.right, conjunction(toRight)!) : plan.right;
    return changed(logicalJoin(type, left, right, conjunction(kept), plan.temporal, plan.fields));
  },
};
