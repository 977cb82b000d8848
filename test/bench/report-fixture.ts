// Hand-built Nexmark reports for the report and comparison tests.

import type { NexmarkReport, QueryReport, SystemOutcome } from "../../bench/nexmark/report/model.ts";
import { throughputOf } from "../../bench/nexmark/report/model.ts";

/** An ok outcome of `events` events in `seconds`, using `cpuSeconds` of CPU. */
export const ran = (seconds: number, cpuSeconds = seconds, events = 1_000_000): SystemOutcome => ({
  status: "ok",
  throughput: throughputOf(events, seconds, cpuSeconds, 300 * 2 ** 20),
});

/** A query where Headwater has `perCore` times Flink's and `duckdbPerCore` times DuckDB's per-core rate. */
export function queryReport(query: string, flinkPerCore: number, duckdbPerCore = 0.5): QueryReport {
  const headwater = ran(1);
  return {
    query,
    deterministic: true,
    notes: [],
    outcomes: {
      headwater,
      flink: ran(flinkPerCore, flinkPerCore),
      duckdb: ran(duckdbPerCore, duckdbPerCore),
    },
    checks: { headwater: { status: "match", rows: 10 }, flink: { status: "match", rows: 10 } },
    ratios: {
      flink: { perCore: flinkPerCore, wall: flinkPerCore },
      duckdb: { perCore: duckdbPerCore, wall: duckdbPerCore },
    },
  };
}

export function report(
  startedAt: string,
  queries: QueryReport[],
  settings: Partial<NexmarkReport["settings"]> = {},
): NexmarkReport {
  return {
    benchmark: "nexmark",
    startedAt,
    finishedAt: startedAt,
    machine: {
      cores: 2,
      cpuModel: "Test CPU",
      memoryBytes: 8 * 2 ** 30,
      os: "Linux 6",
      node: "v24.0.0",
      loadAverage: [1, 1, 1],
    },
    versions: { node: "v24.0.0", duckdb: "v1.5.6", flink: "1.20.3" },
    settings: {
      queries: queries.map((q) => q.query),
      events: 1_000_000,
      flinkEvents: 1_000_000,
      parallelism: 1,
      latencyEvents: 20_000,
      latencyRate: 10_000,
      ...settings,
    },
    setup: { dataSeconds: 5, dataBytes: 200 * 2 ** 20 },
    queries,
    totals: { wallSeconds: 600, cpuSeconds: 500 },
    previous: { status: "none", reason: "first run" },
  };
}
