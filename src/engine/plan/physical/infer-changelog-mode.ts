import { slotIndex } from "../layout.ts";
import { PlanError } from "../plan-error.ts";
import {
  type ChangelogMode,
  INSERT_ONLY,
  isInsertOnly,
  type ModifyKinds,
  unionKinds,
} from "./changelog-mode.ts";
import { describeNode } from "./describe-node.ts";
import { type ExecNode, execInputs } from "./exec-node.ts";
import { joinInputRequiresBefore, joinProducedKinds, joinUpsertKeys } from "./join-changelog.ts";
import { keyPreservingOperand } from "./lossless-cast.ts";
import {
  orderingInputRequiresBefore,
  orderingProducedKinds,
  orderingUpsertKeys,
  withRankStrategy,
} from "./ordering-changelog.ts";
import { sinkChangelog, sinkRequiresBefore } from "./table-changelog.ts";
import { windowInputRequiresBefore, windowProducedKinds, windowUpsertKeys } from "./window-changelog-mode.ts";

/** An exec node with what the changelog-mode inference decided for it. */
export interface PhysicalPlan {
  readonly node: ExecNode;
  readonly inputs: readonly PhysicalPlan[];
  /** What the node emits; undefined for a sink. */
  readonly mode: ChangelogMode | undefined;
  /** Column sets that identify at most one live row each (`[[0]]` for GROUP BY on the first column). */
  readonly upsertKeys: readonly (readonly number[])[];
}

/**
 * Flink's changelog-mode inference (FlinkChangelogModeInferenceProgram), in two passes:
 * 1. bottom-up, which kinds of change each node can produce — and a sink that accepts inserts only
 *    rejects an updating input with Flink's error;
 * 2. top-down, whether each update must carry its old row (`-U`): a query's result, a GroupAggregate's
 *    input and an upsert sink whose key the input does not guarantee all need it; so each node emits
 *    `-U` only when its consumer asked.
 *
 * `root` is a Sink for INSERT; for a query, the collecting client is the consumer, and like Flink's
 * `collect()` it asks for `-U` rows.
 */
export function inferChangelogModes(root: ExecNode): PhysicalPlan {
  const kinds = new Map<ExecNode, ModifyKinds>();
  const keys = new Map<ExecNode, (readonly number[])[]>();
  const visit = (node: ExecNode): void => {
    for (const input of execInputs(node)) visit(input);
    kinds.set(node, produced(node, kinds));
    keys.set(node, upsertKeysOf(node, keys));
  };
  visit(root);

  const annotate = (original: ExecNode, requireBefore: boolean): PhysicalPlan => {
    const k = kinds.get(original)!;
    const first = execInputs(original)[0];
    const node = withRankStrategy(original, first && kinds.get(first), first && keys.get(first));
    const inputs = execInputs(original).map((input, i) =>
      annotate(input, inputRequiresBefore(node, i, requireBefore, keys)),
    );
    return Object.freeze({
      node,
      inputs,
      mode:
        node.kind === "Sink"
          ? undefined
          : {
              insert: k.insert,
              updateBefore: k.update && requireBefore,
              updateAfter: k.update,
              delete: k.delete,
            },
      upsertKeys: keys.get(original)!,
    });
  };
  return annotate(root, true);
}

