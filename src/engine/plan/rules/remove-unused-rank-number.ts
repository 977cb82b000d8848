import { slotIndex } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { logicalRank } from "../logical/rank.ts";
import { someExpr } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * A Rank outputs its rank number only when something reads it: a Calc over it that reads every
 * other field but not the rank number drops it, which also lets a top-1 ROW_NUMBER on a time
 * attribute become a deduplication. (Flink converts ranks once every Calc above is merged; here the
 * rank can form first, under a filter whose projection is merged later.)
 *
 * Calc(select=[k, v]) over Rank(select=[k, v, w0$o0]) → Calc(select=[k, v]) over Rank(select=[k, v])
 */
export const removeUnusedRankNumber: Rule = {
  name: "remove_unused_rank_number",
  apply(plan) {
    if (plan.kind !== "calc" || plan.input.kind !== "rank" || !plan.input.outputRankNumber)
      return unchanged(plan);
    const rank = plan.input;
    const rankField = rank.fields.length - 1;
    const reads = (e: Parameters<typeof someExpr>[0]): boolean =>
      someExpr(e, (x) => slotIndex(rank.fields, x) === rankField);
    if (plan.projections.some(reads) || (plan.condition && reads(plan.condition))) return unchanged(plan);
    const pruned = logicalRank(
      rank.input,
      rank.rankType,
      rank.partitionKeys,
      rank.orderKeys,
      rank.range,
      false,
      rank.fields.slice(0, rankField),
    );
    return changed(logicalCalc(pruned, plan.projections, plan.condition, plan.fields));
  },
};
