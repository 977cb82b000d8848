import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import type { PlanSelector, RunningState } from "../../pipelines/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

interface PlanCliOptions {
  table?: string;
  product?: string;
  dir?: string;
  mayStartDescendants?: boolean;
  forceAncestors?: boolean;
  crossProduct?: boolean;
  running?: string;
  output?: string;
  json?: boolean;
  project: string;
}

export function registerPlanCommand(program: Command): void {
  usageExitCodes(
    program
      .command("plan")
      .description("Execution plan: which statements to run, restart or keep, in dependency order, and why"),
  )
    .option("--table <table>", "restart one table (and start what it needs)")
    .option("--product <product>", "start every table of a product that is not running")
    .option("--dir <folder>", "start every table under a folder of the project, e.g. pipelines/sources/p2")
    .option(
      "--may-start-descendants",
      "restart children of restarted tables unless both are stateless, and their descendants",
    )
    .option("--force-ancestors", "rerun every ancestor, even running ones")
    .option("--cross-product", "let restarts cascade into other products")
    .option("--running <file>", 'JSON of running statements: {"<statement or table>": "RUNNING", ...}')
    .option(
      "--output <file>",
      "where to write the plan JSON (default .headwater/<start>_execution_plan.json)",
    )
    .option("--json", "print the plan JSON instead of the table")
    .option(...PROJECT_OPTION)
    .action(async (options: PlanCliOptions) => {
      const { buildExecutionPlan, readRunningState, renderPlan } = await import("../../pipelines/index.ts");
      const { loadAndReport } = await import("./project-load.ts");
      const selectors = [options.table, options.product, options.dir].filter((s) => s !== undefined);
      if (selectors.length !== 1) fail("give exactly one of --table, --product, --dir");
      let running: RunningState = new Map();
      if (options.running) {
        const read = readRunningState(options.running);
        if ("error" in read) fail(`--running ${options.running}: ${read.error}`);
        running = read.state;
      }
      const dir = resolve(options.project);
      const project = loadAndReport(dir);
      const selector: PlanSelector = options.table
        ? { kind: "table", table: options.table }
        : options.product
          ? { kind: "product", product: options.product }
          : { kind: "dir", dir: relative(dir, resolve(options.dir!)).split("\\").join("/") };
      const plan = buildExecutionPlan(
        project,
        selector,
        {
          mayStartDescendants: options.mayStartDescendants === true,
          forceAncestors: options.forceAncestors === true,
          crossProduct: options.crossProduct === true,
        },
        running,
      );
      if ("error" in plan) {
        process.stderr.write(`headwater: ${plan.error}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const json = `${JSON.stringify(plan, null, 2)}\n`;
      const output =
        options.output ?? join(dir, ".headwater", `${plan.start_table_name}_execution_plan.json`);
      mkdirSync(dirname(output), { recursive: true });
      writeFileSync(output, json);
      if (options.json) process.stdout.write(json);
      else process.stdout.write(`${renderPlan(plan)}\nwrote ${relative(process.cwd(), output)}\n`);
    });
}
