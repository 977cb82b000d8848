import { PlanError } from "../plan-error.ts";
import { windowRankingProducedKinds, windowRankingUpsertKeys } from "../window/window-rank-changelog.ts";
import { INSERT_ONLY, isInsertOnly, type ModifyKinds } from "./changelog-mode.ts";
import type { ExecNode } from "./exec-node.ts";
import type { WindowExecNode } from "./window-exec-nodes.ts";

/**
 * What the windowed nodes emit (FlinkChangelogModeInferenceProgram): a window TVF passes its input's
 * changes on; window aggregates emit each window's final row once, so they are insert-only whatever
 * they read; a window join reads and emits inserts only.
 */
export function windowProducedKinds(
  node: WindowExecNode,
  of: (input: ExecNode) => ModifyKinds,
  describeOrigin: (input: ExecNode) => string,
): ModifyKinds {
  switch (node.kind) {
    case "WindowTableFunction":
      return of(node.input);
    case "WindowAggregate":
    case "GroupWindowAggregate":
      return INSERT_ONLY;
    case "WindowJoin":
      for (const input of [node.left, node.right]) {
        const kinds = of(input);
        if (isInsertOnly(kinds)) continue;
        const changes =
          kinds.update && kinds.delete ? "update and delete" : kinds.update ? "update" : "delete";
        throw new PlanError(
          `StreamPhysicalWindowJoin doesn't support consuming ${changes} changes which is produced by node ${describeOrigin(input)}`,
        );
      }
      return INSERT_ONLY;
    case "WindowRank":
    case "WindowDeduplicate":
      return windowRankingProducedKinds(node, of(node.input), () => describeOrigin(node.input));
    default:
      return node satisfies never;
  }
}

/** Window aggregates retract an updated row's old version from its window: they need `-U`. */
export function windowInputRequiresBefore(node: WindowExecNode, requireBefore: boolean): boolean {
  switch (node.kind) {
    case "WindowAggregate":
    case "GroupWindowAggregate":
      return true;
    case "WindowTableFunction":
      return requireBefore;
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return false;
    default:
      return node satisfies never;
  }
}

/**
 * A window aggregate's row is unique per key and window, so the keys with any one window property
 * are an upsert key (Flink's FlinkRelMdUpsertKeys for window aggregates). A window TVF repeats a row
 * per window and a join pairs rows: neither keeps a key.
 */
export function windowUpsertKeys(node: WindowExecNode): (readonly number[])[] {
  switch (node.kind) {
    case "WindowAggregate":
    case "GroupWindowAggregate": {
      const keys = node.grouping.map((_, i) => i);
      const first = node.fields.length - node.properties.length;
      return node.properties.map((_, i) => [...keys, first + i]);
    }
    case "WindowTableFunction":
    case "WindowJoin":
      return [];
    case "WindowRank":
    case "WindowDeduplicate":
      return windowRankingUpsertKeys(node);
    default:
      return node satisfies never;
  }
}
