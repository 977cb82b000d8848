import { INSERT_ONLY, isInsertOnly, type ModifyKinds } from "../physical/changelog-mode.ts";
import { PlanError } from "../plan-error.ts";
import type { WindowRankingNode } from "./window-rank-nodes.ts";

const REQUESTER = {
  WindowRank: "StreamPhysicalWindowRank",
  WindowDeduplicate: "StreamPhysicalWindowDeduplicate",
} as const;

/**
 * Window Top-N and deduplication read inserts only and emit each window's rows once, so their
 * output is insert-only (FlinkChangelogModeInferenceProgram); an updating input is rejected with
 * Flink's error naming the node the updates come from (`origin`).
 */
export function windowRankingProducedKinds(
  node: WindowRankingNode,
  input: ModifyKinds,
  origin: () => string,
): ModifyKinds {
  if (!isInsertOnly(input)) {
    const changes = input.update && input.delete ? "update and delete" : input.update ? "update" : "delete";
    throw new PlanError(
      `${REQUESTER[node.kind]} doesn't support consuming ${changes} changes which is produced by node ${origin()}`,
    );
  }
  return INSERT_ONLY;
}

/**
 * Upsert keys as Flink's rank metadata derives them from the partition keys without the window
 * columns: a numbered ROW_NUMBER is keyed by partition + rank number; otherwise no key is claimed.
 */
export function windowRankingUpsertKeys(node: WindowRankingNode): (readonly number[])[] {
  if (node.kind === "WindowRank" && node.outputRankNumber)
    return [[...node.partitionKeys, node.fields.length - 1]];
  return [];
}