function produced(node: ExecNode, kinds: ReadonlyMap<ExecNode, ModifyKinds>): ModifyKinds {
  const of = (n: ExecNode): ModifyKinds => kinds.get(n)!;
  switch (node.kind) {
    case "TableSourceScan":
      return node.produces;
    case "Values":
      return INSERT_ONLY;
    case "Calc":
    case "Expand":
      return of(node.input);
    case "Union":
      return unionKinds(node.inputs.map(of));
    case "GroupAggregate": {
      // A key's row is inserted, then updated; it is deleted only when its input rows can be taken back.
      const input = of(node.input);
      return { insert: true, update: true, delete: input.update || input.delete };
    }
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
    case "LookupJoin":
    case "Correlate":
      return joinProducedKinds(node, of, (input) => describeNode(originOfChanges(input, kinds)));
    case "Sink": {
      const input = of(node.input);
      const acceptsUpdates = sinkChangelog(node.table) !== "append";
      if (!acceptsUpdates && !isInsertOnly(input)) {
        const changes =
          input.update && input.delete ? "update and delete" : input.update ? "update" : "delete";
        throw new PlanError(
          `Table sink '${node.table.path.join(".")}' doesn't support consuming ${changes} changes which is produced by node ${describeNode(originOfChanges(node.input, kinds))}`,
        );
      }
      return input;
    }
    case "WindowTableFunction":
    case "WindowAggregate":
    case "GroupWindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return windowProducedKinds(node, of, (input) => describeNode(originOfChanges(input, kinds)));
    case "Deduplicate":
    case "Rank":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "OverAggregate":
      return orderingProducedKinds(node, of(node.input), () =>
        describeNode(originOfChanges(node.input, kinds)),
      );
    default:
      return node satisfies never;
  }
}

/** The node an update comes from: down through the nodes that only pass changes on. */
function originOfChanges(node: ExecNode, kinds: ReadonlyMap<ExecNode, ModifyKinds>): ExecNode {
  const updating = execInputs(node).find((i) => !isInsertOnly(kinds.get(i)!));
  if (updating && (node.kind === "Calc" || node.kind === "Expand" || node.kind === "Union"))
    return originOfChanges(updating, kinds);
  return node;
}

function inputRequiresBefore(
  node: ExecNode,
  input: number,
  requireBefore: boolean,
  keys: ReadonlyMap<ExecNode, (readonly number[])[]>,
): boolean {
  switch (node.kind) {
    case "GroupAggregate":
      // Retracting an old row from an accumulator needs the old row.
      return true;
    case "Sink":
      return sinkRequiresBefore(node.table, node.primaryKey, keys.get(node.input)!);
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
    case "LookupJoin":
    case "Correlate":
      return joinInputRequiresBefore(node, input, requireBefore, (n) => keys.get(n)!);
    case "Deduplicate":
    case "Rank":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "OverAggregate":
      return orderingInputRequiresBefore(node);
    case "Calc":
      // A filter cannot turn an update into `+U` alone: the new row may fail the condition while
      // the old one passed, and only `-U` removes it downstream (Flink's FLINK-9528 rule).
      return requireBefore || node.condition !== undefined;
    case "WindowTableFunction":
    case "WindowAggregate":
    case "GroupWindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return windowInputRequiresBefore(node, requireBefore);
    default:
      return requireBefore;
  }
}

export function upsertKeysOf(
  node: ExecNode,
  keys: ReadonlyMap<ExecNode, (readonly number[])[]>,
): (readonly number[])[] {
  switch (node.kind) {
    case "TableSourceScan":
      return node.primaryKey ? [node.primaryKey] : [];
    case "GroupAggregate":
      return [node.grouping.map((_, i) => i)];
    case "Calc": {
      // A key survives a projection that keeps each of its columns (as a reference or lossless CAST).
      const positions = node.projections.map((p) => slotIndex(node.input.fields, keyPreservingOperand(p)));
      return keys
        .get(node.input)!
        .filter((key) => key.every((k) => positions.includes(k)))
        .map((key) => key.map((k) => positions.indexOf(k)));
    }
    case "Sink":
      return keys.get(node.input)!;
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
    case "LookupJoin":
    case "Correlate":
      return joinUpsertKeys(node, (n) => keys.get(n)!);
    case "Values":
    case "Expand":
    case "Union":
      return [];
    case "WindowTableFunction":
    case "WindowAggregate":
    case "GroupWindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return windowUpsertKeys(node);
    case "Deduplicate":
    case "Rank":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "OverAggregate":
      return [...orderingUpsertKeys(node, keys.get(node.input)!)];
    default:
      return node satisfies never;
  }
}
