// Nexmark side by side: Headwater's versions of q0–q22 (test/corpus/nexmark) on the embedded engine,
// on Apache Flink 1.20 and on DuckDB as batch, over the same events, in one run; per query events/s,
// events/s per core, latency, peak RSS, the ratios, and a cross-check of the final results.
//   npm run bench -- nexmark [--queries q0,q5] [--events N] [--parallelism 1|2] [--help]
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import { wholeNumber } from "./lib/cli-args.ts";
import { resultBaseName, writeResultFiles } from "./lib/result-files.ts";
import { NEXMARK_QUERY_NAMES } from "./nexmark/queries.ts";
import { compareWithPreviousIn } from "./nexmark/report/compare.ts";
import { renderMarkdown, resultDifferences } from "./nexmark/report/markdown.ts";
import type { NexmarkReport } from "./nexmark/report/model.ts";
import { type Progress, runNexmarkBenchmark } from "./nexmark/run-benchmark.ts";

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));

/**
 * Defaults sized for the 30-minute budget on a 2-core machine: a million events for every system
 * (Flink at parallelism 1 is the slowest of the three; see README "Performance").
 */
const DEFAULT_EVENTS = 1_000_000;

const program = new Command("nexmark")
  .description("Nexmark q0–q22 on Headwater, Apache Flink 1.20 and DuckDB over the same events")
  .addOption(
    new Option("--queries <list>", "comma-separated queries, e.g. q0,q5")
      .argParser(queryList)
      .default(NEXMARK_QUERY_NAMES, "all of q0–q22"),
  )
  .option("--events <n>", "events Headwater and DuckDB read", wholeNumber("--events"), DEFAULT_EVENTS)
  .option(
    "--flink-events <n>",
    "events Flink reads, the first of the same stream (default: --events)",
    wholeNumber("--flink-events"),
  )
  .option(
    "--parallelism <p>",
    "1 or 2: Headwater's and Flink's parallelism.default, DuckDB's threads",
    parallelism,
    1,
  )
  .option(
    "--latency-events <n>",
    "events fed at a fixed rate for Headwater's latency (0: none)",
    wholeNumber("--latency-events", 0),
    20_000,
  )
  .option(
    "--latency-rate <n>",
    "arrival rate of the latency run, events/s",
    wholeNumber("--latency-rate"),
    10_000,
  )
  .option("--timeout <seconds>", "per query and system", wholeNumber("--timeout"), 600)
  .option("--no-flink", "leave Flink out")
  .option("--keep-flink", "leave the benchmark's Flink cluster running afterwards")
  .addOption(new Option("--out <dir>", "where the results go").default(RESULTS_DIR, "bench/results"))
  .option("--no-save", "print the report without writing result files")
  .option("--json", "print the report as JSON instead of markdown")
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse(process.argv);

interface CliOptions {
  queries: string[];
  events: number;
  flinkEvents?: number;
  parallelism: number;
  latencyEvents: number;
  latencyRate: number;
  timeout: number;
  flink: boolean;
  keepFlink?: boolean;
  out: string;
  save: boolean;
  json?: boolean;
}
const cli = program.opts<CliOptions>();

const measured = await runNexmarkBenchmark(
  {
    queries: cli.queries,
    events: cli.events,
    flinkEvents: cli.flinkEvents ?? cli.events,
    parallelism: cli.parallelism,
    latencyEvents: cli.latencyEvents,
    latencyRate: cli.latencyRate,
    timeoutSeconds: cli.timeout,
    flink: cli.flink,
    keepFlink: cli.keepFlink === true,
  },
  progressOnStderr(),
);
const withoutPrevious: NexmarkReport = { ...measured, previous: { status: "none", reason: "" } };
const report: NexmarkReport = { ...measured, previous: compareWithPreviousIn(cli.out, withoutPrevious) };
const markdown = renderMarkdown(report);
process.stdout.write(cli.json ? `${JSON.stringify(report, null, 2)}\n` : markdown);
if (cli.save) {
  mkdirSync(cli.out, { recursive: true });
  const paths = writeResultFiles(cli.out, resultBaseName("nexmark", report.startedAt), report, markdown);
  process.stderr.write(`results: ${paths.join(", ")}\n`);
}

const differences = resultDifferences(report);
if (differences.length > 0) {
  const banner = "✗".repeat(72);
  process.stderr.write(
    `\n${banner}\nFINAL RESULTS DIFFER FROM DUCKDB'S:\n${differences.join("\n")}\n${banner}\n`,
  );
}
const failures = report.queries.flatMap((q) => {
  const { headwater, duckdb, flink } = q.outcomes;
  const failed: string[] = [];
  if (headwater.status === "failed") failed.push(`${q.query} on Headwater: ${headwater.error}`);
  // Refusing a query is right when Flink refuses it too (q6), a bug when Flink runs it.
  if (headwater.status === "rejected" && flink.status === "ok")
    failed.push(`${q.query}: Headwater rejects what Flink runs: ${headwater.reason}`);
  if (duckdb.status === "failed") failed.push(`${q.query} on DuckDB: ${duckdb.error}`);
  return failed;
});
if (failures.length > 0) process.stderr.write(`\nFAILED:\n${failures.join("\n")}\n`);
if (report.previous.status === "compared" && report.previous.regressions.length > 0) {
  process.stderr.write(
    `\n⚠ ${report.previous.regressions.length} ratio regression(s) against ${report.previous.previousFile}\n`,
  );
}
process.exitCode = differences.length > 0 || failures.length > 0 ? 1 : 0;

/** A bar on a terminal, a line per step otherwise (logs of unattended runs). */
function progressOnStderr(): Progress {
  if (!process.stderr.isTTY) {
    let done = 0;
    let total = 0;
    return {
      start: (n) => {
        total = n;
      },
      step: (label) => process.stderr.write(`[${++done}/${total}] ${label}\n`),
    };
  }
  const bar = new SingleBar(
    { format: "nexmark [{bar}] {value}/{total} {label}", stream: process.stderr, clearOnComplete: true },
    Presets.shades_classic,
  );
  let done = 0;
  let total = 0;
  return {
    start: (n) => {
      total = n;
      bar.start(n, 0, { label: "" });
    },
    step: (label) => {
      bar.increment({ label });
      if (++done === total) bar.stop();
    },
  };
}

function queryList(text: string): string[] {
  const names = text
    .split(",")
    .map((q) => q.trim().toLowerCase())
    .filter((q) => q !== "");
  const unknown = names.filter((q) => !NEXMARK_QUERY_NAMES.includes(q));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown query ${unknown.join(", ") || "(none)"}; the corpus has ${NEXMARK_QUERY_NAMES.join(", ")}`,
    );
  }
  return names;
}

function parallelism(text: string): number {
  if (text !== "1" && text !== "2") throw new InvalidArgumentError("--parallelism must be 1 or 2");
  return Number(text);
}
