import type { PhysicalPlan } from "../plan/physical/infer-changelog-mode.ts";
import type { TableIo } from "./io/table-io.ts";
import { miniBatchOf } from "./mini-batch.ts";

/**
 * EXPLAIN's `MiniBatchAssigner` lines: with mini-batch on and an operator that buffers bundles in the
 * plan, Flink (MiniBatchIntervalInferRule) puts a processing-time assigner above every source scan.
 * The engine ends bundles without one (see mini-batch.ts), so the line exists in EXPLAIN only.
 */
export function miniBatchAssignerLine(
  plan: PhysicalPlan,
  env: Pick<TableIo, "connectors">,
): (p: PhysicalPlan) => readonly string[] {
  const miniBatch = miniBatchOf(env.connectors.setting);
  if (!miniBatch || !bundles(plan)) return () => [];
  const line = [`MiniBatchAssigner(interval=[${miniBatch.allowLatencyMs}ms], mode=[ProcTime])`];
  return (p) => (p.node.kind === "TableSourceScan" ? line : []);
}

/** Whether an operator of the plan runs in bundles with mini-batch on. */
function bundles(p: PhysicalPlan): boolean {
  const node = p.node;
  const bundled = node.kind === "GroupAggregate" || (node.kind === "Deduplicate" && node.time === "proctime");
  return bundled || p.inputs.some(bundles);
}
