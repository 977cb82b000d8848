import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { LineageDirection, LineageNode } from "../../pipelines/index.ts";
import { fail } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

export function registerLineageCommand(program: Command): void {
  usageExitCodes(
    program
      .command("lineage")
      .description(
        "Column-level lineage of a table: where each column comes from (upstream) or goes (downstream)",
      ),
  )
    .argument("<table>", "table name")
    .option("--column <column>", "one column (default: every column)")
    .option("--upstream", "follow sources (default)")
    .option("--downstream", "follow consumers")
    .option("--indirect", "include columns used only in filters, join conditions and grouping keys")
    .option("--format <format>", "tree, json or html", "tree")
    .option("--output <file>", "write to a file instead of stdout (html defaults to <table>_lineage.html)")
    .option(...PROJECT_OPTION)
    .action(
      async (
        table: string,
        options: {
          column?: string;
          upstream?: boolean;
          downstream?: boolean;
          indirect?: boolean;
          format: string;
          output?: string;
          project: string;
        },
      ) => {
        if (options.upstream && options.downstream) fail("--upstream and --downstream exclude each other");
        if (!["tree", "json", "html"].includes(options.format))
          fail(`--format must be tree, json or html, not '${options.format}'`);
        const { ProjectLineage, renderLineageHtml, renderLineageTree } = await import(
          "../../pipelines/index.ts"
        );
        const { loadAndReport } = await import("./project-load.ts");
        const project = loadAndReport(options.project);
        if (!project.tables.has(table)) fail(`no table '${table}' in the project`);
        const lineage = new ProjectLineage(project);
        const columns = lineage.columnsOf(table, project);
        if (options.column && !columns.includes(options.column))
          fail(`table '${table}' has no column '${options.column}' (columns: ${columns.join(", ")})`);
        const direction: LineageDirection = options.downstream ? "downstream" : "upstream";
        const roots: LineageNode[] = (options.column ? [options.column] : columns).map((c) =>
          lineage.tree(table, c, direction, options.indirect === true),
        );
        const text =
          options.format === "json"
            ? `${JSON.stringify({ table, direction, columns: roots }, null, 2)}\n`
            : options.format === "html"
              ? renderLineageHtml(
                  roots,
                  direction,
                  `${direction} lineage of ${table}${options.column ? `.${options.column}` : ""}`,
                )
              : roots.map(renderLineageTree).join("\n");
        const output = options.output ?? (options.format === "html" ? `${table}_lineage.html` : undefined);
        if (output) {
          writeFileSync(output, text);
          process.stdout.write(`wrote ${output}\n`);
        } else process.stdout.write(text);
      },
    );
}
