import { resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { TestResult, TestSelector } from "../../pipelines/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

interface TestCliOptions {
  product?: string;
  all?: boolean;
  json?: boolean;
  project: string;
}

export function registerTestCommand(program: Command): void {
  const test = usageExitCodes(
    program
      .command("test")
      .description(
        "Run unit tests (tests/test_definitions.yaml of each table) on the embedded engine; exit 1 on any failure",
      ),
  )
    .argument("[table]", "the table whose tests to run")
    .option("--product <product>", "run the tests of every table of a product")
    .option("--all", "run every test of the project")
    .option("--json", "print the results as JSON")
    .option(...PROJECT_OPTION)
    .action(async (table: string | undefined, options: TestCliOptions) => {
      const started = performance.now();
      const given = [table, options.product, options.all ? "all" : undefined].filter((s) => s !== undefined);
      if (given.length !== 1) fail("give exactly one of TABLE, --product, --all");
      const selector: TestSelector = table
        ? { kind: "table", table }
        : options.product
          ? { kind: "product", product: options.product }
          : { kind: "all" };
      const { countTestCases, renderSummary, runTests, tablesWithTests } = await import(
        "../../pipelines/index.ts"
      );
      const { loadAndReport } = await import("./project-load.ts");
      const project = loadAndReport(options.project);
      const tables = tablesWithTests(project, selector);
      if ("error" in tables) {
        process.stderr.write(`headwater: ${tables.error}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const results = await runWithProgress(
        () => countTestCases(project, tables),
        (onResult) => runTests(project, tables, onResult),
        options.json === true,
      );
      const wallMs = performance.now() - started;
      if (options.json) process.stdout.write(`${JSON.stringify({ results, wall_ms: wallMs }, null, 2)}\n`);
      else
        process.stdout.write(
          `${results.length === 0 ? "no tests found\n" : ""}${renderSummary(results, wallMs)}\n`,
        );
      if (results.some((r) => r.status !== "pass")) process.exitCode = EXIT_FAILURE;
    });

  test
    .command("init")
    .description(
      "Scaffold tests/ of a table: sample rows for each parent from its DDL and the expected rows the engine produces (review them)",
    )
    .argument("<table>", "table name")
    .option("--cases <n>", "number of test cases", "1")
    .option("--rows <n>", "rows per parent and test case", "3")
    .option("--format <format>", "csv or yaml", "csv")
    // --project and --json are the parent command's options: commander gives them to `test`.
    .addHelpText("after", "\n  --project <dir> and --json (of `headwater test`) apply here too.")
    .action(async (table: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{
        cases: string;
        rows: string;
        format: string;
        json?: boolean;
        project: string;
      }>();
      const cases = positive(options.cases, "--cases");
      const rows = positive(options.rows, "--rows");
      if (options.format !== "csv" && options.format !== "yaml")
        fail(`--format must be csv or yaml, not '${options.format}'`);
      const { initTests, loadProject } = await import("../../pipelines/index.ts");
      const project = loadProject(resolve(options.project));
      const result = await initTests(project, table, { cases, rows, format: options.format });
      if ("error" in result) {
        process.stderr.write(`headwater: ${result.error}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      for (const file of result.created) process.stdout.write(`created ${file}\n`);
      process.stdout.write(
        result.expected.recorded
          ? `the expected rows are the engine's output for the sample inputs: check them, then run 'headwater test ${table}'\n`
          : `the expected files have only a header: ${result.expected.why}\n`,
      );
    });
}

function positive(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    fail(`${option} must be a whole number from 1 to 1000, not '${text}'`);
  return n;
}

/**
 * Prints each result as it comes; on a terminal a progress bar shows instead while the tests run and
 * the results are printed after it (so the bar never interleaves with them).
 */
async function runWithProgress(
  total: () => number,
  run: (onResult: (r: TestResult) => void) => Promise<TestResult[]>,
  json: boolean,
): Promise<TestResult[]> {
  const { renderTestResult } = await import("../../pipelines/index.ts");
  const print = (r: TestResult) => process.stdout.write(`${renderTestResult(r)}\n`);
  if (json) return run(() => {});
  if (!process.stderr.isTTY) return run(print);
  const bar = new SingleBar(
    { format: "testing [{bar}] {value}/{total}", stream: process.stderr, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(total(), 0);
  const results = await run(() => bar.increment());
  bar.stop();
  for (const r of results) print(r);
  return results;
}
