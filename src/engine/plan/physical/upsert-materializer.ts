import type { PhysicalPlan } from "./infer-changelog-mode.ts";
import { sinkChangelog } from "./table-changelog.ts";

/**
 * Flink's rule for a SinkUpsertMaterializer (analyzeUpsertMaterializeStrategy, AUTO): an updating
 * input into a keyed table none of whose upsert keys lies within the primary key. Several live input
 * rows may then share a key, so the sink keeps them all and shows the last one added. Otherwise rows
 * apply by key directly.
 */
export function needsUpsertMaterializer(sink: PhysicalPlan): boolean {
  const node = sink.node;
  if (node.kind !== "Sink" || node.primaryKey === undefined || sinkChangelog(node.table) !== "upsert")
    return false;
  const input = sink.inputs[0]!;
  if (!input.mode?.updateAfter && !input.mode?.delete) return false;
  const pk = node.primaryKey;
  return !input.upsertKeys.some((key) => key.every((k) => pk.includes(k)));
}
