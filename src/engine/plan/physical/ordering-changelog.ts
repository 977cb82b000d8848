import { PlanError } from "../plan-error.ts";
import { ALL_KINDS, INSERT_ONLY, isInsertOnly, type ModifyKinds } from "./changelog-mode.ts";
import type { ExecNode } from "./exec-node.ts";
import { monotonicityOf } from "./monotonicity.ts";
import type { OrderingNode, RankStrategy } from "./ordering-nodes.ts";

type Keys = readonly (readonly number[])[];

/**
 * Which kinds of change an ordering node produces (FlinkChangelogModeInferenceProgram). Deduplicate,
 * TemporalSort and OverAggregate consume inserts only and say so with Flink's error, naming the node
 * the updates come from (`origin`).
 */
export function orderingProducedKinds(
  node: OrderingNode,
  input: ModifyKinds,
  origin: () => string,
): ModifyKinds {
  switch (node.kind) {
    case "Deduplicate":
      requireInsertOnly("StreamPhysicalDeduplicate", input, origin);
      // Only a processing-time keep-first never takes a row back.
      return !node.keepLastRow && node.time === "proctime" ? INSERT_ONLY : ALL_KINDS;
    case "TemporalSort":
      requireInsertOnly("StreamPhysicalTemporalSort", input, origin);
      return INSERT_ONLY;
    case "OverAggregate":
      requireInsertOnly("StreamPhysicalOverAggregate", input, origin);
      return INSERT_ONLY;
    case "Limit":
      return isInsertOnly(input) ? INSERT_ONLY : ALL_KINDS;
    case "Rank":
    case "SortLimit":
      return ALL_KINDS;
    default:
      return node satisfies never;
  }
}

function requireInsertOnly(requester: string, input: ModifyKinds, origin: () => string): void {
  if (isInsertOnly(input)) return;
  const changes = input.update && input.delete ? "update and delete" : input.update ? "update" : "delete";
  throw new PlanError(
    `${requester} doesn't support consuming ${changes} changes which is produced by node ${origin()}`,
  );
}

/**
 * Upsert keys (FlinkRelMdUpsertKeys): the input's keys that hold the partition (or sort) key survive;
 * a deduplication and a top-1 ROW_NUMBER are keyed by their partition; a ROW_NUMBER that outputs its
 * rank number is keyed by partition + rank.
 */
export function orderingUpsertKeys(node: OrderingNode, inputKeys: Keys): Keys {
  const holding = (required: readonly number[]): Keys =>
    inputKeys.filter((key) => required.every((k) => key.includes(k)));
  switch (node.kind) {
    case "Deduplicate":
      return [node.keys];
    case "Rank": {
      const topOne = node.range.kind === "constant" && node.range.start === 1 && node.range.end === 1;
      if (node.rankType === "ROW_NUMBER" && topOne) return [node.partitionKeys];
      const kept = holding(node.partitionKeys);
      if (!node.outputRankNumber || node.rankType !== "ROW_NUMBER") return kept;
      return [[...node.partitionKeys, node.fields.length - 1], ...kept];
    }
    case "OverAggregate":
      return holding(node.partitionKeys);
    case "SortLimit":
    case "TemporalSort":
      return holding(node.orderKeys.map((k) => k.index));
    case "Limit":
      return inputKeys;
    default:
      return node satisfies never;
  }
}

/**
 * The node with its Rank strategy decided (RankProcessStrategy.analyzeRankProcessStrategies): an
 * insert-only input is AppendFast; an updating one is UpdateFast when an upsert key holds the
 * partition key and every sort key moves only towards the top (a COUNT or MAX sorted descending),
 * and Retract otherwise. Other nodes are returned as they are.
 */
export function withRankStrategy(
  node: ExecNode,
  input: ModifyKinds | undefined,
  inputKeys: Keys | undefined,
): ExecNode {
  if ((node.kind !== "Rank" && node.kind !== "SortLimit") || !input || !inputKeys) return node;
  const strategy = rankStrategy(node, input, inputKeys);
  return Object.freeze({ ...node, strategy });
}

function rankStrategy(
  node: Extract<ExecNode, { kind: "Rank" | "SortLimit" }>,
  input: ModifyKinds,
  inputKeys: Keys,
): RankStrategy {
  if (isInsertOnly(input)) return { kind: "AppendFast" };
  const partition = node.kind === "Rank" ? node.partitionKeys : [];
  const key = inputKeys.find((k) => partition.every((p) => k.includes(p)));
  const monotonicity = monotonicityOf(node.input);
  if (!key || !monotonicity || node.orderKeys.length === 0 || !updatesWithoutBefore(node.input))
    return { kind: "Retract" };
  const monotonic = node.orderKeys.every((o) => {
    const m = monotonicity[o.index];
    if (m === "CONSTANT") return true;
    return o.descending ? m === "INCREASING" : m === "DECREASING";
  });
  return monotonic ? { kind: "UpdateFast", primaryKey: key } : { kind: "Retract" };
}

/**
 * Whether the input can send its updates as `+U` alone, which UpdateFast needs: a filter cannot (the
 * new row may fail it while the old one passed — FLINK-9528), so a Calc with a condition on the way
 * down sends the Rank back to Retract.
 */
function updatesWithoutBefore(node: ExecNode): boolean {
  switch (node.kind) {
    case "Calc":
      return node.condition === undefined && updatesWithoutBefore(node.input);
    case "Expand":
      return updatesWithoutBefore(node.input);
    case "Union":
      return node.inputs.every(updatesWithoutBefore);
    default:
      return true;
  }
}

/** Whether the node needs `-U` rows from its input to take old rows back. */
export function orderingInputRequiresBefore(node: OrderingNode): boolean {
  switch (node.kind) {
    case "Rank":
    case "SortLimit":
      return node.strategy.kind === "Retract";
    case "Limit":
      return true;
    case "Deduplicate":
    case "TemporalSort":
    case "OverAggregate":
      return false;
    default:
      return node satisfies never;
  }
}
