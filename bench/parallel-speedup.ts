// Headwater's speed-up from parallelism: each Nexmark query run by the benchmark's Headwater worker
// (bench/nexmark/headwater/worker.ts, a process per run) at parallelism 1 and at parallelism P in
// alternating rounds, so both see the same machine load; per query the median events/s of each and
// their ratio (wall time), and events/s per core (CPU time of all threads).
//   npm run bench -- parallel-speedup [--queries q4,q5] [--events 200000] [--parallelism 2] [--rounds 3]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runWorker } from "./lib/worker.ts";
import { writeNexmarkData } from "./nexmark/data.ts";
import type { SystemOutcome } from "./nexmark/report/model.ts";

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const QUERIES = arg("queries", "q1,q4,q5,q7,q11,q15,q17,q18,q19,q20").split(",");
const EVENTS = Number(arg("events", "200000"));
const PARALLELISM = Number(arg("parallelism", "2"));
const ROUNDS = Number(arg("rounds", "3"));
const WORKER = fileURLToPath(new URL("./nexmark/headwater/worker.ts", import.meta.url));

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const fmt = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${(n / 1e3).toFixed(1)}K`);

const dir = mkdtempSync(join(tmpdir(), "parallel-speedup-"));
try {
  const data = writeNexmarkData(dir, EVENTS);
  console.log(`${EVENTS} events, parallelism 1 vs ${PARALLELISM}, ${ROUNDS} alternating rounds (medians)`);
  console.log("| Query | p=1 events/s (per core) | p=" + PARALLELISM + " events/s (per core) | speed-up |");
  console.log("|---|--:|--:|--:|");
  for (const query of QUERIES) {
    const runs = new Map<number, { rate: number; perCore: number }[]>([
      [1, []],
      [PARALLELISM, []],
    ]);
    let failure: string | undefined;
    for (let round = 0; round < ROUNDS && !failure; round++)
      for (const p of [1, PARALLELISM]) {
        const args = ["--query", query, "--events", String(EVENTS), "--data-dir", data.dir];
        const outcome = await runWorker<SystemOutcome>(WORKER, [...args, "--parallelism", String(p)], {
          timeoutMs: 600_000,
          maxOldSpaceMb: 8192,
        });
        const value = outcome.ok ? outcome.value : undefined;
        if (value?.status !== "ok") {
          failure = outcome.ok ? JSON.stringify(outcome.value) : outcome.error;
          break;
        }
        runs.get(p)!.push({
          rate: value.throughput.eventsPerSecond,
          perCore: value.throughput.eventsPerCoreSecond,
        });
      }
    if (failure) {
      console.log(`| ${query} | failed: ${failure} | | |`);
      continue;
    }
    const one = runs.get(1)!;
    const many = runs.get(PARALLELISM)!;
    const rate1 = median(one.map((r) => r.rate));
    const rateP = median(many.map((r) => r.rate));
    console.log(
      `| ${query} | ${fmt(rate1)} (${fmt(median(one.map((r) => r.perCore)))}) | ` +
        `${fmt(rateP)} (${fmt(median(many.map((r) => r.perCore)))}) | ${(rateP / rate1).toFixed(2)}× |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
