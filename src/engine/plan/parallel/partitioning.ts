import { slotIndex } from "../layout.ts";
import type { ExecNode } from "../physical/exec-node.ts";

/**
 * Output positions whose values a node's rows are hash-partitioned by (in this order), or undefined.
 * An operator whose input is already partitioned by exactly its key needs no exchange: Flink's
 * planner keeps such an input in place (a forward edge), as when an aggregate reads the output of
 * another one grouped by the same columns.
 */
export type Partitioning = readonly number[] | undefined;

/**
 * How a node's output is partitioned, given how each of its inputs is. Only what the node keeps
 * as it is counts: a Calc's plain field references, the group keys an aggregate leads with, the
 * input fields ordering operators pass on, a join's key side that is never padded with NULLs.
 */
export function outputPartitioning(node: ExecNode, inputs: readonly Partitioning[]): Partitioning {
  const first = inputs[0];
  switch (node.kind) {
    case "GroupAggregate":
    case "WindowAggregate":
    case "GroupWindowAggregate":
      // Hashed by the grouping, which leads the output.
      return first && sameKeys(first, node.grouping) ? node.grouping.map((_, i) => i) : undefined;
    case "Calc": {
      if (!first) return undefined;
      const outputs = first.map((k) =>
        node.projections.findIndex((p) => slotIndex(node.input.fields, p) === k),
      );
      return outputs.every((i) => i >= 0) ? outputs : undefined;
    }
    case "Deduplicate":
    case "Rank":
    case "WindowRank":
    case "WindowDeduplicate":
    case "OverAggregate":
    case "TemporalSort":
    case "WindowTableFunction":
    case "Correlate":
      // The input's fields lead the output, unchanged.
      return first;
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
      // The left side's key, when no output row has it padded with NULL.
      return node.joinType === "INNER" ||
        node.joinType === "LEFT" ||
        node.joinType === "SEMI" ||
        node.joinType === "ANTI"
        ? first
        : undefined;
    default:
      return undefined;
  }
}

export function sameKeys(a: Partitioning, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((k, i) => k === b[i]);
}
