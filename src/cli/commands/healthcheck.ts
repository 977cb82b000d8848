import type { Command } from "commander";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

interface HealthCliOptions {
  product?: string;
  target?: string;
  json?: boolean;
  project: string;
}

export function registerHealthcheckCommand(program: Command): void {
  usageExitCodes(
    program
      .command("healthcheck")
      .description(
        "Per product: statement phases on the target, failed or missing statements, children started before their parents (exit 1 when unhealthy)",
      ),
  )
    .option("--product <product>", "one product (default: every product)")
    .option("--target <target>", "local, flink, confluent (default: deploy.target of headwater.yaml)")
    .option("--json", "print the report as JSON")
    .option(...PROJECT_OPTION)
    .action(async (options: HealthCliOptions) => {
      const { healthcheck, renderHealthReport } = await import("../../pipelines/index.ts");
      const { openTarget, printReport, withTarget } = await import("./target-context.ts");
      return withTarget(options, openTarget(options, false), async ({ project, target }) => {
        const result = await healthcheck(project, target, options.product);
        printReport(options, project, result, renderHealthReport, (r) => r.healthy);
      });
    });
}
