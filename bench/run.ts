// Runs benchmarks by name: `npm run bench -- store-log nexmark-gen`, or all of them with no name.
// Each benchmark is a script in this folder that prints its own figures and a ratio against a peer
// measured in the same run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const here = import.meta.dirname;
const available = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .map((f) => f.slice(0, -3))
  .sort();

// Names come first; everything from the first option on is passed to each benchmark.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith("-"));
const requested = firstOption < 0 ? args : args.slice(0, firstOption);
const passThrough = firstOption < 0 ? [] : args.slice(firstOption);
// With a name, --help goes to that benchmark (which prints its own options).
if (requested.length === 0 && process.argv.includes("--help")) {
  console.log(
    `usage: npm run bench -- [name ...] [options passed to each]\navailable: ${available.join(", ")}`,
  );
  process.exit(0);
}
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${available.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n== ${name}`);
  const result = spawnSync(
    process.execPath,
    [
      "--experimental-strip-types",
      "--no-warnings=ExperimentalWarning",
      join(here, `${name}.ts`),
      ...passThrough,
    ],
    {
      stdio: "inherit",
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
