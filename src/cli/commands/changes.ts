import { resolve } from "node:path";
import type { Command } from "commander";
import { EXIT_FAILURE } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

export function registerChangesCommand(program: Command): void {
  usageExitCodes(
    program
      .command("changes")
      .description(
        "SQL changed since a git reference, the tables it impacts, and per table: restart in place or blue/green (_vN → _vN+1) by statefulness",
      ),
  )
    .option(
      "--since <ref>",
      "commit, branch or tag to compare with (default: the merge base of HEAD and main)",
    )
    .option("--json", "print the report as JSON")
    .option(...PROJECT_OPTION)
    .action(async (options: { since?: string; json?: boolean; project: string }) => {
      const { changedFiles, configString, proposeChanges, renderChanges } = await import(
        "../../pipelines/index.ts"
      );
      const { loadAndReport } = await import("./project-load.ts");
      const dir = resolve(options.project);
      const project = loadAndReport(dir);
      const changes = changedFiles(dir, configString(project.config, "project.pipelines_dir"), options.since);
      if ("error" in changes) {
        process.stderr.write(`headwater: ${changes.error}\n`);
        process.exitCode = EXIT_FAILURE;
        return;
      }
      const report = proposeChanges(project, changes);
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderChanges(report));
    });
}
