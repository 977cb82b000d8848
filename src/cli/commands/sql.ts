import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { renderDiagnostic } from "../../common/diagnostic.ts";
import type { SourceText } from "../../common/source.ts";
import { fail } from "../exit.ts";

export function registerSqlCommands(program: Command): void {
  const sql = program.command("sql").description("Check, format and inspect Flink SQL files");

  sql
    .command("check")
    .description("Parse and bind SQL files; print every error with its position (exit code 1 on errors)")
    .argument(
      "<paths...>",
      "SQL files or directories (searched for *.sql); DDL files (ddl.*.sql) are read first",
    )
    .option("--format <format>", "text or json", "text")
    .action(async (paths: string[], options: { format: string }) => {
      const { checkSources } = await import("../../sql/check.ts");
      const sources = readSources(paths);
      const checked = checkSources(sources);
      const errors = checked.reduce((n, c) => n + c.diagnostics.length, 0);
      if (options.format === "json") {
        const report = checked.map((c) => ({
          file: c.source.name,
          statements: c.statements.length,
          diagnostics: c.diagnostics,
        }));
        process.stdout.write(`${JSON.stringify({ files: report, errors }, null, 2)}\n`);
      } else {
        for (const c of checked)
          for (const d of c.diagnostics) process.stderr.write(`${renderDiagnostic(c.source, d)}\n\n`);
        const statements = checked.reduce((n, c) => n + c.statements.length, 0);
        process.stdout.write(`${checked.length} file(s), ${statements} statement(s), ${errors} error(s)\n`);
      }
      if (errors > 0) process.exitCode = 1;
    });

  sql
    .command("fmt")
    .description("Print SQL files in canonical form")
    .argument("<files...>", "SQL files")
    .option("--write", "rewrite the files in place")
    .option("--check", "exit with code 1 if a file is not already formatted")
    .option("--dialect <dialect>", "flink or confluent", "flink")
    .action(async (files: string[], options: { write?: boolean; check?: boolean; dialect: string }) => {
      const { formatSql } = await import("../../sql/printer/format.ts");
      if (options.dialect !== "flink" && options.dialect !== "confluent")
        fail(`--dialect must be flink or confluent, not '${options.dialect}'`);
      let unformatted = 0;
      for (const source of readSources(files)) {
        const result = formatSql(source.text, {
          dialect: options.dialect as "flink" | "confluent",
          name: source.name,
        });
        if ("diagnostics" in result) {
          for (const d of result.diagnostics) process.stderr.write(`${renderDiagnostic(source, d)}\n\n`);
          process.exitCode = 1;
          continue;
        }
        if (options.check) {
          if (result.text !== source.text) {
            unformatted++;
            process.stdout.write(`${source.name}: not formatted\n`);
          }
        } else if (options.write) {
          if (result.text !== source.text) writeFileSync(source.name, result.text);
        } else {
          process.stdout.write(result.text);
        }
      }
      if (unformatted > 0) process.exitCode = 1;
    });

  sql
    .command("ast")
    .description("Print the syntax tree of a SQL file as JSON")
    .argument("<file>", "a SQL file")
    .option("--no-spans", "leave out source positions")
    .action(async (file: string, options: { spans: boolean }) => {
      const { parseScript } = await import("../../sql/parser/index.ts");
      const [source] = readSources([file]);
      const result = parseScript(source!);
      const replacer = (key: string, value: unknown) =>
        key === "span" && !options.spans ? undefined : value;
      process.stdout.write(
        `${JSON.stringify({ statements: result.statements, diagnostics: result.diagnostics }, replacer, 2)}\n`,
      );
      if (result.diagnostics.length > 0) process.exitCode = 1;
    });
}

/** Reads files and the *.sql files under directories; DDL files first so DML sees their tables. */
function readSources(paths: readonly string[]): SourceText[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      fail(`no such file or directory: ${path}`);
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else if (paths.includes(path) || path.endsWith(".sql")) {
      files.push(path);
    }
  };
  for (const path of paths) walk(path);
  const isDdl = (f: string): boolean => /(^|\/)ddl\.[^/]*\.sql$/.test(f);
  const ordered = [...files.filter(isDdl), ...files.filter((f) => !isDdl(f))];
  return ordered.map((name) => ({ name, text: readFileSync(name, "utf8") }));
}
