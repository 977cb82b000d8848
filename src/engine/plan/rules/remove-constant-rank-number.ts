import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { fieldRef } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { logicalRank } from "../logical/rank.ts";
import { NO_SPAN } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * A ROW_NUMBER kept to a single rank (`rn = 3`, `rn <= 1`) numbers every row it outputs the same:
 * the Rank drops the column and a Calc above puts the constant back (Flink's
 * ConstantRankNumberColumnRemoveRule). A top-1 on a time attribute then plans as a deduplication.
 *
 * Rank(rankRange=[rankStart=1, rankEnd=1], select=[k, v, w0$o0])
 *   → Calc(select=[k, v, 1 AS w0$o0]) over Rank(rankRange=[rankStart=1, rankEnd=1], select=[k, v])
 */
export const removeConstantRankNumber: Rule = {
  name: "remove_constant_rank_number",
  apply(plan) {
    if (plan.kind !== "rank" || !plan.outputRankNumber || plan.rankType !== "ROW_NUMBER")
      return unchanged(plan);
    const range = plan.range;
    if (range.kind !== "constant" || range.start !== range.end) return unchanged(plan);
    const rankField = plan.fields.length - 1;
    const rank = logicalRank(
      plan.input,
      plan.rankType,
      plan.partitionKeys,
      plan.orderKeys,
      range,
      false,
      plan.fields.slice(0, rankField),
    );
    const constant: BoundExpr = {
      kind: "literal",
      value: range.start,
      type: plan.fields[rankField]!.type,
      span: NO_SPAN,
    };
    const projections = plan.fields.map((_, i) => (i < rankField ? fieldRef(rank.fields, i) : constant));
    return changed(logicalCalc(rank, projections, undefined, plan.fields));
  },
};
