import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import { slotIndex } from "../layout.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { formatRankRange, type LogicalRank } from "../logical/rank.ts";
import type { ExecNode } from "../physical/exec-node.ts";
import { PlanError } from "../plan-error.ts";
import { timeAttributeOf } from "../time-attributes.ts";
import { isWindowed, windowPropertiesOf } from "./window-properties.ts";
import type { AttachedWindow, WindowRankingNode } from "./window-rank-nodes.ts";

/**
 * A Rank partitioned by window_start and window_end of a windowed input is a window Top-N, or a
 * window deduplication when it could be a deduplication (Flink's StreamPhysicalWindowRankRule and
 * StreamPhysicalWindowDeduplicateRule); undefined for any other Rank. The window columns leave the
 * partition keys and become the windowing; what Flink's StreamExecWindowRank / WindowDeduplicate
 * cannot run is rejected with their messages.
 */
export function planWindowRank(plan: LogicalRank, input: ExecNode): WindowRankingNode | undefined {
  const properties = windowPropertiesOf(plan.input);
  if (!isWindowed(properties)) return undefined;
  const starts = plan.partitionKeys.filter((k) => properties.starts.includes(k));
  const ends = plan.partitionKeys.filter((k) => properties.ends.includes(k));
  if (starts.length === 0 || ends.length === 0) return undefined;
  const windowColumns = [...properties.starts, ...properties.ends, ...properties.times];
  const partitionKeys = plan.partitionKeys.filter((k) => !windowColumns.includes(k));
  const windowing: AttachedWindow = {
    window: properties.window,
    time: properties.time,
    start: Math.min(...starts),
    end: Math.min(...ends),
  };
  const dedupOrder = deduplicationOrder(plan);
  if (dedupOrder) {
    if (windowing.time.attribute !== "rowtime")
      throw new PlanError("Processing time Window Deduplication is not supported yet.");
    return Object.freeze({
      kind: "WindowDeduplicate",
      input,
      partitionKeys,
      orderKey: dedupOrder.index,
      orderTime: dedupOrder.time,
      keepLastRow: dedupOrder.descending,
      windowing,
      fields: plan.fields,
    });
  }
  if (plan.rankType !== "ROW_NUMBER")
    throw new PlanError(
      `${plan.rankType}() function is not supported on Window TopN currently, only ROW_NUMBER() is supported.`,
    );
  if (windowing.time.attribute !== "rowtime")
    throw new PlanError("Processing time Window TopN is not supported yet.");
  if (plan.range.kind !== "constant")
    throw new PlanError(
      `Rank strategy ${formatRankRange(plan.range, plan.input.fields)} is not supported on window rank currently.`,
    );
  return Object.freeze({
    kind: "WindowRank",
    input,
    partitionKeys,
    orderKeys: plan.orderKeys,
    rankStart: plan.range.start,
    rankEnd: plan.range.end,
    outputRankNumber: plan.outputRankNumber,
    windowing,
    fields: plan.fields,
  });
}

/**
 * The order key of a top-1 ROW_NUMBER without rank column ordered by one time attribute
 * (RankUtil.canConvertToDeduplicate), else undefined.
 */
function deduplicationOrder(
  plan: LogicalRank,
): { index: number; time: TimeAttribute; descending: boolean } | undefined {
  const [first, ...rest] = plan.orderKeys;
  const topOne = plan.range.kind === "constant" && plan.range.start === 1 && plan.range.end === 1;
  if (!first || rest.length > 0 || !topOne || plan.rankType !== "ROW_NUMBER" || plan.outputRankNumber)
    return undefined;
  const time = timeAttributeOf(plan.input, first.index) ?? windowTimeColumnOf(plan.input, first.index);
  return time ? { index: first.index, time, descending: first.descending } : undefined;
}

/**
 * The time attribute of a window TVF's time column, followed through plain references. In Flink's
 * planner that column keeps its time indicator type after the TVF, which is what lets a window
 * deduplication order by it (`ORDER BY bidtime DESC` over TUMBLE(... DESCRIPTOR(bidtime) ...)).
 */
function windowTimeColumnOf(plan: LogicalPlan, index: number): TimeAttribute | undefined {
  switch (plan.kind) {
    case "windowTableFunction":
      return index === plan.timeField ? plan.time.attribute : undefined;
    case "calc": {
      const expr = plan.projections[index];
      const source = expr ? slotIndex(plan.input.fields, expr) : -1;
      return source >= 0 ? windowTimeColumnOf(plan.input, source) : undefined;
    }
    default:
      return undefined;
  }
}
