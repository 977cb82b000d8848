import type { Fields } from "../layout.ts";
import { formatRankRange } from "../logical/rank.ts";
import { formatOrder } from "../physical/describe-ordering.ts";
import type { AttachedWindow, WindowRankingNode } from "./window-rank-nodes.ts";
import { describeWindow } from "./window-spec.ts";

/**
 * EXPLAIN attributes of the window Top-N and deduplication, as Flink's explainTerms print them:
 *   WindowRank(window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[10 s])], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[k], orderBy=[v DESC], select=[k, v, window_start, window_end])
 *   WindowDeduplicate(window=[TUMBLE(win_start=[window_start], win_end=[window_end], size=[10 s])], keep=[LastRow], partitionKeys=[k], orderKey=[ts], order=[ROWTIME])
 */
export function windowRankingAttributes(node: WindowRankingNode): string[] {
  const input = node.input.fields;
  const names = (keys: readonly number[]): string => keys.map((k) => input[k]!.name).join(", ");
  const window = `window=[${attachedWindow(node.windowing, input)}]`;
  if (node.kind === "WindowDeduplicate")
    return [
      window,
      `keep=[${node.keepLastRow ? "LastRow" : "FirstRow"}]`,
      `partitionKeys=[${names(node.partitionKeys)}]`,
      `orderKey=[${input[node.orderKey]!.name}]`,
      `order=[${node.orderTime === "rowtime" ? "ROWTIME" : "PROCTIME"}]`,
    ];
  return [
    window,
    "rankType=[ROW_NUMBER]",
    `rankRange=[${formatRankRange({ kind: "constant", start: node.rankStart, end: node.rankEnd }, input)}]`,
    `partitionBy=[${names(node.partitionKeys)}]`,
    `orderBy=[${formatOrder(node.orderKeys, input)}]`,
    `select=[${node.fields.map((f) => f.name).join(", ")}]`,
  ];
}

function attachedWindow(windowing: AttachedWindow, input: Fields): string {
  const names = input.map((f) => f.name);
  return describeWindow(
    windowing.window,
    `win_start=[${names[windowing.start]}], win_end=[${names[windowing.end]}]`,
    names,
  );
}
