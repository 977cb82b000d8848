import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { conjunction, conjuncts, fieldsRead, sidesRead } from "../conjuncts.ts";
import { logicalCalc } from "../logical/calc.ts";
import {
  type JoinType,
  joinInputFields,
  type LogicalJoin,
  logicalJoin,
  rightIsOuter,
} from "../logical/join.ts";
import { rejectsNulls } from "../null-rejection.ts";
import { filter } from "../plan-calc.ts";
import { isDeterministic } from "../rewrite-expr.ts";
import { toJoinInputs } from "./join-fields.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * A filter above a join moves into it (Calcite's FilterJoinRule, as Flink applies it): first an outer
 * join whose NULL-padded rows the filter rejects becomes inner on that side; then a conjunct on one
 * side's fields filters that input before the join (where no NULL-padding of that side can come
 * after), and a conjunct on both sides of an inner join joins its condition (which may give it keys).
 *
 * Calc(where=[AND(>(y, 0), =(k, k0))]) over Join(LeftOuterJoin, where=[true])
 *   → Join(InnerJoin, where=[=(k, k0)]) over (left, Calc(where=[>(y, 0)]) over right)
 */
export const pushFilterIntoJoin: Rule = {
  name: "push_filter_into_join",
  apply(plan) {
    if (plan.kind !== "calc" || !plan.condition || plan.input.kind !== "join") return unchanged(plan);
    const join = plan.input;
    const inputFields = joinInputFields(join);
    const width = join.left.fields.length;
    const filters = conjuncts(plan.condition).map((c) => toJoinInputs(c, join));
    const joinType = simplifiedJoinType(join, filters);
    const temporal = join.temporal !== undefined;
    const toLeft: BoundExpr[] = [];
    const toRight: BoundExpr[] = [];
    const toJoin: BoundExpr[] = [];
    const above: BoundExpr[] = [];
    for (const [i, f] of filters.entries()) {
      const sides = isDeterministic(f) ? sidesRead(f, inputFields, width) : "none";
      if (sides === "left" && !rightIsOuter(joinType)) toLeft.push(f);
      else if (sides === "right" && (joinType === "INNER" || joinType === "RIGHT") && !temporal)
        toRight.push(f);
      else if (sides === "both" && joinType === "INNER" && !temporal) toJoin.push(f);
      else above.push(conjuncts(plan.condition)[i]!);
    }
    if (joinType === join.joinType && toLeft.length + toRight.length + toJoin.length === 0)
      return unchanged(plan);
    const left = toLeft.length > 0 ? filter(join.left, conjunction(toLeft)!) : join.left;
    const right = toRight.length > 0 ? filter(join.right, conjunction(toRight)!) : join.right;
    const condition = conjunction([...conjuncts(join.condition), ...toJoin]);
    const moved = logicalJoin(joinType, left, right, condition, join.temporal, join.fields);
    return changed(logicalCalc(moved, plan.projections, conjunction(above), plan.fields));
  },
};

/**
 * Calcite's RelOptUtil.simplifyJoin: a filter rejecting the NULL-padded rows of a side removes that
 * side's padding (FULL → LEFT/RIGHT/INNER, LEFT or RIGHT → INNER).
 */
function simplifiedJoinType(join: LogicalJoin, filters: readonly BoundExpr[]): JoinType {
  if (join.temporal) return join.joinType;
  const inputFields = joinInputFields(join);
  const width = join.left.fields.length;
  const rejects = (fromLeft: boolean): boolean =>
    filters.some((f) =>
      rejectsNulls(f, (ref) => {
        const read = fieldsRead(ref, inputFields);
        const [i] = [...read];
        return i !== undefined && i < width === fromLeft;
      }),
    );
  switch (join.joinType) {
    case "LEFT":
      return rejects(false) ? "INNER" : "LEFT";
    case "RIGHT":
      return rejects(true) ? "INNER" : "RIGHT";
    case "FULL": {
      const left = rejects(true);
      const right = rejects(false);
      return left && right ? "INNER" : left ? "LEFT" : right ? "RIGHT" : "FULL";
    }
    default:
      return join.joinType;
  }
}
