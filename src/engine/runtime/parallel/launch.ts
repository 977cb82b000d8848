import { connectorOf } from "../../../connectors/index.ts";
import { exchangeLine, type ParallelPlan, planParallel } from "../../plan/parallel/parallel-plan.ts";
import type { TableSourceScanNode } from "../../plan/physical/exec-node.ts";
import { explainPlan } from "../../plan/physical/explain.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import { buildPipeline, type Pipeline, type RuntimeEnv } from "../build-pipeline.ts";
import { isMemoryTable, type TableIo } from "../io/table-io.ts";
import { miniBatchOf } from "../mini-batch.ts";
import { miniBatchAssignerLine } from "../mini-batch-explain.ts";
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
  const { plan, env } = options;
  // Settings that cannot run fail the statement here, before any worker builds its part.
  miniBatchOf(env.connectors.setting);
  const parallel = parallelPlan(plan, options.parallelism, env);
  if (!parallel) return { kind: "pipeline", pipeline: buildPipeline(plan, options.out, env) };
  const pool = options.pools.get(parallel.parallelism);
  return { kind: "parallel", job: ParallelJob.launch({ ...options, parallel }, pool) };
}

/** EXPLAIN of a statement's plan, with its exchanges when it runs in parallel. */
export function explainStatement(plan: PhysicalPlan, parallelism: number, env: TableIo): string {
  const parallel = parallelPlan(plan, parallelism, env);
  const assigner = miniBatchAssignerLine(plan, env);
  return explainPlan(plan, (p) => {
    const exchange = parallel && exchangeLine(parallel, p);
    return [...(exchange ? [exchange] : []), ...assigner(p)];
  });
}

/**
 * The statement cut for the workers, or undefined when it runs in the engine's thread: parallelism
 * 1, nothing placed on the workers, or calls of TypeScript UDFs (loaded in the engine's thread only).
 */
function parallelPlan(plan: PhysicalPlan, parallelism: number, env: TableIo): ParallelPlan | undefined {
  if (parallelism <= 1 || callsUserFunctions(plan)) return undefined;
  const parallel = planParallel(plan, parallelism, (scan) => readsInParallel(scan, env));
  return parallel.placements.includes("workers") ? parallel : undefined;
}

/** Whether any expression of the plan calls a user-defined function. */
function callsUserFunctions(plan: PhysicalPlan): boolean {
  const seen = new Set<object>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== "object" || value === null || seen.has(value)) return false;
    seen.add(value);
    if ("userFunction" in value && value.userFunction !== undefined) return true;
    return Object.values(value).some(visit);
  };
  return visit(plan);
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
