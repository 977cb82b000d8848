/**
 * Nexmark event generation speed on one core, against two peers measured in the same run:
 *  - "plain loop": builds rows of the same shape (outer 5-array + nested 7-array bid, one string
 *    sliced from a pool) from Math.random, with none of Nexmark's logic — the ceiling for rows as arrays;
 *  - "JSON.stringify": serialises the very rows generated, one call per event — the cost of the
 *    cheapest thing any consumer does with an event.
 *
 * Run: node_modules/.bin/node --experimental-strip-types bench/nexmark-gen.ts [events]
 */
import type { Row } from "../src/common/value.ts";
import { NexmarkGenerator } from "../src/connectors/nexmark/index.ts";

const EVENTS = Number(process.argv[2] ?? 2_000_000);
const BATCH = 10_000;
const RUNS = 5;

/** Best of RUNS, in events per second; `work` returns a number so the JIT cannot drop the loop. */
function measure(work: () => number): number {
  let best = 0;
  let sink = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    sink += work();
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, EVENTS / seconds);
  }
  if (sink === -1) console.log(sink);
  return best;
}

function generateAll(generator: NexmarkGenerator): number {
  let touched = 0;
  for (let from = 0; from < EVENTS; from += BATCH) touched += generator.generate(from, BATCH).length;
  return touched;
}

const POOL = "abcdefghijklmnopqrstuvwxyz".repeat(40_000);
const CHANNELS = ["Google", "Facebook", "Baidu", "Apple"];
const URL = "https://www.nexmark.com/abc/defg/hij/item.htm?query=1";

function plainLoop(): number {
  let touched = 0;
  for (let from = 0; from < EVENTS; from += BATCH) {
    const rows: Row[] = new Array(BATCH);
    for (let i = 0; i < BATCH; i++) {
      const ts = 1_436_918_400_000 + ((from + i) >> 4);
      const start = Math.floor(Math.random() * 900_000);
      const bid = [
        Math.floor(Math.random() * 1000),
        Math.floor(Math.random() * 1000),
        Math.round(Math.random() * 1e8),
        CHANNELS[i & 3]!,
        URL,
        ts,
        POOL.substring(start, start + 60 + (i & 31)),
      ];
      rows[i] = [2, null, null, bid, ts];
    }
    touched += rows.length;
  }
  return touched;
}

function stringifyAll(rows: Row[]): number {
  let chars = 0;
  for (let done = 0; done < EVENTS; done += rows.length) {
    for (const row of rows) chars += JSON.stringify(row).length;
  }
  return chars;
}

const mixed = new NexmarkGenerator();
const bidsOnly = NexmarkGenerator.fromWithOptions({
  "person.proportion": "0",
  "auction.proportion": "0",
  "bid.proportion": "1",
});

const results: [string, number][] = [];
results.push(["nexmark: default mix (1 P : 3 A : 46 B)", measure(() => generateAll(mixed))]);
results.push(["nexmark: bids only", measure(() => generateAll(bidsOnly))]);
results.push(["peer: plain loop, bid-shaped arrays", measure(plainLoop)]);
const sample = mixed.generate(0, 100_000);
results.push(["peer: JSON.stringify of generated rows", measure(() => stringifyAll(sample))]);

const rate = new Map(results);
const fmt = (eventsPerSecond: number) => `${(eventsPerSecond / 1e6).toFixed(2)} M events/s`;
console.log(
  `nexmark generator, ${EVENTS.toLocaleString("en")} events per run, best of ${RUNS}, Node ${process.version}`,
);
for (const [name, eventsPerSecond] of results) console.log(`  ${name.padEnd(42)} ${fmt(eventsPerSecond)}`);
const bids = rate.get("nexmark: bids only")!;
const mix = rate.get("nexmark: default mix (1 P : 3 A : 46 B)")!;
const loop = rate.get("peer: plain loop, bid-shaped arrays")!;
const stringify = rate.get("peer: JSON.stringify of generated rows")!;
console.log(`  ratio bids-only / plain loop:        ${(bids / loop).toFixed(2)}×`);
console.log(`  ratio default mix / JSON.stringify:  ${(mix / stringify).toFixed(2)}×`);
