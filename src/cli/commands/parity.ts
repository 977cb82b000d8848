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
    .option(
      "--state",
      "also list each statement's operator state once the view is complete (entries, estimated bytes)",
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
          json?: boolean;
        },
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
            reportState: options.state === true,
            ...(options.batch ? { batchSql: options.batch } : {}),
          });
          process.stdout.write(
            options.json ? `${toJson(result)}\n` : describe(result) + describeState(result),
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

/** Per statement, its stateful operators: where the streaming side's memory goes. */
function describeState(r: ParityResult): string {
  if (!r.state) return "";
  const lines = [
    "operator state once the view is complete (entries, encoded bytes estimated from a sample):",
  ];
  for (const statement of r.state) {
    if (statement.operators.length === 0) continue;
    lines.push(
      `  ${/INSERT\s+INTO\s+(\S+)/i.exec(statement.statement)?.[1] ?? statement.statement.slice(0, 60)}`,
    );
    for (const op of statement.operators) {
      const kib = (op.encodedBytes / 1024).toFixed(op.encodedBytes < 10 * 1024 ? 1 : 0);
      lines.push(
        `    ${String(op.entries).padStart(9)} entries ${kib.padStart(9)} KiB  ${op.operator.slice(0, 100)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function toJson(r: ParityResult): string {
  return JSON.stringify(r, (_, v) => (typeof v === "bigint" ? String(v) : v), 2);
}
