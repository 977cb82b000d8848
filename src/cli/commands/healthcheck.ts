import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_FAILURE } from "../exit.ts";
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
      const { createTarget, healthcheck, renderHealthReport } = await import("../../pipelines/index.ts");
      const { json, print, report, targetKindOf } = await import("./target-context.ts");
      const { loadAndReport } = await import("./project-load.ts");
      const kind = targetKindOf(options);
      const project = loadAndReport(resolve(options.project), options.json === true);
      if (project.findings.some((f) => f.code === "config/invalid"))
        return report(options, project, "the configuration has problems; see `headwater project config`");
      const target = createTarget(project.config, kind);
      if ("problems" in target) return report(options, project, target.problems.join("\n"));
      try {
        const result = await healthcheck(project, target, options.product);
        if ("error" in result) return report(options, project, result.error);
        print(project, options.json ? json(result) : renderHealthReport(result));
        process.exitCode = result.healthy ? process.exitCode : EXIT_FAILURE;
      } catch (error) {
        report(options, project, (error as Error).message);
      } finally {
        await target.close().catch(() => undefined);
      }
    });
}
