// One Nexmark query on the embedded engine, in a process of its own (see bench/lib/worker.ts):
//  1. the blackhole INSERT is planned first — a query the engine cannot run yet ends here;
//  2. the events are inserted into the in-memory nexmark table (timed apart, as load);
//  3. the bounded run is timed, with CPU time and peak RSS;
//  4. for the cross-check, the INSERT's query runs on the same table and its final rows are written;
//  5. for queries with one output per event, latency at a fixed arrival rate on a fresh engine, once
//     the loaded one is garbage.
//   worker.ts --query q5 --events N --data-dir DIR [--parallelism P] [--result-file FILE]
//             [--latency-events N --latency-rate R]
import { parseArgs } from "node:util";
import type { InsertResult } from "../../../src/engine/index.ts";
import { writeResultFile } from "../../lib/result-rows.ts";
import { reportToParent } from "../../lib/worker.ts";
import { blackholeScript, loadNexmarkQuery, type NexmarkQuery } from "../queries.ts";
import { type Latency, type SystemOutcome, throughputOf } from "../report/model.ts";
import { measureLatency } from "./latency.ts";
import { insertEvents, openNexmarkEngine, outcomeOfError } from "./nexmark-engine.ts";

const { values } = parseArgs({
  options: {
    query: { type: "string" },
    events: { type: "string" },
    "data-dir": { type: "string" },
    "result-file": { type: "string" },
    "latency-events": { type: "string", default: "0" },
    "latency-rate": { type: "string", default: "10000" },
    parallelism: { type: "string", default: "1" },
  },
});
const query = loadNexmarkQuery(values.query!, values["data-dir"]!);
const events = Number(values.events);
const parallelism = Number(values.parallelism);
const outcome = await measure(query);
// Latency after the loaded engine is gone: its heap would otherwise be in every major GC pause.
const latency = outcome.status === "ok" ? await latencyOf(query) : undefined;
reportToParent(latency ? { ...outcome, latency } : outcome);

async function measure(query: NexmarkQuery): Promise<SystemOutcome> {
  const engine = await openNexmarkEngine(parallelism);
  let insert: InsertResult;
  try {
    const results = [];
    for (const statement of blackholeScript(query)) results.push(await engine.execute(statement));
    const last = results.at(-1);
    if (last?.kind !== "insert")
      return { status: "failed", error: "the script's last statement is no INSERT" };
    insert = last;
  } catch (error) {
    return outcomeOfError(error);
  }

  const loadStarted = performance.now();
  insertEvents(engine, events);
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await engine.runBounded();
  } catch (error) {
    return outcomeOfError(error);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const failed = insert.jobs.find((job) => job.error);
  if (failed?.error) return outcomeOfError(failed.error);
  for (const job of insert.jobs) job.cancel();

  const result = values["result-file"] ? await finalResult(query, values["result-file"]) : {};
  return {
    status: "ok",
    throughput: throughputOf(events, seconds, (used.user + used.system) / 1e6, peakRss),
    loadSeconds,
    ...result,
  };

  /** The INSERT's query over the same loaded table, its final rows to `file`. */
  async function finalResult(
    query: NexmarkQuery,
    file: string,
  ): Promise<{ resultRows: number } | { resultError: string }> {
    try {
      const result = await engine.execute(query.select);
      if (result.kind !== "query") return { resultError: "the INSERT's query is no query" };
      await engine.runBounded();
      if (result.error) return { resultError: result.error.message.split("\n")[0]! };
      return { resultRows: writeResultFile(file, result.table()) };
    } catch (error) {
      return { resultError: error instanceof Error ? error.message.split("\n")[0]! : String(error) };
    }
  }
}

async function latencyOf(query: NexmarkQuery): Promise<Latency | undefined> {
  const latencyEvents = Number(values["latency-events"]);
  if (!query.perEventOutput || latencyEvents <= 0) return undefined;
  // The worker runs with --expose-gc: the throughput run's garbage goes before the clock starts.
  (globalThis as { gc?: () => void }).gc?.();
  const engine = await openNexmarkEngine(parallelism);
  for (const statement of query.setup) await engine.execute(statement);
  const result = await engine.execute(query.select);
  if (result.kind !== "query") return undefined;
  return measureLatency(
    engine,
    () => result.changelog().length,
    latencyEvents,
    Number(values["latency-rate"]),
  );
}
