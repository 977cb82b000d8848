import type { Command } from "commander";
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
    .option("--json", "print the result as JSON")
    .action(
      async (
        dir: string,
        options: { view: string; batch?: string; customers: string; seed: string; json?: boolean },
      ) => {
        const customers = Number(options.customers);
        const seed = Number(options.seed);
        if (!Number.isInteger(customers) || customers < 1) fail("--customers must be a positive integer");
        if (!Number.isInteger(seed)) fail("--seed must be an integer");
        const { ParityError, runParity } = await import("../../pipelines/index.ts");
        try {
          const result = await runParity({
            dir,
            view: options.view,
            customers,
            seed,
            ...(options.batch ? { batchSql: options.batch } : {}),
          });
          process.stdout.write(options.json ? `${toJson(result)}\n` : describe(result));
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

function toJson(r: ParityResult): string {
  return JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v), 2);
}
