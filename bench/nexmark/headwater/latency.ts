// Per-event latency of a query on the engine: events arrive open loop at a fixed rate (as from a
// live source), each arrival is inserted and processed at once, and every output row produced is one
// sample of the time from its events' insertion to its emission.
import type { Engine } from "../../../src/engine/index.ts";
import { percentile } from "../../lib/stats.ts";
import { benchGenerator } from "../data.ts";
import type { Latency } from "../report/model.ts";
import { physicalRows } from "./nexmark-engine.ts";

/**
 * Feeds `events` events at `rate` events/s into `engine`'s nexmark table while `outputs()` counts the
 * query's output rows; undefined when the query produced none.
 */
export async function measureLatency(
  engine: Engine,
  outputs: () => number,
  events: number,
  rate: number,
): Promise<Latency | undefined> {
  const generator = benchGenerator(events);
  const samples: number[] = [];
  let sent = 0;
  let seen = outputs();
  const started = performance.now();
  while (sent < events) {
    const due = Math.min(events, Math.floor(((performance.now() - started) * rate) / 1000));
    if (due <= sent) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      continue;
    }
    // Generating the arrivals is the source's work, not the engine's: done before the clock starts.
    const rows = physicalRows(generator.generate(sent, due - sent));
    const enqueued = performance.now();
    engine.insertRows("nexmark", rows);
    engine.runUntilIdle();
    const emitted = performance.now() - enqueued;
    const produced = outputs() - seen;
    for (let k = 0; k < produced; k++) samples.push(emitted);
    seen += produced;
    sent = due;
  }
  if (samples.length === 0) return undefined;
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), samples: samples.length, rate };
}
