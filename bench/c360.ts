// Customer 360 at scale: `headwater parity`'s run of examples/c360 — the streaming view on the
// embedded engine against the DuckDB batch query over the same generated records — timed.
//   npm run bench -- c360 [--customers N] [--transactions-per-customer R]
//   (1M customers / 10M transactions: --customers 1000000 --transactions-per-customer 10)
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import type { C360Outcome, C360Report } from "./c360/model.ts";
import { compareC360WithPreviousIn, renderC360Markdown } from "./c360/report.ts";
import { wholeNumber } from "./lib/cli-args.ts";
import { machineInfo } from "./lib/machine.ts";
import { resultBaseName, writeResultFiles } from "./lib/result-files.ts";
import { runWorker } from "./lib/worker.ts";

const RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));
const WORKER = fileURLToPath(new URL("./c360/worker.ts", import.meta.url));

const program = new Command("c360")
  .description("Customer 360 parity at scale: the streaming view on Headwater against its DuckDB batch query")
  .option("--customers <n>", "customers to generate", wholeNumber("--customers"), 1000)
  .option("--transactions-per-customer <r>", "the generator's ratio (default: the seed's, 20 per 15)", ratio)
  .option("--seed <n>", "generator seed", wholeNumber("--seed", 0), 1)
  .option("--timeout <seconds>", "the whole run", wholeNumber("--timeout"), 3600)
  .option(
    "--heap <mb>",
    "V8 heap limit of the run (large sizes hold every record in memory)",
    wholeNumber("--heap"),
    16384,
  )
  .addOption(new Option("--out <dir>", "where the results go").default(RESULTS_DIR, "bench/results"))
  .option(
    "--streaming-only",
    "run only the streaming side (no DuckDB batch, no parity): sizes whose batch side does not fit in memory",
  )
  .option(
    "--state-budget-mb <mb>",
    "the engine's state.memory-budget per stateful operator: beyond it, state spills to disk",
    wholeNumber("--state-budget-mb"),
  )
  .option(
    "--encoded-budget-mb <mb>",
    "the engine's stateEncodedBudget: state kept encoded in memory beyond the live budgets, shared by all its states, before it goes to disk (0: none; default half the heap)",
    wholeNumber("--encoded-budget-mb", 0),
  )
  .option(
    "--duckdb-memory <limit>",
    "DuckDB's memory_limit (e.g. 4GB): beyond it, the batch side spills to disk",
  )
  .option("--duckdb-threads <n>", "DuckDB's threads", wholeNumber("--duckdb-threads"))
  .option("--state-report", "report each stateful operator's state once the view is complete")
  .option(
    "--mini-batch",
    "run the pipeline with mini-batch aggregation on (c360/worker.ts MINI_BATCH_SETTINGS)",
  )
  .option(
    "--semi-space-mb <mb>",
    "V8's young generation semi-space of the run (--max-semi-space-size): larger keeps short-lived state values out of the old generation",
    wholeNumber("--semi-space-mb"),
  )
  .option(
    "--cpu-prof <dir>",
    "write a V8 CPU profile of the run's worker into <dir> (open it in Chrome DevTools or speedscope)",
  )
  .option("--no-save", "print the report without writing result files")
  .option("--json", "print the report as JSON instead of markdown")
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
program.parse(process.argv);
const cli = program.opts<{
  customers: number;
  transactionsPerCustomer?: number;
  seed: number;
  timeout: number;
  heap: number;
  out: string;
  save: boolean;
  json?: boolean;
  streamingOnly?: boolean;
  stateBudgetMb?: number;
  encodedBudgetMb?: number;
  duckdbMemory?: string;
  duckdbThreads?: number;
  stateReport?: boolean;
  miniBatch?: boolean;
  cpuProf?: string;
  semiSpaceMb?: number;
}>();
if (
  cli.duckdbMemory !== undefined &&
  !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(cli.duckdbMemory)
) {
  process.stderr.write(`c360: --duckdb-memory must be a size such as 4GB, not '${cli.duckdbMemory}'\n`);
  process.exit(2);
}

