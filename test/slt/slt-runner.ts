// Runs sqllogictest-style files against a fresh engine each (see test/slt/README.md for the format).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Row } from "../../src/common/value.ts";
import {
  createEngine,
  type Engine,
  formatValue,
  type QueryResult,
  type StatementResult,
} from "../../src/engine/index.ts";
import { parseScript } from "../../src/sql/parser/index.ts";

type SltRecord =
  | { readonly kind: "statement"; readonly expectError?: string; readonly sql: string; readonly line: number }
  | {
      readonly kind: "query" | "changelog" | "explain";
      readonly types: string;
      readonly rowsort: boolean;
      readonly sql: string;
      readonly expected: readonly string[];
      readonly line: number;
      /** Line range of the expected block in the file, for --complete. */
      readonly expectedStart: number;
      readonly expectedEnd: number;
    };

export interface SltFailure {
  readonly line: number;
  readonly message: string;
}

export function parseSlt(text: string): SltRecord[] {
  const lines = text.split("\n");
  const records: SltRecord[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) {
      i++;
      continue;
    }
    const start = i + 1;
    const [head, ...rest] = line.split(/\s+/);
    i++;
    const sqlLines: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && lines[i]!.trim() !== "----")
      sqlLines.push(lines[i++]!);
    const sql = sqlLines.join("\n");
    if (head === "statement") {
      const expectError = rest[0] === "error" ? line.replace(/^statement\s+error\s*/, "") : undefined;
      records.push({
        kind: "statement",
        ...(expectError !== undefined ? { expectError } : {}),
        sql,
        line: start,
      });
      continue;
    }
    if (head === "query" || head === "changelog" || head === "explain") {
      const expected: string[] = [];
      let expectedStart = i;
      if (lines[i]?.trim() === "----") {
        i++;
        expectedStart = i;
        while (i < lines.length && lines[i]!.trim() !== "") expected.push(lines[i++]!);
      }
      records.push({
        kind: head,
        types: head === "query" ? (rest[0] ?? "") : "",
        rowsort: rest.includes("rowsort"),
        sql,
        expected,
        line: start,
        expectedStart,
        expectedEnd: i,
      });
      continue;
    }
    throw new Error(`line ${start}: unknown record '${head}'`);
  }
  return records;
}

/** Runs a file; with `complete`, rewrites its expected blocks from the actual output instead of failing. */
export async function runSltFile(path: string, complete: boolean): Promise<SltFailure[]> {
  const text = readFileSync(path, "utf8");
  const records = parseSlt(text);
  // CREATE FUNCTION module paths are relative to the .slt file.
  const engine = createEngine({ clock: () => 0, seed: 1, functionDir: dirname(path) });
  const failures: SltFailure[] = [];
  const rewrites: { start: number; end: number; lines: string[]; hadSeparator: boolean }[] = [];
  for (const record of records) {
    let result: StatementResult | undefined;
    let error: string | undefined;
    try {
      result = await executeRecord(engine, record.sql);
      error = jobError(result);
    } catch (e) {
      error = (e as Error).message;
    }
    if (record.kind === "statement") {
      if (record.expectError === undefined && error !== undefined)
        failures.push({ line: record.line, message: `expected ok, got error:\n${error}` });
      if (record.expectError !== undefined) {
        if (error === undefined)
          failures.push({ line: record.line, message: "expected an error, statement succeeded" });
        else if (!new RegExp(record.expectError, "s").test(error))
          failures.push({
            line: record.line,
            message: `error does not match /${record.expectError}/:\n${error}`,
          });
      }
      continue;
    }
    if (error !== undefined || !result) {
      failures.push({ line: record.line, message: `query failed:\n${error}` });
      continue;
    }
    const actual = render(record, result);
    if (complete) {
      rewrites.push({
        start: record.expectedStart,
        end: record.expectedEnd,
        lines: actual,
        hadSeparator:
          record.expectedStart !== record.expectedEnd ||
          text.split("\n")[record.expectedStart - 1]?.trim() === "----",
      });
    } else if (actual.join("\n") !== record.expected.join("\n")) {
      failures.push({
        line: record.line,
        message: `expected:\n${record.expected.join("\n")}\nactual:\n${actual.join("\n")}`,
      });
    }
  }
  if (complete && rewrites.length > 0) writeFileSync(path, applyRewrites(text, rewrites));
  return failures;
}

/**
 * Runs a record's SQL. A record of several statements runs them one by one, each until every job is
 * idle, and answers with its first query: so a `changelog` record can start a query and then feed
 * its inputs change by change, interleaving them as a test needs.
 */
async function executeRecord(engine: Engine, sql: string): Promise<StatementResult> {
  const statements = parseScript({ name: "<slt>", text: sql }).statements;
  if (statements.length <= 1) return engine.execute(sql);
  const results: StatementResult[] = [];
  for (const statement of statements) {
    const result = await engine.execute(sql.slice(statement.span.start, statement.span.end));
    const error = jobError(result);
    if (error !== undefined) return result;
    results.push(result);
  }
  return results.find((r) => r.kind === "query") ?? results[results.length - 1]!;
}

function jobError(result: StatementResult): string | undefined {
  if (result.kind === "query") return result.error?.message;
  if (result.kind === "insert") return result.jobs.find((j) => j.error)?.error?.message;
  return undefined;
}

function render(
  record: Extract<SltRecord, { expected: readonly string[] }>,
  result: StatementResult,
): string[] {
  if (record.kind === "explain") {
    if (result.kind !== "explain") return [`<not an EXPLAIN: ${result.kind}>`];
    return result.plan.split("\n");
  }
  if (result.kind !== "query") return [`<not a query: ${result.kind}>`];
  if (record.kind === "changelog")
    return result.changelog().map((c) => `${c.kind} ${formatLine(result, c.row)}`);
  const lines = result.table().map((row) => formatLine(result, row));
  if (record.types.length !== result.columns.length)
    lines.unshift(`<query declares ${record.types.length} columns, result has ${result.columns.length}>`);
  return record.rowsort ? lines.sort() : lines;
}

function formatLine(result: QueryResult, row: Row): string {
  return row
    .map((v, i) => {
      const text = formatValue(v, result.columns[i]!.type);
      return text === "" ? "(empty)" : text;
    })
    .join(" ");
}

function applyRewrites(
  text: string,
  rewrites: readonly { start: number; end: number; lines: string[]; hadSeparator: boolean }[],
): string {
  const lines = text.split("\n");
  for (const r of [...rewrites].reverse()) {
    const block = r.hadSeparator ? r.lines : ["----", ...r.lines];
    lines.splice(r.start, r.end - r.start, ...block);
  }
  return lines.join("\n");
}
