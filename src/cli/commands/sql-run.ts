import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { SourceText } from "../../common/source.ts";
import { fail } from "../exit.ts";
import { FORMATS, type Format, printResult } from "./print-result.ts";

interface RunOptions {
  readonly e?: string;
  readonly f?: string;
  readonly format: string;
  readonly untilIdle?: boolean;
  readonly store?: string;
  readonly schemaRegistry?: string;
  readonly parallelism?: string;
}

/**
 * `headwater sql -e "<sql>"` / `-f file.sql`: runs a script on the embedded engine and prints each
 * query's result as Flink's SQL client does (a boxed table, or the changelog with an `op` column),
 * or as CSV/JSON lines for scripts. Added to the existing `sql` command as its default action.
 * The run is bounded: every job reads the input available once the script has run, the final
 * watermark fires pending windows, and the final results are printed.
 */
export function registerSqlRun(program: Command): void {
  const sql = program.commands.find((c) => c.name() === "sql");
  if (!sql) throw new Error("the sql command must be registered first");
  sql
    .description("Run Flink SQL on the embedded engine (-e/-f), or check, format and inspect SQL files")
    .option("-e <sql>", "SQL statements to run")
    .option("-f <file>", "a SQL script to run")
    .option("--format <format>", "table, changelog, csv or json", "table")
    .option(
      "--until-idle",
      "with -e/-f: read the input available now to its end, print final results, exit (the default)",
    )
    .option("--store <dir>", "with -e/-f: keep tables without a connector as topics of this embedded store")
    .option("--schema-registry <url>", "with --store: the schema registry of 'avro-registry' tables")
    .option(
      "--parallelism <n>",
      "worker threads each statement runs on ('parallelism.default'; 1 runs it in the main thread)",
    )
    .action(async (options: RunOptions) => {
      if (!FORMATS.includes(options.format as Format)) fail(`--format must be one of ${FORMATS.join(", ")}`);
      if (options.e !== undefined && options.f !== undefined)
        fail("give SQL with -e <sql> or -f <file>, not both");
      const parallelism = options.parallelism === undefined ? undefined : Number(options.parallelism);
      if (parallelism !== undefined && !(Number.isInteger(parallelism) && parallelism >= 1))
        fail(`--parallelism must be a positive integer, got '${options.parallelism}'`);
      const parallel = parallelism === undefined ? {} : { parallelism };
      if (options.e === undefined && options.f === undefined) {
        const { runShell } = await import("./sql-shell.ts");
        process.exitCode = await runShell(options.format as Format, parallel);
        return;
      }
      const source: SourceText = { name: options.f ?? "<-e>", text: options.e ?? readScript(options.f!) };
      const { createEngine } = await import("../../engine/index.ts");
      const { runStatements } = await import("./sql-script.ts");
      const engine = createEngine({
        ...parallel,
        ...(options.store === undefined ? {} : { storeDir: options.store }),
        ...(options.schemaRegistry === undefined ? {} : { schemaRegistryUrl: options.schemaRegistry }),
      });
      const { results, error } = await runStatements(engine, source);
      await engine.runBounded();
      for (const result of results) {
        if (result.kind === "query") process.stdout.write(printResult(result, options.format as Format));
        else if (result.kind === "explain") process.stdout.write(`${result.plan}\n`);
      }
      if (error !== undefined) {
        process.stderr.write(`${error}\n`);
        process.exitCode = 1;
      }
      for (const job of engine.jobs) {
        if (job.error) {
          process.stderr.write(`${job.error.message}\n`);
          process.exitCode = 1;
        }
      }
      await engine.close();
    });
}

function readScript(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