const startedAt = new Date().toISOString();
const args = ["--customers", String(cli.customers), "--seed", String(cli.seed)];
if (cli.transactionsPerCustomer !== undefined)
  args.push("--transactions-per-customer", String(cli.transactionsPerCustomer));
if (cli.streamingOnly) args.push("--streaming-only");
if (cli.stateBudgetMb !== undefined) args.push("--state-budget-mb", String(cli.stateBudgetMb));
if (cli.encodedBudgetMb !== undefined) args.push("--encoded-budget-mb", String(cli.encodedBudgetMb));
if (cli.duckdbMemory !== undefined) args.push("--duckdb-memory", cli.duckdbMemory);
if (cli.duckdbThreads !== undefined) args.push("--duckdb-threads", String(cli.duckdbThreads));
if (cli.stateReport) args.push("--state-report");
if (cli.miniBatch) args.push("--mini-batch");
process.stderr.write(
  `c360: ${cli.streamingOnly ? "streaming" : "parity"} run over ${cli.customers.toLocaleString("en")} customers…\n`,
);
const run = await runWorker<C360Outcome>(WORKER, args, {
  timeoutMs: cli.timeout * 1000,
  maxOldSpaceMb: cli.heap,
  exposeGc: true,
  echoStderr: true,
  nodeFlags: [
    ...(cli.cpuProf !== undefined ? ["--cpu-prof", `--cpu-prof-dir=${cli.cpuProf}`] : []),
    ...(cli.semiSpaceMb !== undefined ? [`--max-semi-space-size=${cli.semiSpaceMb}`] : []),
  ],
});
const measured: Omit<C360Report, "previous"> = {
  benchmark: "c360",
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: machineInfo(),
  settings: {
    customers: cli.customers,
    transactionsPerCustomer: cli.transactionsPerCustomer,
    seed: cli.seed,
    ...(cli.streamingOnly ? { streamingOnly: true } : {}),
    ...(cli.stateBudgetMb !== undefined ? { stateBudgetMb: cli.stateBudgetMb } : {}),
    ...(cli.encodedBudgetMb !== undefined ? { encodedBudgetMb: cli.encodedBudgetMb } : {}),
    ...(cli.duckdbMemory !== undefined ? { duckdbMemoryLimit: cli.duckdbMemory } : {}),
    ...(cli.duckdbThreads !== undefined ? { duckdbThreads: cli.duckdbThreads } : {}),
    ...(cli.miniBatch ? { miniBatch: true } : {}),
    heapMb: cli.heap,
    ...(cli.semiSpaceMb !== undefined ? { semiSpaceMb: cli.semiSpaceMb } : {}),
  },
  outcome: run.ok ? run.value : { status: "failed", error: run.error },
};
const report: C360Report = { ...measured, previous: compareC360WithPreviousIn(cli.out, measured) };
const markdown = renderC360Markdown(report);
process.stdout.write(cli.json ? `${JSON.stringify(report, null, 2)}\n` : markdown);
if (cli.save) {
  mkdirSync(cli.out, { recursive: true });
  const paths = writeResultFiles(cli.out, resultBaseName("c360", startedAt), report, markdown);
  process.stderr.write(`results: ${paths.join(", ")}\n`);
}
const { outcome } = report;
if (outcome.status === "ok" && outcome.differenceCount > 0) {
  process.stderr.write(
    `\n✗ PARITY FAILED: ${outcome.differenceCount} difference(s) between the streaming and the batch view\n`,
  );
}
process.exitCode =
  outcome.status === "failed" || (outcome.status === "ok" && outcome.differenceCount > 0) ? 1 : 0;

function ratio(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError("--transactions-per-customer must be a positive number");
  return n;
}
