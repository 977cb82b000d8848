// The events every system reads: one seeded Nexmark stream, written once as header-less CSV files
// (Flink's csv format cannot skip a header) for Flink and DuckDB, and regenerated in memory, row for
// row identical, for Headwater.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NexmarkGenerator, writeNexmarkCsv } from "../../src/connectors/nexmark/index.ts";

/** Keys of q13's side input: MOD(auction, 10000) joins every bid to one line. */
const SIDE_INPUT_KEYS = 10_000;

/**
 * The benchmark's stream: the corpus DDL's rates and proportions (10,000 events/s of event time,
 * 1 person : 3 auctions : 46 bids) and the generator's fixed seed and base time.
 */
export function benchGenerator(events: number): NexmarkGenerator {
  return NexmarkGenerator.fromWithOptions({
    "events.num": String(events),
    "first-event.rate": "10000",
    "next-event.rate": "10000",
  });
}

export interface NexmarkData {
  readonly dir: string;
  readonly events: number;
  readonly counts: { readonly person: number; readonly auction: number; readonly bid: number };
  /** Size of the three CSV files. */
  readonly bytes: number;
  /** Generating and writing them. */
  readonly seconds: number;
}

/** person.csv, auction.csv, bid.csv (no header) and side_input.txt in `dir`. */
export function writeNexmarkData(dir: string, events: number): NexmarkData {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const files = writeNexmarkCsv(benchGenerator(events), dir, { count: events }, false);
  const lines = Array.from({ length: SIDE_INPUT_KEYS }, (_, key) => `${key},side-${key}\n`);
  writeFileSync(join(dir, "side_input.txt"), lines.join(""));
  const bytes = [files.person, files.auction, files.bid].reduce((sum, path) => sum + statSync(path).size, 0);
  return {
    dir,
    events,
    counts: files.counts,
    bytes,
    seconds: (performance.now() - started) / 1000,
  };
}
