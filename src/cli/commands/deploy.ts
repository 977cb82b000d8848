import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { type TargetCliOptions, targetOptions } from "./deploy-options.ts";
import { usageExitCodes } from "./project.ts";

interface DeployCliOptions extends TargetCliOptions {
  parallel?: boolean;
  mayStartDescendants?: boolean;
  forceAncestors?: boolean;
  crossProduct?: boolean;
}

const POLL_MS = 500;

export function registerDeployCommands(program: Command): void {
  targetOptions(
    usageExitCodes(
      program
        .command("deploy")
        .description(
          "Deploy what the execution plan runs or restarts, parents first; stops at the first failure (exit 1) and reports what was deployed, what failed and what was skipped",
        ),
    ),
    "deploy",
  )
    .option("--parallel", "deploy tables whose parents are done together")
    .option("--may-start-descendants", "restart children of restarted tables unless both are stateless")
    .option("--force-ancestors", "rerun every ancestor, even running ones")
    .option("--cross-product", "let restarts cascade into other products")
    .action(async (options: DeployCliOptions) => {
      const { deployTimeoutMs, renderDeployReport, runDeploy } = await import("../../pipelines/index.ts");
      const { printReport, projectAndTarget, withTarget } = await import("./target-context.ts");
      return withTarget(options, projectAndTarget(options, true), async ({ project, target, selector }) => {
        const bar = progressBar(options);
        const result = await runDeploy(project, selector, target, {
          parallel: options.parallel === true,
          plan: {
            mayStartDescendants: options.mayStartDescendants === true,
            forceAncestors: options.forceAncestors === true,
            crossProduct: options.crossProduct === true,
          },
          timeoutMs: deployTimeoutMs(project.config),
          pollMs: POLL_MS,
          ...(bar ? { onProgress: bar } : {}),
        });
        bar?.stop();
        printReport(options, project, result, renderDeployReport, (r) => r.ok);
      });
    });

  targetOptions(
    usageExitCodes(
      program
        .command("undeploy")
        .description(
          "Stop and delete the statements of tables (with --table, its descendants too), children first, and drop the tables",
        ),
    ),
    "undeploy",
  ).action(async (options: TargetCliOptions) => {
    const { deployTimeoutMs, renderUndeployReport, runUndeploy } = await import("../../pipelines/index.ts");
    const { printReport, projectAndTarget, withTarget } = await import("./target-context.ts");
    return withTarget(options, projectAndTarget(options, false), async ({ project, target, selector }) => {
      const result = await runUndeploy(project, selector, target, {
        timeoutMs: deployTimeoutMs(project.config),
        pollMs: POLL_MS,
      });
      printReport(options, project, result, renderUndeployReport, (r) => r.ok);
    });
  });

  targetOptions(
    usageExitCodes(
      program
        .command("status")
        .description("Phase, records in/out, lag and start time of the tables' statements on the target"),
    ),
    "show",
  ).action(async (options: TargetCliOptions) => {
    const { collectStatus, renderStatusReport } = await import("../../pipelines/index.ts");
    const { printReport, projectAndTarget, withTarget } = await import("./target-context.ts");
    return withTarget(options, projectAndTarget(options, false), async ({ project, target, selector }) => {
      printReport(options, project, await collectStatus(project, selector, target), renderStatusReport);
    });
  });
}

/** A progress bar on stderr for interactive runs; none for --json or when stderr is not a terminal. */
function progressBar(
  options: TargetCliOptions,
): (((e: { done: number; total: number }) => void) & { stop(): void }) | undefined {
  if (options.json || !process.stderr.isTTY) return undefined;
  const bar = new SingleBar({
    format: "deploying [{bar}] {value}/{total} tables",
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  const update = (e: { done: number; total: number }) => {
    if (!started) {
      bar.start(e.total, e.done);
      started = true;
    } else bar.update(e.done);
  };
  return Object.assign(update, { stop: () => started && bar.stop() });
}
