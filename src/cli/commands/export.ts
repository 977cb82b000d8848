import { resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import type { Command } from "commander";
// The manifest module alone (not the serve index, which loads DuckDB): the help lists the formats.
import { EXPORT_FORMATS, type ExportFormat } from "../../serve/export/manifest.ts";
import { fail } from "../exit.ts";
import { usageExitCodes } from "./project.ts";

interface ExportCommandOptions {
  readonly f: string;
  readonly format: string;
  readonly out: string;
  readonly name?: string;
  readonly json?: boolean;
}

/**
 * `headwater export TABLE -f script.sql --format parquet --out DIR`: runs the script on the embedded
 * engine, then writes a new immutable version of the table's snapshot and prints its manifest.
 */
export function registerExportCommand(program: Command): void {
  usageExitCodes(
    program
      .command("export")
      .description(
        "Run a SQL script on the embedded engine and write a versioned snapshot of one of its tables",
      ),
  )
    .argument("<table>", "the table to export")
    .requiredOption("-f <file>", "SQL script whose CREATE TABLE and INSERT statements fill the table")
    .option("--format <format>", `${EXPORT_FORMATS.join(", ")}`, "parquet")
    .option("--out <dir>", "export root; versions go to <dir>/<table>/v<N>/", "exports")
    .option("--name <name>", "file the export under this name instead of the table's")
    .option("--json", "print the manifest as JSON")
    .action(async (table: string, options: ExportCommandOptions) => {
      if (!EXPORT_FORMATS.includes(options.format as ExportFormat))
        fail(`--format must be one of ${EXPORT_FORMATS.join(", ")}, not '${options.format}'`);
      const { SqlError } = await import("../../engine/index.ts");
      const { EXPORT_STEPS, exportTable, versionPath } = await import("../../serve/index.ts");
      const { runScript } = await import("./script-engine.ts");
      const engine = await runScript(options.f);
      let view: ReturnType<typeof engine.table>;
      try {
        view = engine.table(table);
      } catch (error) {
        if (!(error instanceof SqlError)) throw error;
        fail(error.message);
      }
      const bar = new SingleBar(
        { format: "exporting {bar} {step}", stream: process.stderr },
        Presets.shades_classic,
      );
      bar.start(EXPORT_STEPS.length, 0, { step: "" });
      const manifest = await exportTable(view, {
        format: options.format as ExportFormat,
        dir: options.out,
        ...(options.name !== undefined ? { name: options.name } : {}),
        onStep: (step) => bar.update(EXPORT_STEPS.indexOf(step), { step }),
      }).finally(() => {
        bar.update(EXPORT_STEPS.length, { step: "done" });
        bar.stop();
      });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
        return;
      }
      const dir = resolve(versionPath(options.out, manifest.table, manifest.version));
      process.stdout.write(
        [
          `${manifest.table} v${manifest.version}: ${manifest.rowCount} row${manifest.rowCount === 1 ? "" : "s"} at changelog offset ${manifest.sourceOffset}`,
          `  ${dir}/${manifest.file.path} (${manifest.file.bytes} bytes, sha256 ${manifest.file.sha256})`,
          `  ${dir}/manifest.json`,
          `  columns: ${manifest.schema.columns.map((c) => `${c.name} ${c.type}`).join(", ")}`,
          "",
        ].join("\n"),
      );
    });
}
