import type { Command } from "commander";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

export function registerLintCommand(program: Command): void {
  usageExitCodes(
    program
      .command("lint")
      .description(
        "Check the project: SQL errors, undeclared tables, cycles, and naming/best-practice rules (file:line:col)",
      ),
  )
    .option(...PROJECT_OPTION)
    .option("--json", "print findings as JSON")
    .option("--strict", "exit 1 on warnings too")
    .action(async (options: { project: string; json?: boolean; strict?: boolean }) => {
      const { lintProject, renderFinding } = await import("../../pipelines/index.ts");
      const { loadAndReport, reportFindings } = await import("./project-load.ts");
      const project = loadAndReport(options.project, true);
      const { findings, allowed } = lintProject(project);
      if (options.json) process.stdout.write(`${JSON.stringify({ findings, allowed }, null, 2)}\n`);
      else {
        for (const f of findings) process.stdout.write(`${renderFinding(f)}\n`);
        const exceptions = allowed.length > 0 ? `, ${allowed.length} allowed by lint.allow` : "";
        process.stdout.write(`${findings.length} finding(s)${exceptions}\n`);
      }
      reportFindings(findings, true);
      if (options.strict && findings.length > 0) process.exitCode = 1;
    });
}
