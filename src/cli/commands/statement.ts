import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { ControlStatement, LocalTarget } from "../../pipelines/index.ts";
import { EXIT_FAILURE } from "../exit.ts";
import { PROJECT_OPTION, usageExitCodes } from "./project.ts";

interface DaemonCliOptions {
  url?: string;
  project: string;
  json?: boolean;
}

/**
 * `headwater statement stop|start`: savepoints and restarts of statements on the local daemon
 * (`headwater serve --state-dir DIR --checkpoint-interval 10s`).
 */
export function registerStatementCommands(program: Command): void {
  const statement = usageExitCodes(
    program
      .command("statement")
      .description("Stop and start statements of the local daemon, with savepoints (headwater serve)"),
  );
  daemonOptions(
    usageExitCodes(
      statement
        .command("stop <name>")
        .description(
          "Stop a statement; under checkpoints a last checkpoint commits its output first, and --savepoint keeps it as a savepoint file to start from later",
        ),
    ),
  )
    .option("--savepoint", "write a savepoint before stopping and print its path")
    .action((name: string, options: DaemonCliOptions & { savepoint?: boolean }) =>
      run(options, (daemon) => daemon.stopStatement(name, { savepoint: options.savepoint === true })),
    );
  daemonOptions(
    usageExitCodes(
      statement
        .command("start <name>")
        .description(
          "Start a stopped statement again: from its last checkpoint, or from a savepoint; with --sql-file, new SQL whose state compatibility is checked (an incompatible change is refused with the reasons)",
        ),
    ),
  )
    .option("--from-savepoint <path>", "resume from this savepoint file instead of the last checkpoint")
    .option("--sql-file <file>", "the statement's new SQL (an upgrade in place)")
    .action(
      async (name: string, options: DaemonCliOptions & { fromSavepoint?: string; sqlFile?: string }) => {
        let sql: string | undefined;
        if (options.sqlFile !== undefined) {
          try {
            sql = readFileSync(resolve(options.sqlFile), "utf8");
          } catch (error) {
            return failWith(
              options,
              `cannot read --sql-file ${options.sqlFile}: ${(error as Error).message}`,
            );
          }
        }
        await run(options, (daemon) =>
          daemon.startStatement(name, {
            ...(options.fromSavepoint !== undefined ? { fromSavepoint: resolve(options.fromSavepoint) } : {}),
            ...(sql !== undefined ? { statement: sql } : {}),
          }),
        );
      },
    );
}

function daemonOptions(command: Command): Command {
  return command
    .option("--url <url>", "the daemon's control API (default: deploy.local_url of headwater.yaml)")
    .option(...PROJECT_OPTION)
    .option("--json", "print the statement as JSON (on failure: {ok: false, error})");
}

async function run(
  options: DaemonCliOptions,
  action: (daemon: LocalTarget) => Promise<ControlStatement>,
): Promise<void> {
  const { configString, LocalTarget, loadConfig, TargetError } = await import("../../pipelines/index.ts");
  const url = options.url ?? configString(loadConfig(resolve(options.project)), "deploy.local_url");
  const daemon = new LocalTarget(url);
  try {
    const statement = await action(daemon);
    process.stdout.write(options.json ? `${JSON.stringify(statement, null, 2)}\n` : describe(statement));
  } catch (error) {
    const message = error instanceof TargetError || error instanceof Error ? error.message : String(error);
    failWith(options, message);
  }
}

function describe(statement: ControlStatement): string {
  const lines = [`${statement.name}: ${statement.phase}`];
  const checkpoints = statement.checkpoints;
  if (checkpoints?.savepoint) lines.push(`savepoint: ${checkpoints.savepoint}`);
  if (checkpoints?.restoredFrom) lines.push(`resumed from: ${checkpoints.restoredFrom}`);
  if (statement.detail) lines.push(statement.detail);
  return `${lines.join("\n")}\n`;
}

function failWith(options: { json?: boolean }, message: string): void {
  if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
  else process.stderr.write(`headwater statement: ${message}\n`);
  process.exitCode = EXIT_FAILURE;
}
