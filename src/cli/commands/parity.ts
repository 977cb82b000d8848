import type { Command } from "commander";
import { parseMemorySize } from "../../connectors/framework/option-values.ts";
// The formatter's own module, not the engine's index: registering the command must stay light.
import { formatValue } from "../../engine/runtime/format-row.ts";
import type { ParityResult } from "../../pipelines/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { usageExitCodes } from "./project.ts";

/** `headwater parity DIR`: the streaming view against its batch definition on DuckDB, row for row. */
export function registerParityCommand(program: Command): void {
  usageExitCodes(
    program
      .command("parity")
      .description(
        "Check that a project's streaming view equals its batch definition (DuckDB) once the generated streams are consumed",
      ),
  )
    .argument("<dir>", "project folder, e.g. examples/c360")
    .option("--view <table>", "the table to compare", "customer_analytics_c360")
    .option("--batch <file>", "the DuckDB script defining the view (default <dir>/batch/<view>.sql)")
    .option("--customers <n>", "customers to generate", "15")
    .option("--seed <n>", "generator seed", "1")
    .option(
      "--state",
      "also list each statement's operator state and the in-memory tables' live rows once the view is complete (entries, estimated bytes)",
    )
    .option(
      "--state-budget <size>",
      "the engine's state.memory-budget (e.g. 1mb): live keyed state per operator state and keyed table, beyond it encoded in memory, then on disk",
    )
    .option(
      "--encoded-budget <size>",
      "keyed state kept encoded in memory beyond the live budgets, shared by all, before it goes to disk (default half the heap; 0: none)",
    )
    .option("--json", "print the result as JSON")
    .action(
      async (
        dir: string,
        options: {
          view: string;
          batch?: string;
          customers: string;
          seed: string;
          state?: boolean;
          stateBudget?: string;
          encodedBudget?: string;
          json?: boolean;
        },
      ) => {
        const customers = Number(options.customers);
        const seed = Number(options.seed);
        if (!Number.isInteger(customers) || customers < 1) fail("--customers must be a positive integer");
        if (!Number.isInteger(seed)) fail("--seed must be an integer");
        const stateBudget = size("--state-budget", options.stateBudget);
        const encodedBudget = size("--encoded-budget", options.encodedBudget);
        if (stateBudget === 0) fail("--state-budget must be above 0");
        if (encodedBudget !== undefined && stateBudget === undefined)
          fail("--encoded-budget needs --state-budget: without one, all state stays live");
        const { ParityError, runParity } = await import("../../pipelines/index.ts");
        const { describeParityState } = await import("./parity-state.ts");
        try {
          const result = await runParity({
            dir,
            view: options.view,
            customers,
            seed,
            reportState: options.state === true,
            ...(stateBudget !== undefined ? { stateMemoryBudget: stateBudget } : {}),
            ...(encodedBudget !== undefined ? { stateEncodedBudget: encodedBudget } : {}),
            ...(options.batch ? { batchSql: options.batch } : {}),
          });
          process.stdout.write(
            options.json ? `${toJson(result)}\n` : describe(result) + describeParityState(result),
          );
          if (result.differenceCount > 0) process.exitCode = EXIT_FAILURE;
        } catch (error) {
          if (!(error instanceof ParityError)) throw error;
          process.stderr.write(`${error.message}\n`);
          process.exitCode = EXIT_FAILURE;
        }
      },
    );
}

function describe(r: ParityResult): string {
  const head =
    `${r.view}: ${r.streamingRows} streaming row(s), ${r.batchRows} batch row(s) from ${r.records} records ` +
    `of ${r.customers} customers (streaming ${Math.round(r.millis.streaming)} ms, DuckDB ${Math.round(r.millis.batch)} ms)\n`;
  if (r.differenceCount === 0)
    return `${head}parity: the streaming view equals the batch view, row for row\n`;
  const lines = r.differences.map((d) =>
    d.kind === "missing"
      ? `  ${d.key}: only in the ${d.side === "batch" ? "streaming" : "batch"} view`
      : `  ${d.key}.${d.column}: streaming ${formatValue(d.streaming, d.type)} ≠ batch ${formatValue(d.batch, d.type)}`,
  );
  return `${head}parity FAILED: ${r.differenceCount} difference(s)\n${lines.join("\n")}\n`;
}

/** A size option in bytes (`1mb`, `4096`); undefined when not given. */
function size(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const bytes = parseMemorySize(text);
  if (bytes === undefined) fail(`${option} must be a size such as 64mb, not '${text}'`);
  return bytes;
}

function toJson(r: ParityResult): string {
  return JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v), 2);
}
