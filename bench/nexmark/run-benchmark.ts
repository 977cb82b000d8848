// The Nexmark benchmark run: the same events through Headwater, Flink and DuckDB, query by query,
// each measured where it is measured best (Headwater and DuckDB in a process per query, Flink on its
// own cluster), then final results cross-checked against DuckDB's and ratios taken.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { machineInfo } from "../lib/machine.ts";
import { ownCpuSecondsWithChildren, processCpuSeconds } from "../lib/process-stats.ts";
import { runWorker } from "../lib/worker.ts";
import { type NexmarkData, writeNexmarkData } from "./data.ts";
import { WITHOUT_ORACLE } from "./duckdb/run.ts";
import { type FlinkCluster, startBenchFlink, stopBenchFlinkNow } from "./flink/cluster.ts";
import {
  type FlinkRunOptions,
  runFlinkCsvScan,
  runFlinkResult,
  runFlinkThroughput,
} from "./flink/run-query.ts";
import { loadNexmarkQuery, type NexmarkQuery } from "./queries.ts";
import { checkResult, ratioOf } from "./report/assess.ts";
import type {
  NexmarkReport,
  NexmarkSettings,
  NexmarkSetup,
  QueryReport,
  SystemOutcome,
} from "./report/model.ts";

export interface NexmarkBenchOptions extends NexmarkSettings {
  /** Per query and system; a run over it is killed (Headwater, DuckDB) or canceled (Flink). */
  readonly timeoutSeconds: number;
  readonly flink: boolean;
  /** Leave the benchmark's Flink cluster running afterwards (the next run skips its start-up). */
  readonly keepFlink: boolean;
}

export interface Progress {
  start(total: number): void;
  /** One unit of work done: a system finished a query. */
  step(label: string): void;
}

const HEADWATER_WORKER = fileURLToPath(new URL("./headwater/worker.ts", import.meta.url));
const DUCKDB_WORKER = fileURLToPath(new URL("./duckdb/worker.ts", import.meta.url));
/** Headwater holds the events in memory: room for a million of them and the stateful queries' state. */
const HEADWATER_HEAP_MB = 8192;

type Measured = Omit<NexmarkReport, "previous">;

export async function runNexmarkBenchmark(
  options: NexmarkBenchOptions,
  progress: Progress,
): Promise<Measured> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const cpuAtStart = ownCpuSecondsWithChildren();
  const machine = machineInfo();
  const work = mkdtempSync(join(tmpdir(), "headwater-nexmark-"));
  let cluster: FlinkCluster | undefined;
  const cleanUp = (): void => {
    rmSync(work, { recursive: true, force: true });
    if (cluster?.startupSeconds !== undefined && !options.keepFlink) stopBenchFlinkNow();
  };
  // Ctrl-C skips `finally`: the gigabytes of data and the Flink cluster this run started go anyway.
  const interrupted = (): void => {
    cleanUp();
    process.exit(130);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    progress.start(options.queries.length * 3 + 2);
    const data = writeNexmarkData(join(work, "data"), options.events);
    const flinkData =
      options.flinkEvents === options.events
        ? data
        : writeNexmarkData(join(work, "flink-data"), options.flinkEvents);
    progress.step("events written");

    const setup: { -readonly [K in keyof NexmarkSetup]: NexmarkSetup[K] } = {
      dataSeconds: data.seconds,
      dataBytes: data.bytes,
    };
    let flinkUnavailable: SystemOutcome = { status: "skipped", reason: "Flink not run (--no-flink)" };
    if (options.flink) {
      try {
        cluster = await startBenchFlink();
        if (cluster.startupSeconds !== undefined) setup.flinkStartupSeconds = cluster.startupSeconds;
        // The first job on a fresh cluster runs on cold JVMs: a warm-up scan, unmeasured, so that
        // neither the measured scan nor q0 pays for Flink's JIT compilation.
        await runFlinkCsvScan(flinkOptions(cluster, flinkData, options));
        setup.flinkCsvScan = await runFlinkCsvScan(flinkOptions(cluster, flinkData, options));
      } catch (error) {
        flinkUnavailable = {
          status: "skipped",
          reason: `Flink did not start: ${String(error).split("\n")[0]}`,
        };
      }
    }
    progress.step("Flink ready");

    const run: QueryRun = {
      data,
      flinkData,
      flink: cluster ? flinkOptions(cluster, flinkData, options) : flinkUnavailable,
      work,
      options,
      progress,
    };
    mkdirSync(join(work, "results"));
    const queries: QueryReport[] = [];
    for (const name of options.queries)
      queries.push(await measureQuery(run, loadNexmarkQuery(name, data.dir)));
    return {
      benchmark: "nexmark",
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      versions: {
        node: process.version,
        duckdb: await duckDbVersion(),
        ...(cluster ? { flink: cluster.version } : {}),
      },
      settings: {
        queries: options.queries,
        events: options.events,
        flinkEvents: options.flinkEvents,
        parallelism: options.parallelism,
        latencyEvents: options.latencyEvents,
        latencyRate: options.latencyRate,
      },
      setup,
      queries,
      totals: {
        wallSeconds: (performance.now() - started) / 1000,
        cpuSeconds: ownCpuSecondsWithChildren() - cpuAtStart,
        ...(cluster?.startupSeconds !== undefined
          ? {
              flinkCpuSeconds:
                processCpuSeconds(cluster.jobManagerPid) + processCpuSeconds(cluster.taskManagerPid),
            }
          : {}),
      },
    };
  } finally {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    cleanUp();
  }
}

