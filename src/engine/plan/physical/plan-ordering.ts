import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import type { LogicalOver, OverGroup } from "../logical/over.ts";
import type { LogicalRank } from "../logical/rank.ts";
import type { LogicalSort } from "../logical/sort.ts";
import { PlanError } from "../plan-error.ts";
import { timeAttributeOf } from "../time-attributes.ts";
import { planWindowRank } from "../window/plan-window-rank.ts";
import type { WindowRankingNode } from "../window/window-rank-nodes.ts";
import type { ExecNode } from "./exec-node.ts";
import { type OrderingNode, UNDEFINED_STRATEGY } from "./ordering-nodes.ts";

type PlanInput = (plan: LogicalPlan) => ExecNode;

/** The exec node of an Over, Rank or Sort, as Flink's physical rules choose it. */
export function planOrdering(
  plan: LogicalOver | LogicalRank | LogicalSort,
  planInput: PlanInput,
): OrderingNode | WindowRankingNode {
  switch (plan.kind) {
    case "rank":
      return planRank(plan, planInput(plan.input));
    case "over":
      return planOverAggregate(plan, planInput(plan.input));
    case "sort":
      return planSortNode(plan, planInput(plan.input));
    default:
      return plan satisfies never;
  }
}

/**
 * A rank partitioned by a window's bounds is a window Top-N or deduplication. Otherwise a top-1
 * ROW_NUMBER without the rank column, ordered by nothing but a time attribute, is a deduplication
 * (RankUtil.canConvertToDeduplicate); any other rank is a Top-N.
 */
function planRank(plan: LogicalRank, input: ExecNode): OrderingNode | WindowRankingNode {
  const windowed = planWindowRank(plan, input);
  if (windowed) return windowed;
  const first = plan.orderKeys[0];
  const orderTime = first ? timeAttributeOf(plan.input, first.index) : undefined;
  const topOne = plan.range.kind === "constant" && plan.range.start === 1 && plan.range.end === 1;
  if (
    first &&
    orderTime &&
    plan.orderKeys.length === 1 &&
    topOne &&
    plan.rankType === "ROW_NUMBER" &&
    !plan.outputRankNumber
  )
    return Object.freeze({
      kind: "Deduplicate",
      input,
      keys: plan.partitionKeys,
      keepLastRow: first.descending,
      time: orderTime,
      orderField: first.index,
      fields: plan.fields,
    });
  return Object.freeze({
    kind: "Rank",
    input,
    rankType: plan.rankType,
    range: plan.range,
    partitionKeys: plan.partitionKeys,
    orderKeys: plan.orderKeys,
    outputRankNumber: plan.outputRankNumber,
    ...(orderTime ? { orderTime } : {}),
    strategy: UNDEFINED_STRATEGY,
    fields: plan.fields,
  });
}

function planOverAggregate(plan: LogicalOver, input: ExecNode): OrderingNode {
  if (plan.groups.length > 1)
    throw new PlanError(
      "Over Agg: Unsupported use of OVER windows. All aggregates must be computed on the same window. please re-check the over window statement.",
    );
  const group = plan.groups[0]!;
  const first = group.orderKeys[0];
  const orderTime = first ? timeAttributeOf(plan.input, first.index) : undefined;
  checkOverAggregate(group, orderTime);
  return Object.freeze({
    kind: "OverAggregate",
    input,
    partitionKeys: group.partitionKeys,
    orderKeys: group.orderKeys,
    ...(orderTime ? { orderTime } : {}),
    frame: group.frame,
    calls: group.calls,
    fields: plan.fields,
  });
}

/** Functions an OVER aggregation cannot run on a stream, with Flink's reason (AggFunctionFactory). */
const STREAMLESS: Record<string, string> = {
  LEAD: "LEAD Function is not supported in stream mode.",
  CUME_DIST: "CUME_DIST Function is not supported in stream mode.",
  PERCENT_RANK: "PERCENT_RANK Function is not supported in stream mode.",
  NTILE: "NTILE Function is not supported in stream mode.",
};

/** The shapes StreamExecOverAggregate rejects, with its messages. */
function checkOverAggregate(group: OverGroup, orderTime: TimeAttribute | undefined): void {
  if (group.orderKeys.length !== 1)
    throw new PlanError("The window can only be ordered by a single time column.");
  if (group.orderKeys[0]!.descending)
    throw new PlanError("The window can only be ordered in ASCENDING mode.");
  if (!orderTime)
    throw new PlanError("OVER windows' ordering in stream mode must be defined on a time attribute.");
  const { lower, upper } = group.frame;
  if (upper.kind !== "currentRow" || (lower.kind !== "unbounded" && lower.kind !== "preceding"))
    throw new PlanError("OVER RANGE FOLLOWING windows are not supported yet.");
  for (const call of group.calls) {
    const reason = STREAMLESS[call.name];
    if (reason) throw new PlanError(reason);
    if (call.name === "LAG" && lower.kind === "preceding")
      throw new PlanError("LAG Function with retraction is not supported in stream mode.");
  }
}

/**
 * ORDER BY with LIMIT/OFFSET is a SortLimit, LIMIT/OFFSET alone a Limit, and ORDER BY alone must
 * start with an ascending time attribute (a temporal sort): Flink runs no other sort on a stream.
 */
function planSortNode(plan: LogicalSort, input: ExecNode): OrderingNode {
  const limited = plan.fetch !== undefined || plan.offset > 0;
  const fetch = plan.fetch !== undefined ? { fetch: plan.fetch } : {};
  if (plan.orderKeys.length === 0)
    return Object.freeze({ kind: "Limit", input, offset: plan.offset, ...fetch, fields: plan.fields });
  const first = plan.orderKeys[0]!;
  const time = timeAttributeOf(plan.input, first.index);
  if (limited) {
    return Object.freeze({
      kind: "SortLimit",
      input,
      orderKeys: plan.orderKeys,
      offset: plan.offset,
      ...fetch,
      ...(time ? { orderTime: time } : {}),
      strategy: UNDEFINED_STRATEGY,
      fields: plan.fields,
    });
  }
  if (!time || first.descending) throw new PlanError("Sort on a non-time-attribute field is not supported.");
  return Object.freeze({ kind: "TemporalSort", input, orderKeys: plan.orderKeys, time, fields: plan.fields });
}
