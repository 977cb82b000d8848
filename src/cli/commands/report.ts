import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { ReportSelector } from "../../pipelines/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

const FORMATS = ["tree", "json", "yaml", "html"] as const;

export function registerReportCommand(program: Command): void {
  usageExitCodes(
    program
      .command("report")
      .description(
        "The project's graph: tables, layers, products, parents and children, statefulness and upsert keys",
      ),
  )
    .option("--table <table>", "one table with its ancestors and descendants")
    .option("--product <product>", "one product's tables (and the tables of other products next to them)")
    .option("--format <format>", "tree, json, yaml or html", "tree")
    .option("--output <file>", "write to a file instead of stdout (html defaults to <selection>_report.html)")
    .option(...PROJECT_OPTION)
    .action(
      async (options: {
        table?: string;
        product?: string;
        format: string;
        output?: string;
        project: string;
      }) => {
        if (options.table && options.product) fail("--table and --product exclude each other");
        const format = FORMATS.find((f) => f === options.format);
        if (!format) fail(`--format must be ${FORMATS.join(", ")}, not '${options.format}'`);
        const selector: ReportSelector = options.table
          ? { kind: "table", table: options.table }
          : options.product
            ? { kind: "product", product: options.product }
            : { kind: "all" };
        const {
          buildReport,
          configString,
          renderReportHtml,
          renderReportJson,
          renderReportTree,
          renderReportYaml,
        } = await import("../../pipelines/index.ts");
        const { loadAndReport } = await import("./project-load.ts");
        const project = loadAndReport(options.project);
        const report = buildReport(project, configString(project.config, "project.name"), selector);
        if ("error" in report) {
          process.stderr.write(`headwater: ${report.error}\n`);
          process.exitCode = EXIT_FAILURE;
          return;
        }
        const text =
          format === "json"
            ? renderReportJson(report)
            : format === "yaml"
              ? renderReportYaml(report)
              : format === "html"
                ? renderReportHtml(report)
                : renderReportTree(report, options.table);
        const output =
          options.output ??
          (format === "html"
            ? `${options.table ?? options.product ?? report.project}_report.html`
            : undefined);
        if (output) {
          writeFileSync(output, text);
          process.stdout.write(`wrote ${output}\n`);
        } else process.stdout.write(text);
      },
    );
}