/** What every query of a run shares. */
interface QueryRun {
  readonly data: NexmarkData;
  /** The same object as `data` unless Flink reads fewer events. */
  readonly flinkData: NexmarkData;
  /** How to reach Flink, or why it is not there. */
  readonly flink: FlinkRunOptions | SystemOutcome;
  readonly work: string;
  readonly options: NexmarkBenchOptions;
  readonly progress: Progress;
}

/** One query on the three systems, its final results checked against DuckDB's, its ratios. */
async function measureQuery(run: QueryRun, query: NexmarkQuery): Promise<QueryReport> {
  const { data, flinkData, options, progress } = run;
  const name = query.name;
  const results = join(run.work, "results");
  const files = {
    headwater: join(results, `headwater-${name}.rows`),
    duckdb: join(results, `duckdb-${name}.rows`),
    flink: join(results, `flink-${name}.rows`),
    flinkOracle: join(results, `duckdb-flink-${name}.rows`),
  };
  const flinkOutput = join(run.work, `flink-out-${name}`);
  try {
    const headwater = await runHeadwater(query, data, files.headwater, options);
    progress.step(`${name} Headwater`);
    const duckdb = await runDuckDb(query, data, files.duckdb, options);
    progress.step(`${name} DuckDB`);
    const flink =
      "cluster" in run.flink ? await runFlink(query, run.flink, flinkOutput, files.flink) : run.flink;
    let flinkOracle: string | undefined = files.duckdb;
    if (flinkData !== data && query.deterministic && flink.status === "ok") {
      // DuckDB's answer over Flink's (shorter) stream; a result-only run reports "skipped" when it worked.
      const oracle = await runDuckDb(query, flinkData, files.flinkOracle, options, true);
      flinkOracle = oracle.status === "skipped" ? files.flinkOracle : undefined;
    }
    progress.step(`${name} Flink`);
    const notCompared = { status: "not compared", reason: "no deterministic result" } as const;
    return {
      query: name,
      deterministic: query.deterministic,
      notes: query.notes,
      outcomes: { headwater, flink, duckdb },
      checks: query.deterministic
        ? {
            headwater: checkResult(headwater, files.headwater, files.duckdb),
            flink: checkResult(flink, files.flink, flinkOracle),
          }
        : { headwater: notCompared, flink: notCompared },
      ratios: {
        ...optionalRatio("flink", ratioOf(headwater, flink)),
        ...optionalRatio("duckdb", ratioOf(headwater, duckdb)),
      },
    };
  } finally {
    // A million-row result is a hundred megabytes of text: gone once compared.
    for (const file of Object.values(files)) rmSync(file, { force: true });
    rmSync(flinkOutput, { recursive: true, force: true });
  }
}

function optionalRatio<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function flinkOptions(
  cluster: FlinkCluster,
  data: NexmarkData,
  options: NexmarkBenchOptions,
): FlinkRunOptions {
  return {
    cluster,
    dataDir: data.dir,
    events: data.events,
    parallelism: options.parallelism,
    timeoutMs: options.timeoutSeconds * 1000,
  };
}

async function runHeadwater(
  query: NexmarkQuery,
  data: NexmarkData,
  resultFile: string,
  options: NexmarkBenchOptions,
): Promise<SystemOutcome> {
  const args = ["--query", query.name, "--events", String(data.events), "--data-dir", data.dir];
  args.push("--parallelism", String(options.parallelism));
  if (query.deterministic) args.push("--result-file", resultFile);
  args.push("--latency-events", String(options.latencyEvents), "--latency-rate", String(options.latencyRate));
  const outcome = await runWorker<SystemOutcome>(HEADWATER_WORKER, args, {
    timeoutMs: options.timeoutSeconds * 1000,
    maxOldSpaceMb: HEADWATER_HEAP_MB,
    exposeGc: true,
  });
  return outcome.ok ? outcome.value : { status: "failed", error: outcome.error };
}

/** The oracle query timed (or, `resultOnly`, just its rows written for a cross-check). */
async function runDuckDb(
  query: NexmarkQuery,
  data: NexmarkData,
  resultFile: string,
  options: NexmarkBenchOptions,
  resultOnly = false,
): Promise<SystemOutcome> {
  if (!query.deterministic)
    return { status: "unsupported", reason: WITHOUT_ORACLE[query.name] ?? "no oracle" };
  const args = ["--query", query.name, "--data-dir", data.dir, "--events", String(data.events)];
  args.push("--threads", String(options.parallelism), "--result-file", resultFile);
  if (resultOnly) args.push("--result-only");
  const outcome = await runWorker<SystemOutcome>(DUCKDB_WORKER, args, {
    timeoutMs: options.timeoutSeconds * 1000,
  });
  return outcome.ok ? outcome.value : { status: "failed", error: outcome.error };
}

async function runFlink(
  query: NexmarkQuery,
  options: FlinkRunOptions,
  outputDir: string,
  resultFile: string,
): Promise<SystemOutcome> {
  const outcome = await runFlinkThroughput(options, query);
  if (outcome.status !== "ok" || !query.deterministic) return outcome;
  const result = await runFlinkResult(options, query, outputDir, resultFile);
  return "rows" in result
    ? { ...outcome, resultRows: result.rows }
    : { ...outcome, resultError: result.error };
}

async function duckDbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll("SELECT version()")).getRows();
    return String(rows[0]?.[0]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
