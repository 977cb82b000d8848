// The benchmark's view of Headwater's Nexmark queries (test/corpus/nexmark/qN.sql): each file parsed
// with Headwater's own front end and taken apart into what every system runs the same way — setup
// statements, the sink table, the INSERT and its query — so one file serves Headwater, Flink and the
// result cross-check, with only the sink's connector swapped.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CreateTable, Statement } from "../../src/sql/ast/statement.ts";
import { parseScript } from "../../src/sql/parser/index.ts";
import type { DataType } from "../../src/sql/types/data-type.ts";
import { ORACLE_QUERIES } from "./duckdb/run.ts";

export const CORPUS_DIR = fileURLToPath(new URL("../../test/corpus/nexmark/", import.meta.url));

/** q0 … q22, in numeric order. */
export const NEXMARK_QUERY_NAMES: readonly string[] = readdirSync(CORPUS_DIR)
  .filter((file) => /^q\d+\.sql$/.test(file))
  .map((file) => file.slice(0, -4))
  .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));

/**
 * Queries whose output waits for the watermark (event-time windows) or the wall clock (q12): an
 * output row is not the answer to one event, so per-event latency means nothing for them.
 */
const WATERMARK_GATED = new Set(["q5", "q7", "q8", "q11", "q12"]);

export interface SinkColumn {
  readonly name: string;
  readonly type: DataType;
  /**
   * The column as the file writes it. Sink DDL reuses this text rather than printing `type`: Flink
   * reads a bare `VARCHAR` as STRING, while Headwater's parser currently makes it VARCHAR(1).
   */
  readonly definition: string;
}

export interface NexmarkQuery {
  readonly name: string;
  /** Statements before the sink (views, side tables), as SQL text, side-input paths moved into the data directory. */
  readonly setup: readonly string[];
  readonly sinkName: string;
  readonly sinkColumns: readonly SinkColumn[];
  /** `INSERT INTO <sink> <query>`. */
  readonly insert: string;
  /** The INSERT's query alone: what a final result is read from. */
  readonly select: string;
  /** The final result is a function of the events alone (a DuckDB oracle exists for it). */
  readonly deterministic: boolean;
  /** One output per input event, so event → output latency is meaningful. */
  readonly perEventOutput: boolean;
  /** How the benchmark's version differs from the corpus file, for the report. */
  readonly notes: readonly string[];
}

/**
 * Nexmark's count_char UDF lives in the nexmark-flink jar, which is not on Maven Central. Every
 * system runs the same built-in expression instead (the DuckDB oracle's macro computes the same).
 */
const COUNT_CHAR = /count_char\(\s*([^,()]+?)\s*,\s*('[^']*')\s*\)/gi;
const COUNT_CHAR_BUILTIN = "CAST(CHAR_LENGTH($1) - CHAR_LENGTH(REPLACE($1, $2, '')) AS BIGINT)";

/** Loads `qN.sql`; `dataDir` is where side inputs (q13's side_input.txt) are read from. */
export function loadNexmarkQuery(name: string, dataDir: string): NexmarkQuery {
  if (!NEXMARK_QUERY_NAMES.includes(name)) {
    throw new Error(`unknown Nexmark query '${name}'; the corpus has ${NEXMARK_QUERY_NAMES.join(", ")}`);
  }
  const file = join(CORPUS_DIR, `${name}.sql`);
  const text = readFileSync(file, "utf8");
  const parsed = parseScript({ name: file, text });
  if (parsed.diagnostics.length > 0)
    throw new Error(`${file} does not parse: ${parsed.diagnostics[0]!.message}`);
  const statements = parsed.statements;
  const inserts = statements.filter((s) => s.kind === "insert");
  const insert = inserts[0];
  if (inserts.length !== 1 || insert === undefined) throw new Error(`${file}: expected exactly one INSERT`);
  const sinkName = insert.table.parts.at(-1)!.value;
  const sink = statements.find(
    (s): s is CreateTable => s.kind === "createTable" && s.name.parts.at(-1)!.value === sinkName,
  );
  if (!sink) throw new Error(`${file}: no CREATE TABLE for the INSERT's target ${sinkName}`);

  const notes: string[] = [];
  const setup: string[] = [];
  for (const statement of statements) {
    if (statement === insert || statement === sink) continue;
    if (
      statement.kind === "createFunction" &&
      statement.name.parts.at(-1)!.value.toLowerCase() === "count_char"
    ) {
      notes.push(
        "count_char as CHAR_LENGTH − CHAR_LENGTH(REPLACE(…)) on every system (the UDF jar is not on Maven Central)",
      );
      continue;
    }
    setup.push(setupStatement(statement, text, dataDir));
  }
  if (sink.partitionedBy.length > 0 || optionOf(sink, "connector") !== "blackhole") {
    notes.push(
      `sink '${optionOf(sink, "connector")}' replaced by blackhole (throughput) and the result sink`,
    );
  }
  const sliceOf = (span: { start: number; end: number }): string => text.slice(span.start, span.end);
  return {
    name,
    setup,
    sinkName,
    sinkColumns: sink.columns.flatMap((c) =>
      c.kind === "physicalColumn" ? [{ name: c.name.value, type: c.type, definition: sliceOf(c.span) }] : [],
    ),
    insert: sliceOf(insert.span).replace(COUNT_CHAR, COUNT_CHAR_BUILTIN),
    select: sliceOf(insert.source.span).replace(COUNT_CHAR, COUNT_CHAR_BUILTIN),
    deterministic: ORACLE_QUERIES.includes(name),
    perEventOutput: !WATERMARK_GATED.has(name),
    notes,
  };
}

/** `CREATE TABLE <sink>` with the query's columns and the given connector options, unpartitioned. */
export function sinkTableSql(query: NexmarkQuery, options: Readonly<Record<string, string>>): string {
  const columns = query.sinkColumns.map((c) => `  ${c.definition}`);
  const withOptions = Object.entries(options).map(([k, v]) => `  '${k}' = '${v.replaceAll("'", "''")}'`);
  return `CREATE TABLE \`${query.sinkName}\` (\n${columns.join(",\n")}\n) WITH (\n${withOptions.join(",\n")}\n)`;
}

/** The script that measures throughput: setup, a blackhole sink, the INSERT. */
export function blackholeScript(query: NexmarkQuery): string[] {
  return [...query.setup, sinkTableSql(query, { connector: "blackhole" }), query.insert];
}

function setupStatement(statement: Statement, text: string, dataDir: string): string {
  const statementText = text.slice(statement.span.start, statement.span.end);
  const path = statement.kind === "createTable" ? statement.options.find((o) => o.key === "path") : undefined;
  if (path === undefined) return statementText;
  // A side input (q13): the same file name, read from the benchmark's data directory. The text is
  // edited rather than reprinted so every column keeps the type spelling of the file.
  const moved = `'path' = 'file://${join(dataDir, basename(path.value))}'`;
  const from = path.span.start - statement.span.start;
  const to = path.span.end - statement.span.start;
  return statementText.slice(0, from) + moved + statementText.slice(to);
}

function optionOf(table: CreateTable, key: string): string | undefined {
  return table.options.find((o) => o.key === key)?.value;
}
