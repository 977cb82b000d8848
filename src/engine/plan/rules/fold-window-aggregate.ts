import { foldWindowAggregate } from "../window/fold-window-aggregate.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * An Aggregate grouping by window_start and window_end of windowed rows becomes a WindowAggregate,
 * the window TVF under it folded in when nothing in between computes on the window columns (Flink's
 * PullUpWindowTableFunctionIntoWindowAggregateRule and StreamPhysicalWindowAggregateRule). Running
 * it among the logical rules lets merge_calcs fuse the Calcs it leaves with their neighbours.
 *
 * Aggregate(group=[item, window_start, window_end]) over Calc over WindowTableFunction(TUMBLE)
 *   → Calc(reorder) over WindowAggregate(groupBy=[item], TUMBLE(time_col=[ts])) over Calc
 */
export const foldWindowAggregateRule: Rule = {
  name: "fold_window_aggregate",
  apply(plan) {
    if (plan.kind !== "aggregate") return unchanged(plan);
    const folded = foldWindowAggregate(plan);
    return folded ? changed(folded) : unchanged(plan);
  },
};
