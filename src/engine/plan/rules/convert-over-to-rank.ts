import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { type Field, slotIndex } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { logicalRank, type RankType } from "../logical/rank.ts";
import { PlanError } from "../plan-error.ts";
import { extractRankRange } from "../rank-range.ts";
import { NO_SPAN, someExpr } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

const RANK_TYPES = new Set<string>(["ROW_NUMBER", "RANK", "DENSE_RANK"]);

/**
 * A filter on the result of a ranking function becomes a Rank (Flink's FlinkLogicalRankRule): a Calc
 * whose condition bounds the rank, over an Over node computing one ROW_NUMBER, RANK or DENSE_RANK and
 * nothing else. The rank bounds become the Rank's range; the other conjuncts stay in the Calc above,
 * and the Rank outputs the rank number only when the Calc reads it.
 *
 * Calc(select=[k, v], where=[<=(w0$o0, 3)]) over Over(ROW_NUMBER() OVER (PARTITION BY k ORDER BY v))
 *   → Calc(select=[k, v]) over Rank(rankRange=[rankStart=1, rankEnd=3], partitionBy=[k], orderBy=[v ASC])
 */
export const convertOverToRank: Rule = {
  name: "convert_over_to_rank",
  apply(plan) {
    if (plan.kind !== "calc" || !plan.condition || plan.input.kind !== "over") return unchanged(plan);
    const over = plan.input;
    const group = over.groups[0];
    if (over.groups.length !== 1 || group?.calls.length !== 1 || !RANK_TYPES.has(group.calls[0]!.name))
      return unchanged(plan);
    const rankField = over.fields.length - 1;
    const { range, remaining } = extractRankRange(plan.condition, over.fields, rankField);
    if (range === "withoutEnd")
      throw new PlanError(
        "Rank end is not specified. Currently rank only support TopN, which means the rank end must be specified.",
        plan.condition.span,
      );
    const readsRank = (e: BoundExpr): boolean => someExpr(e, (x) => slotIndex(over.fields, x) === rankField);
    if (!range || remaining.some(readsRank)) return unchanged(plan);
    if (range.kind === "constant" && range.end <= 0)
      throw new PlanError(`Rank end should not less than zero, but now is ${range.end}`, plan.condition.span);

    const outputRankNumber = plan.projections.some(readsRank);
    // The rank column keeps the window's name (`w0$o0`), as in Flink's plans; the Calc above renames it.
    const rankNumber: Field = over.fields[rankField]!;
    // The Over's own fields name its input's columns as the Calc above reads them.
    const inputFields = over.fields.slice(0, over.input.fields.length);
    const rank = logicalRank(
      over.input,
      group.calls[0]!.name as RankType,
      group.partitionKeys,
      group.orderKeys,
      range,
      outputRankNumber,
      outputRankNumber ? [...inputFields, rankNumber] : inputFields,
    );
    return changed(logicalCalc(rank, plan.projections, conjunction(remaining), plan.fields));
  },
};

/** The conditions joined by binary ANDs, left to right (as RelOptUtil.andJoinFilters). */
function conjunction(conditions: readonly BoundExpr[]): BoundExpr | undefined {
  return conditions.reduce<BoundExpr | undefined>(
    (acc, c) =>
      acc === undefined
        ? c
        : {
            kind: "call",
            name: "AND",
            args: [acc, c],
            type: { kind: "BOOLEAN", nullable: true },
            span: NO_SPAN,
          },
    undefined,
  );
}
