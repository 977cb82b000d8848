// One Nexmark query on the benchmark's Flink cluster through the SQL Gateway: a timed INSERT into a
// blackhole, and, for the cross-check, the same INSERT into debezium-json files whose changelog
// folds into the final result.
import { mkdirSync } from "node:fs";
import { GatewayError, SqlGatewaySession } from "../../../test/infra/flink-gateway.ts";
import { processCpuSeconds, processPeakRssBytes, resetPeakRss } from "../../lib/process-stats.ts";
import { writeResultFile } from "../../lib/result-rows.ts";
import { blackholeScript, type NexmarkQuery, sinkTableSql } from "../queries.ts";
import { type SystemOutcome, throughputOf } from "../report/model.ts";
import { readFlinkChangelogDir } from "./changelog-files.ts";
import type { FlinkCluster } from "./cluster.ts";
import { waitForJob } from "./jobs.ts";
import { flinkScanScript, flinkSourceTablesSql } from "./tables.ts";

export interface FlinkRunOptions {
  readonly cluster: FlinkCluster;
  readonly dataDir: string;
  /** Events in the files, for events/s. */
  readonly events: number;
  readonly parallelism: number;
  readonly timeoutMs: number;
}

/** The blackhole INSERT, timed by Flink's own job duration, with the JobManager's and TaskManager's CPU. */
export function runFlinkThroughput(options: FlinkRunOptions, query: NexmarkQuery): Promise<SystemOutcome> {
  return timedJob(options, [...flinkSourceTablesSql(options.dataDir), ...blackholeScript(query)]);
}

/** All three CSV files read into blackholes: what parsing the input costs Flink in every query. */
export function runFlinkCsvScan(options: FlinkRunOptions): Promise<SystemOutcome> {
  return timedJob(options, [...flinkSourceTablesSql(options.dataDir), ...flinkScanScript()]);
}

export type FlinkResult = { readonly rows: number } | { readonly error: string };

/** The INSERT into debezium-json files under `outputDir`; the final table goes to `resultFile`. */
export async function runFlinkResult(
  options: FlinkRunOptions,
  query: NexmarkQuery,
  outputDir: string,
  resultFile: string,
): Promise<FlinkResult> {
  mkdirSync(outputDir, { recursive: true });
  const sink = sinkTableSql(query, {
    connector: "filesystem",
    path: `file://${outputDir}`,
    format: "debezium-json",
  });
  const session = await openSession(options);
  try {
    const statements = [...flinkSourceTablesSql(options.dataDir), ...query.setup, sink];
    for (const statement of statements) await session.execute(statement);
    const jobId = (await session.execute(query.insert)).jobId;
    if (jobId === undefined) return { error: "the INSERT started no job" };
    const ended = await waitForJob(options.cluster.restUrl, jobId, options.timeoutMs);
    if (ended.state !== "FINISHED") return { error: `job ${ended.state.toLowerCase()}: ${ended.failure}` };
    return { rows: writeResultFile(resultFile, readFlinkChangelogDir(outputDir, query.sinkColumns)) };
  } catch (error) {
    return { error: errorText(error) };
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Runs the statements in a fresh session; the last starts the job that is measured. */
async function timedJob(options: FlinkRunOptions, statements: readonly string[]): Promise<SystemOutcome> {
  const { cluster } = options;
  const session = await openSession(options);
  try {
    for (const statement of statements.slice(0, -1)) await session.execute(statement);
    const pids = [cluster.jobManagerPid, cluster.taskManagerPid];
    for (const pid of pids) resetPeakRss(pid);
    const cpuBefore = sum(pids.map(processCpuSeconds));
    let jobId: string | undefined;
    try {
      jobId = (await session.execute(statements.at(-1)!)).jobId;
    } catch (error) {
      // The statement itself is refused: Flink's planner cannot run this query.
      if (error instanceof GatewayError) return { status: "rejected", reason: errorText(error) };
      throw error;
    }
    if (jobId === undefined) return { status: "failed", error: "the INSERT started no job" };
    const ended = await waitForJob(cluster.restUrl, jobId, options.timeoutMs);
    if (ended.state !== "FINISHED")
      return { status: "failed", error: `job ${ended.state.toLowerCase()}: ${ended.failure}` };
    const cpuSeconds = sum(pids.map(processCpuSeconds)) - cpuBefore;
    const peakRss = sum(pids.map(processPeakRssBytes));
    return {
      status: "ok",
      throughput: throughputOf(options.events, ended.durationMs / 1000, cpuSeconds, peakRss),
    };
  } catch (error) {
    return { status: "failed", error: errorText(error) };
  } finally {
    await session.close().catch(() => undefined);
  }
}

function openSession(options: FlinkRunOptions): Promise<SqlGatewaySession> {
  return SqlGatewaySession.open(options.cluster.gatewayUrl, {
    "execution.runtime-mode": "streaming",
    "parallelism.default": String(options.parallelism),
  });
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The first line of an error; for the gateway's, its root cause without the request in front. */
function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^[A-Z]+ \S+ -> HTTP \d+: /, "")
    .replace(/^Caused by: /, "")
    .replace(/^(?:[a-z]\w*\.)+(?=[A-Z]\w*(?:Exception|Error): )/, "")
    .split("\n")[0]!;
}
