import type { Command } from "commander";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

export function registerInventoryCommand(program: Command): void {
  usageExitCodes(
    program
      .command("inventory")
      .description(
        "Parse and bind the project; write pipelines/inventory.json and each table's pipeline_definition.json (exit 1 on errors)",
      ),
  )
    .option(...PROJECT_OPTION)
    .option("--json", "print inventory.json to stdout")
    .option("--no-write", "do not write the metadata files")
    .action(async (options: { project: string; json?: boolean; write: boolean }) => {
      const { buildInventory, writeMetadata } = await import("../../pipelines/index.ts");
      const { loadAndReport } = await import("./project-load.ts");
      const project = loadAndReport(options.project);
      const written = options.write ? writeMetadata(project) : [];
      if (options.json) process.stdout.write(`${JSON.stringify(buildInventory(project), null, 2)}\n`);
      else {
        for (const path of written) process.stdout.write(`wrote ${path}\n`);
        const own = [...project.tables.values()].filter((t) => t.folder).length;
        process.stdout.write(`${own} table(s), ${project.findings.length} finding(s)\n`);
      }
    });
}
