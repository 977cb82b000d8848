import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Row } from "../../common/value.ts";
import { createEngine, formatValue, type QueryResult, SqlError } from "../../engine/index.ts";
import { fail } from "../exit.ts";

type Format = "table" | "changelog" | "csv" | "json";
const FORMATS: readonly Format[] = ["table", "changelog", "csv", "json"];

interface RunOptions {
  readonly e?: string;
  readonly f?: string;
  readonly format: string;
  readonly untilIdle?: boolean;
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
    .option("--until-idle", "run until no job can make progress, print, and exit (the only mode for now)")
    .action(async (options: RunOptions) => {
      if (!FORMATS.includes(options.format as Format)) fail(`--format must be one of ${FORMATS.join(", ")}`);
      if ((options.e === undefined) === (options.f === undefined))
        fail("give SQL with -e <sql> or -f <file>");
      const text = options.e ?? readFileSync(options.f!, "utf8");
      const engine = createEngine();
      try {
        const results = await engine.executeScript(text, options.f ?? "<-e>");
        await engine.runBounded();
        for (const result of results) {
          if (result.kind === "query") print(result, options.format as Format);
          else if (result.kind === "explain") process.stdout.write(`${result.plan}\n`);
        }
      } catch (error) {
        if (!(error instanceof SqlError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
      for (const job of engine.jobs) {
        if (job.error) {
          process.stderr.write(`${job.error.message}\n`);
          process.exitCode = 1;
        }
      }
    });
}

function print(result: QueryResult, format: Format): void {
  const names = result.columns.map((c) => c.name);
  const cells = (row: Row): string[] => row.map((v, i) => formatValue(v, result.columns[i]!.type));
  switch (format) {
    case "table":
      process.stdout.write(boxed(names, result.table().map(cells), `${result.table().length} row(s) in set`));
      return;
    case "changelog": {
      const rows = result.changelog().map((c) => [c.kind, ...cells(c.row)]);
      process.stdout.write(boxed(["op", ...names], rows, `Received a total of ${rows.length} row(s)`));
      return;
    }
    case "csv":
      process.stdout.write(
        `${[names, ...result.table().map(cells)].map((r) => r.map(csvField).join(",")).join("\n")}\n`,
      );
      return;
    case "json":
      for (const row of result.table())
        process.stdout.write(
          `${JSON.stringify(Object.fromEntries(names.map((n, i) => [n, jsonValue(row[i]!, cells(row)[i]!)])))}\n`,
        );
      return;
    default:
      format satisfies never;
  }
}

/** Flink's tableau layout: a ruled box, values right-aligned, NULL as `<NULL>`. */
function boxed(header: readonly string[], rows: readonly string[][], footer: string): string {
  const shown = rows.map((r) => r.map((v) => (v === "NULL" ? "<NULL>" : v)));
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (r: readonly string[]): string => `| ${r.map((v, i) => v.padStart(widths[i]!)).join(" | ")} |`;
  if (rows.length === 0) return "Empty set\n";
  return `${[rule, line(header), rule, ...shown.map(line), rule, footer].join("\n")}\n`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Numbers, booleans and NULL as JSON values; everything else as its SQL text. */
function jsonValue(value: Row[number], text: string): unknown {
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  return text;
}
