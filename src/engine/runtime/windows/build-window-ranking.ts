import type { WindowRankingNode } from "../../plan/window/window-rank-nodes.ts";
import type { Collector, Operator } from "../operator.ts";
import { rowComparator } from "../operators/row-comparator.ts";
import type { StateSpill } from "../state/state-spill.ts";
import type { WindowClock } from "./window-clock.ts";
import { WindowDeduplicateOperator } from "./window-deduplicate.ts";
import { WindowRankOperator } from "./window-rank.ts";

/** The operator of a WindowRank or WindowDeduplicate node. */
export function windowRankingOperator(
  node: WindowRankingNode,
  description: string,
  clock: WindowClock,
  out: Collector,
  spill: StateSpill | undefined,
): Operator {
  const spilling = spill ? { spill } : {};
  const windowEnd = node.windowing.end;
  const partitionKeys = node.partitionKeys;
  if (node.kind === "WindowDeduplicate")
    return new WindowDeduplicateOperator(
      {
        description,
        partitionKeys,
        windowEnd,
        rowtime: node.orderKey,
        keepLastRow: node.keepLastRow,
        clock,
        ...spilling,
      },
      out,
    );
  return new WindowRankOperator(
    {
      description,
      partitionKeys,
      windowEnd,
      compare: rowComparator(node.orderKeys),
      rankStart: node.rankStart,
      rankEnd: node.rankEnd,
      outputRankNumber: node.outputRankNumber,
      clock,
      ...spilling,
    },
    out,
  );
}
