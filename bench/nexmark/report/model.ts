// What a Nexmark benchmark run records: per query and per system, an outcome that is a measurement or
// says why there is none, the cross-check of final results, and the ratios the report is about.
import type { MachineInfo } from "../../lib/machine.ts";
import type { ResultDifference } from "../../lib/result-rows.ts";

export type SystemName = "headwater" | "flink" | "duckdb";
export type Peer = "flink" | "duckdb";

export interface Throughput {
  /** Events in the stream the query read (all event kinds, as Nexmark counts them). */
  readonly events: number;
  /** Wall-clock seconds of the query's run, input loading excluded. */
  readonly seconds: number;
  /** CPU seconds (user + system, all threads) the system used for it. */
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
  /** events / cpuSeconds: what one fully used core would do. */
  readonly eventsPerCoreSecond: number;
  readonly peakRssBytes?: number;
}

export interface Latency {
  /** Event enqueued → its output emitted, open loop at `rate` events/s. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly samples: number;
  readonly rate: number;
}

export type SystemOutcome =
  | {
      readonly status: "ok";
      readonly throughput: Throughput;
      /** Seconds spent getting the events into the system before the timed run. */
      readonly loadSeconds?: number;
      readonly latency?: Latency;
      /** Rows of the final result, when it was read for the cross-check. */
      readonly resultRows?: number;
      /** The timed run worked but reading the final result did not. */
      readonly resultError?: string;
    }
  /** A feature the system lacks: Headwater's still to land, DuckDB's missing batch version. */
  | { readonly status: "unsupported"; readonly reason: string }
  /** The system's planner refuses the query (Flink on q6, as FLINK-19059 says). */
  | { readonly status: "rejected"; readonly reason: string }
  | { readonly status: "failed"; readonly error: string }
  | { readonly status: "skipped"; readonly reason: string };

/** A system's final result against DuckDB's (the batch oracle) on the same events. */
export type ResultCheck =
  | { readonly status: "match"; readonly rows: number }
  | { readonly status: "differ"; readonly difference: ResultDifference }
  | { readonly status: "not compared"; readonly reason: string };

export interface Ratio {
  /** Headwater's events/s per core over the peer's: above 1, Headwater does more per core. */
  readonly perCore: number;
  /** The same with wall-clock events/s. */
  readonly wall: number;
}

export interface QueryReport {
  readonly query: string;
  /** Its final result is a function of the events alone, so results are compared. */
  readonly deterministic: boolean;
  readonly notes: readonly string[];
  readonly outcomes: Readonly<Record<SystemName, SystemOutcome>>;
  readonly checks: { readonly headwater: ResultCheck; readonly flink: ResultCheck };
  readonly ratios: { readonly flink?: Ratio; readonly duckdb?: Ratio };
}

export interface NexmarkSettings {
  readonly queries: readonly string[];
  /** Events Headwater and DuckDB read. */
  readonly events: number;
  /** Events Flink reads (a prefix of the same stream when smaller). */
  readonly flinkEvents: number;
  readonly parallelism: number;
  readonly latencyEvents: number;
  readonly latencyRate: number;
}

export interface NexmarkSetup {
  readonly dataSeconds: number;
  readonly dataBytes: number;
  /** `flink.sh start`; absent when the cluster was already up or Flink was not run. */
  readonly flinkStartupSeconds?: number;
  /** Flink reading the three CSV files into blackholes: the parsing every Flink query pays. */
  readonly flinkCsvScan?: SystemOutcome;
}

export interface RatioChange {
  readonly query: string;
  readonly peer: Peer;
  /** Per-core ratios (Headwater over the peer). */
  readonly previous: number;
  readonly current: number;
  /** current / previous − 1. */
  readonly change: number;
}

export type PreviousComparison =
  | { readonly status: "none"; readonly reason: string }
  | {
      readonly status: "compared";
      readonly previousFile: string;
      readonly previousStartedAt: string;
      readonly threshold: number;
      readonly changes: readonly RatioChange[];
      readonly regressions: readonly RatioChange[];
    };

/** What the whole run cost: the figures behind the default's 30-minute budget on 2 cores. */
export interface RunTotals {
  readonly wallSeconds: number;
  /** This process and its workers (Headwater, DuckDB). */
  readonly cpuSeconds: number;
  /** Flink's JobManager and TaskManager over the run, when the run started them. */
  readonly flinkCpuSeconds?: number;
}

export interface NexmarkReport {
  readonly benchmark: "nexmark";
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly versions: { readonly node: string; readonly duckdb?: string; readonly flink?: string };
  readonly settings: NexmarkSettings;
  readonly setup: NexmarkSetup;
  readonly queries: readonly QueryReport[];
  readonly totals: RunTotals;
  readonly previous: PreviousComparison;
}

export function throughputOf(
  events: number,
  seconds: number,
  cpuSeconds: number,
  peakRssBytes?: number,
): Throughput {
  return {
    events,
    seconds,
    cpuSeconds,
    eventsPerSecond: events / seconds,
    eventsPerCoreSecond: events / cpuSeconds,
    ...(peakRssBytes !== undefined ? { peakRssBytes } : {}),
  };
}
