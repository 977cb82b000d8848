import { connectorOf } from "../../../connectors/index.ts";
import { exchangeLine, planParallel } from "../../plan/parallel/parallel-plan.ts";
import type { TableSourceScanNode } from "../../plan/physical/exec-node.ts";
import { explainPlan } from "../../plan/physical/explain.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import { buildPipeline, type Pipeline, type RuntimeEnv } from "../build-pipeline.ts";
import { isMemoryTable, type TableIo } from "../io/table-io.ts";
import type { Collector } from "../operator.ts";
import { ParallelJob } from "./parallel-job.ts";
import type { WorkerPools } from "./worker-pool.ts";

/** How a statement runs: one pipeline in the engine's thread, or a parallel job on worker threads. */
export type Launch =
  | { readonly kind: "pipeline"; readonly pipeline: Pipeline }
  | { readonly kind: "parallel"; readonly job: ParallelJob };

export interface LaunchOptions {
  readonly statement: string;
  readonly plan: PhysicalPlan;
  readonly out: Collector;
  readonly env: RuntimeEnv;
  readonly parallelism: number;
  readonly settings: readonly (readonly [string, string])[];
  /** The engine's worker threads. */
  readonly pools: WorkerPools;
}

/**
 * Builds the statement's operators. With parallelism above 1, the plan is cut at exchanges; when
 * nothing in it can run on the workers (every operator needs the main thread), it runs as one
 * pipeline, as Flink runs such a job at parallelism 1.
 */
export function launchStatement(options: LaunchOptions): Launch {
  const { plan, env, parallelism } = options;
  if (parallelism > 1) {
    const parallel = planParallel(plan, parallelism, (scan) => readsInParallel(scan, env));
    if (parallel.placements.includes("workers"))
      return {
        kind: "parallel",
        job: ParallelJob.launch({ ...options, parallel }, options.pools.get(parallelism)),
      };
  }
  return { kind: "pipeline", pipeline: buildPipeline(plan, options.out, env) };
}

/** EXPLAIN of a statement's plan, with its exchanges when it runs in parallel. */
export function explainStatement(plan: PhysicalPlan, parallelism: number, env: TableIo): string {
  if (parallelism <= 1) return explainPlan(plan);
  const parallel = planParallel(plan, parallelism, (scan) => readsInParallel(scan, env));
  return explainPlan(plan, (p) => exchangeLine(parallel, p));
}

/**
 * A scan whose connector divides its splits among parallel readers; the session's tables do not.
 * Bad records logged to a dead-letter table are written by the main thread, so such a table is
 * read there.
 */
function readsInParallel(scan: TableSourceScanNode, env: TableIo): boolean {
  const logsBadRecords = scan.table.options["error-handling.mode"]?.trim().toLowerCase() === "log";
  return !isMemoryTable(scan.table, env) && !logsBadRecords && connectorOf(scan.table).readsSplits === true;
}
