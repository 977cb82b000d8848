// Throughput of state beyond its live budget: a GROUP BY, a join, a deduplication and an OVER aggregate over
// many keys (datagen → blackhole), each run in memory, then with a live budget per operator state
// ('state.memory-budget') that their state exceeds many times, its excess kept encoded in memory (an
// encoded tier, EngineOptions.stateEncodedBudget, large enough for all of it), then with that excess on disk
// (encoded budget 0), in this process on the same seeded input; the ratios are what each tier costs.
//   npm run bench -- spill [--rows 1000000] [--keys 200000] [--budget 1mb] [--encoded-budget 1gb] [--rounds 2]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseMemorySize } from "../src/connectors/framework/option-values.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ROWS = Number(arg("rows", "1000000"));
const KEYS = Number(arg("keys", "200000"));
const BUDGET = arg("budget", "1mb");
const ENCODED_BUDGET = parseMemorySize(arg("encoded-budget", "1gb")) ?? 0;
const ROUNDS = Number(arg("rounds", "2"));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "headwater-bench-spill-"));

const source = (name: string, seed: number) => `
CREATE TABLE ${name} (k BIGINT, v INT, pt AS PROCTIME()) WITH ('connector' = 'datagen', 'number-of-rows' = '${ROWS}',
  'rows-per-second' = '1000000000', 'fields.k.min' = '1', 'fields.k.max' = '${KEYS}',
  'fields.v.min' = '0', 'fields.v.max' = '1000', 'seed' = '${seed}');`;

const CASES = [
  {
    name: `GROUP BY ${KEYS} keys`,
    script: `${source("src", 7)}
CREATE TABLE totals (k BIGINT, n BIGINT, s INT, hi INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'blackhole');
INSERT INTO totals SELECT k, COUNT(*), SUM(v), MAX(v) FROM src GROUP BY k;`,
  },
  {
    name: `join on ${KEYS} keys`,
    script: `${source("a", 7)}${source("b", 8)}
CREATE TABLE joined (k BIGINT, x INT, y INT) WITH ('connector' = 'blackhole');
INSERT INTO joined SELECT a.k, a.v, b.v FROM a JOIN b ON a.k = b.k AND a.v = b.v;`,
  },
  {
    name: `dedup on ${KEYS} keys`,
    script: `${source("src", 7)}
CREATE TABLE latest (k BIGINT, v INT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'blackhole');
INSERT INTO latest SELECT k, v FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt DESC) AS rn FROM src) WHERE rn = 1;`,
  },
  {
    name: `OVER on ${KEYS} keys`,
    script: `${source("src", 7)}
CREATE TABLE running (k BIGINT, v INT, s INT, n BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO running SELECT k, v, SUM(v) OVER w, COUNT(*) OVER w FROM src
  WINDOW w AS (PARTITION BY k ORDER BY pt ROWS BETWEEN 5 PRECEDING AND CURRENT ROW);`,
  },
];

/** Where state beyond the live budget goes in a run: nowhere (all live), the encoded tier, the disk. */
type Tier = "memory" | "encoded" | "disk";

/** Seconds to run the case to its end; with a budget, also the spill files' peak size. */
async function run(script: string, tier: Tier): Promise<{ seconds: number; spilled: number }> {
  const spillDir = fs.mkdtempSync(path.join(scratch, "run-"));
  const engine = createEngine({ spillDir, stateEncodedBudget: tier === "encoded" ? ENCODED_BUDGET : 0 });
  if (tier !== "memory") await engine.execute(`SET 'state.memory-budget' = '${BUDGET}'`);
  let spilled = 0;
  const sample = setInterval(() => {
    spilled = Math.max(spilled, folderBytes(spillDir));
  }, 50);
  const start = performance.now();
  await engine.executeScript(script);
  await engine.runBounded();
  const seconds = (performance.now() - start) / 1000;
  spilled = Math.max(spilled, folderBytes(spillDir));
  clearInterval(sample);
  const failed = engine.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  await engine.close();
  return { seconds, spilled };
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

console.log(
  `${ROWS} rows per source, live budget ${BUDGET} per operator state (encoded tier: ${(ENCODED_BUDGET / 2 ** 20).toFixed(0)} MiB); ` +
    `${ROUNDS}× in memory, encoded and on disk, alternating, best of each`,
);
for (const c of CASES) {
  const best: Record<Tier, { seconds: number; spilled: number }> = {
    memory: { seconds: Number.POSITIVE_INFINITY, spilled: 0 },
    encoded: { seconds: Number.POSITIVE_INFINITY, spilled: 0 },
    disk: { seconds: Number.POSITIVE_INFINITY, spilled: 0 },
  };
  for (let round = 0; round < ROUNDS; round++)
    for (const tier of ["memory", "encoded", "disk"] as const) {
      const r = await run(c.script, tier);
      if (r.seconds < best[tier].seconds) best[tier] = r;
    }
  const rate = (seconds: number) => `${(ROWS / seconds / 1e3).toFixed(0)} K rows/s`;
  const ratio = (tier: Tier) => (best.memory.seconds / best[tier].seconds).toFixed(3);
  console.log(
    `${c.name.padEnd(22)} in memory ${rate(best.memory.seconds).padStart(13)}   ` +
      `encoded ${rate(best.encoded.seconds).padStart(13)} (ratio ${ratio("encoded")}, disk ${(best.encoded.spilled / 2 ** 20).toFixed(1)} MiB)   ` +
      `disk ${rate(best.disk.seconds).padStart(13)} (ratio ${ratio("disk")}, spill files up to ${(best.disk.spilled / 2 ** 20).toFixed(1)} MiB)`,
  );
}
fs.rmSync(scratch, { recursive: true, force: true });
