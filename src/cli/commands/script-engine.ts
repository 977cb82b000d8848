import { readFileSync } from "node:fs";
import { createEngine, type Engine, SqlError } from "../../engine/index.ts";
import { EXIT_FAILURE, fail } from "../exit.ts";

/**
 * Runs a SQL script on a new embedded engine, for commands that then serve its tables. A missing file
 * is a usage error (exit 2); a statement that cannot run, or a job that fails, stops the command with
 * the engine's positioned message (exit 1).
 */
export async function runScript(file: string): Promise<Engine> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const engine = createEngine();
  try {
    await engine.executeScript(text, file);
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_FAILURE);
  }
  const failed = engine.jobs.filter((j) => j.error);
  for (const job of failed) process.stderr.write(`${job.error!.message}\n`);
  if (failed.length > 0) process.exit(EXIT_FAILURE);
  return engine;
}

/** `--tables a,b` as a list of names; undefined when the option was not given. */
export function tableList(option: string | undefined): string[] | undefined {
  if (option === undefined) return undefined;
  const names = option.split(",").map((n) => n.trim());
  if (names.some((n) => n === "")) fail(`--tables takes comma-separated table names, not '${option}'`);
  return names;
}
