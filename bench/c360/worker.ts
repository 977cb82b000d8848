// `headwater parity` on examples/c360 at a benchmark's size, in a process of its own so its peak RSS
// is the run's: the streaming view on the engine against the DuckDB batch query over the same records.
//   worker.ts --customers N --seed S [--transactions-per-customer R] [--streaming-only]
//             [--state-budget-mb M] [--encoded-budget-mb E] [--duckdb-memory 4GB] [--duckdb-threads T] [--state-report]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  ParityError,
  type ParityOptions,
  type ParityStage,
  runParity,
  runStreamingView,
  type StatementState,
} from "../../src/pipelines/index.ts";
import { reportToParent } from "../lib/worker.ts";
import type { C360OperatorState, C360Outcome } from "./model.ts";

const PROJECT = fileURLToPath(new URL("../../examples/c360", import.meta.url));
const VIEW = "customer_analytics_c360";
/** `--mini-batch`: the options a Flink user sets for mini-batch aggregation at this scale. */
const MINI_BATCH_SETTINGS = {
  "table.exec.mini-batch.enabled": "true",
  "table.exec.mini-batch.allow-latency": "5 s",
  "table.exec.mini-batch.size": "5000",
};

const { values } = parseArgs({
  options: {
    customers: { type: "string" },
    seed: { type: "string", default: "1" },
    "mini-batch": { type: "boolean", default: false },
    "transactions-per-customer": { type: "string" },
    "streaming-only": { type: "boolean", default: false },
    "state-budget-mb": { type: "string" },
    "encoded-budget-mb": { type: "string" },
    "duckdb-memory": { type: "string" },
    "duckdb-threads": { type: "string" },
    "state-report": { type: "boolean", default: false },
  },
});
const transactionsPerCustomer = values["transactions-per-customer"];
reportToParent(await measure());

async function measure(): Promise<C360Outcome> {
  let batchPeakRssBytes = 0;
  let stateHeapBytes = 0;
  let batchStartedAt = 0;
  const onStage = (stage: ParityStage) => {
    if (stage === "batch") batchStartedAt = performance.now();
    if (stage === "streaming" && batchStartedAt !== 0) {
      batchPeakRssBytes = peakRss();
      // Said now: a long run stopped before the end would otherwise lose the batch side's time.
      process.stderr.write(
        `c360: batch side (generation + DuckDB) done in ${Math.round((performance.now() - batchStartedAt) / 1000)} s · ` +
          `peak RSS ${gib(batchPeakRssBytes)}\n`,
      );
    }
    if (stage === "streamed") {
      // The pipeline's state alone: what survives a full collection while the engine still holds it.
      globalThis.gc?.();
      stateHeapBytes = process.memoryUsage().heapUsed;
    }
  };
  const options: ParityOptions = {
    dir: PROJECT,
    view: VIEW,
    customers: Number(values.customers),
    seed: Number(values.seed),
    maxDifferences: 10,
    reportState: values["state-report"],
    // Long runs say how far they are on stderr (the parent keeps its last lines if the run dies).
    onProgress: ({ records, millis, stateTiers }) =>
      process.stderr.write(
        `c360: ${records} records in ${Math.round(millis / 1000)} s · heap ${gib(process.memoryUsage().heapUsed)} · ` +
          `encoded tier ${gib(stateTiers.encodedBytes)} · ${stateTiers.spilledEntries} entries on disk · ` +
          `peak RSS ${gib(peakRss())}\n`,
      ),
    ...(values["state-budget-mb"] ? { stateMemoryBudget: Number(values["state-budget-mb"]) * 2 ** 20 } : {}),
    ...(values["encoded-budget-mb"] !== undefined
      ? { stateEncodedBudget: Number(values["encoded-budget-mb"]) * 2 ** 20 }
      : {}),
    batch: {
      ...(values["duckdb-memory"] ? { memoryLimit: values["duckdb-memory"] } : {}),
      ...(values["duckdb-threads"] ? { threads: Number(values["duckdb-threads"]) } : {}),
    },
    ...(transactionsPerCustomer
      ? { ratios: { transactionsPerCustomer: Number(transactionsPerCustomer) } }
      : {}),
    ...(values["mini-batch"] ? { settings: MINI_BATCH_SETTINGS } : {}),
  };
  try {
    if (values["streaming-only"]) {
      const streamed = await runStreamingView(options, onStage);
      const streamingSeconds = streamed.millis.streaming / 1000;
      return {
        status: "streamed",
        records: streamed.records,
        streamingSeconds,
        recordsPerSecond: streamed.records / streamingSeconds,
        viewRows: streamed.rows,
        peakRssBytes: peakRss(),
        stateHeapBytes,
        generationSeconds: streamed.millis.generation / 1000,
        ...(streamed.state ? { state: largestStates(streamed.state) } : {}),
        ...(streamed.tables ? { tables: largestFirst(streamed.tables) } : {}),
        ...(streamed.stateTiers ? { stateTiers: streamed.stateTiers } : {}),
      };
    }
    const result = await runParity(options, onStage);
    const streamingSeconds = result.millis.streaming / 1000;
    const batchSeconds = result.millis.batch / 1000;
    return {
      status: "ok",
      records: result.records,
      streamingSeconds,
      recordsPerSecond: result.records / streamingSeconds,
      batchSeconds,
      ratio: batchSeconds / streamingSeconds,
      viewRows: result.streamingRows,
      differenceCount: result.differenceCount,
      differences: result.differences.map((d) =>
        d.kind === "missing"
          ? `${d.key}: only in the ${d.side === "batch" ? "streaming" : "batch"} view`
          : `${d.key}.${d.column}: streaming ${String(d.streaming)} ≠ batch ${String(d.batch)}`,
      ),
      peakRssBytes: peakRss(),
      batchPeakRssBytes,
      stateHeapBytes,
      generationSeconds: result.millis.generation / 1000,
      ...(result.state ? { state: largestStates(result.state) } : {}),
      ...(result.tables ? { tables: largestFirst(result.tables) } : {}),
      ...(result.stateTiers ? { stateTiers: result.stateTiers } : {}),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /error: ([^\n]*not supported[^\n]*)/.exec(message)?.[1];
    if (error instanceof ParityError && reason !== undefined) return { status: "unsupported", reason };
    return { status: "failed", error: message.split("\n").slice(0, 3).join(" / ") };
  }
}

/** The stateful operators of every statement, largest first, named by the table their statement writes. */
function largestStates(states: readonly StatementState[]): C360OperatorState[] {
  return largestFirst(
    states.flatMap((s) => {
      const table = /INSERT\s+INTO\s+(\S+)/i.exec(s.statement)?.[1] ?? s.statement.slice(0, 40);
      return s.operators.map((op) => ({ table, ...op }));
    }),
  );
}

function largestFirst<T extends { readonly encodedBytes: number }>(sizes: readonly T[]): T[] {
  return [...sizes].sort((a, b) => b.encodedBytes - a.encodedBytes);
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}
