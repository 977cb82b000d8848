import { createInterface } from "node:readline";
import { createEngine, type Engine, type EngineOptions, SqlError } from "../../engine/index.ts";
import { tokenize } from "../../sql/lexer/index.ts";
import { FORMATS, type Format, printResult } from "./print-result.ts";

const HELP = `Statements end with ';' and may span lines. Besides Flink SQL:
  HELP;                              this text
  QUIT; or EXIT;                     leave the shell (Ctrl-D too)
  CLEAR;                             forget the session: tables, views and running jobs
  SET 'sql-client.execution.result-mode' = 'table' | 'changelog' | 'csv' | 'json';
                                     how query results print (table by default)
INSERT jobs keep running between statements; each query prints its result once the rows
available so far have gone through it.
`;

/**
 * `headwater sql` without -e/-f: an interactive shell like Flink's SQL client. It reads statements
 * (several lines each, until a ';' outside strings and comments), runs them on one embedded engine
 * session, and prints query results. A bad statement prints its error and the session goes on.
 * Resolves with the process exit code: 0, or 1 when input came from a pipe and a statement failed.
 */
export async function runShell(initialFormat: Format, options: EngineOptions = {}): Promise<number> {
  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  let engine = createEngine(options);
  const reported = new Set<unknown>();
  let format = initialFormat;
  let failed = false;
  let buffer = "";
  const prompt = (): void => {
    if (!interactive) return;
    lines.setPrompt(buffer === "" ? "Flink SQL> " : "> ");
    lines.prompt();
  };
  if (interactive)
    process.stdout.write("Headwater SQL shell — the embedded engine. Type HELP; for help.\n\n");
  prompt();
  for await (const line of lines) {
    buffer = buffer === "" ? line : `${buffer}\n${line}`;
    if (!isComplete(buffer)) {
      prompt();
      continue;
    }
    const text = buffer;
    buffer = "";
    const command = text.trim().replace(/;\s*$/, "").trim().toUpperCase();
    if (command === "QUIT" || command === "EXIT") break;
    if (command === "HELP") process.stdout.write(HELP);
    else if (command === "CLEAR") {
      engine = createEngine(options);
      process.stdout.write("[INFO] Session cleared.\n");
    } else {
      const mode = resultMode(text);
      if (mode === "invalid") {
        process.stdout.write(`[ERROR] result mode must be one of ${FORMATS.join(", ")}\n`);
        failed = true;
      } else if (mode) {
        format = mode;
        process.stdout.write("[INFO] Execute statement succeeded.\n");
      } else if (!(await run(engine, text, format, reported))) failed = true;
    }
    prompt();
  }
  lines.close();
  return failed && !interactive ? 1 : 0;
}

/** Runs one statement; `reported` holds the failed jobs already shown, so each failure prints once. */
async function run(engine: Engine, text: string, format: Format, reported: Set<unknown>): Promise<boolean> {
  try {
    const results = await engine.executeScript(text, "<shell>");
    for (const result of results) {
      if (result.kind === "query") {
        process.stdout.write(printResult(result, format));
        // The shell shows each result once; a query left running would only hold memory.
        result.cancel();
      } else if (result.kind === "explain") process.stdout.write(`${result.plan}\n`);
      else if (result.kind === "insert")
        process.stdout.write(`[INFO] Submitted ${result.jobs.length} job(s).\n`);
      else process.stdout.write("[INFO] Execute statement succeeded.\n");
    }
    const failedJobs = engine.jobs.filter((job) => job.error && !reported.has(job));
    for (const job of failedJobs) {
      reported.add(job);
      process.stdout.write(`[ERROR] ${job.error!.message}\n`);
    }
    return failedJobs.length === 0;
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    process.stdout.write(`[ERROR] ${error.message}\n`);
    return false;
  }
}

/** A statement is complete when its last token (comments aside) is ';' and no string is left open. */
function isComplete(text: string): boolean {
  const { tokens, diagnostics } = tokenize(text);
  const last = tokens[tokens.length - 2];
  if (diagnostics.some((d) => /unterminated|unclosed/i.test(d.message))) return false;
  return last?.kind === "op" && last.value === ";";
}

/** The shell's own setting: SET 'sql-client.execution.result-mode' = '...'. */
function resultMode(text: string): Format | "invalid" | undefined {
  const match = /^\s*SET\s+'sql-client\.execution\.result-mode'\s*=\s*'([^']*)'\s*;?\s*$/i.exec(text);
  if (!match) return undefined;
  const mode = match[1]!.toLowerCase() === "tableau" ? "table" : match[1]!.toLowerCase();
  return FORMATS.includes(mode as Format) ? (mode as Format) : "invalid";
}
