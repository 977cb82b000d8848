import { resolve } from "node:path";
import type { Command } from "commander";
import { fail } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

export function registerTableCommands(program: Command): void {
  const table = usageExitCodes(program.command("table").description("Create table folders"));

  table
    .command("init")
    .description(
      "Create pipelines/<layer>/<product>/<name>/ (data_product projects: pipelines/<product>/<layer>/<name>/) with DDL and DML named by the layer convention (src_, int_, <p>_fct_, <p>_dim_, <p>_mv_)",
    )
    .argument("<name>", "table folder name, e.g. orders")
    .requiredOption("--layer <layer>", "sources, intermediates, dimensions, facts or views")
    .requiredOption("--product <product>", "product the table belongs to")
    .option(...PROJECT_OPTION)
    .option("--json", "print the created table and files as JSON")
    .action(
      async (name: string, options: { layer: string; product: string; project: string; json?: boolean }) => {
        const { configString, initTable, loadConfig, parseLayer, projectTypeOf } = await import(
          "../../pipelines/index.ts"
        );
        const layer = parseLayer(options.layer);
        if (!layer)
          fail(`--layer must be sources, intermediates, dimensions, facts or views, not '${options.layer}'`);
        const dir = resolve(options.project);
        const config = loadConfig(dir);
        const pipelines = configString(config, "project.pipelines_dir");
        const result = initTable(dir, pipelines, projectTypeOf(config), name, layer, options.product);
        if ("error" in result) fail(result.error);
        if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          process.stdout.write(`table ${result.table}\n`);
          for (const path of result.created) process.stdout.write(`created ${path}\n`);
        }
      },
    );
}
