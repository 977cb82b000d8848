/**
 * DuckDB batch oracle for Headwater's Nexmark queries (test/corpus/nexmark/qN.sql): each
 * queries/qN.sql computes the FINAL materialized result of the Flink query over all events of a
 * bounded input, i.e. what a Flink sink table holds once every retraction has been applied.
 *
 * Event-time assumption: a bounded source ends with a +inf watermark, so every window fires at end
 * of input. Our generator emits events in timestamp order and the Nexmark watermark trails by 4 s,
 * so no event is late and none is dropped; the oracle therefore ignores watermarks altogether.
 * Data written out of order (beyond 4 s) would make Flink drop rows the oracle keeps.
 *
 * Rows come back in Headwater's value convention (src/common/value.ts): BIGINT as number,
 * TIMESTAMP(3) as epoch millis, DECIMAL as the unscaled bigint at the Flink result type's scale
 * (each SQL file casts to that type), VARCHAR as string. Each file's header gives its result schema
 * and rows are sorted (ORDER BY ALL) so results compare as lists.
 *
 * CLI: node --experimental-strip-types bench/nexmark/duckdb/run.ts <query> <dataDir>
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type DuckDBConnection,
  DuckDBDecimalValue,
  DuckDBInstance,
  DuckDBTimestampValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Row, SqlValue } from "../../../src/common/value.ts";

/**
 * Queries with an oracle. Not here: q6 (Flink rejects its OVER aggregation over an updating
 * input, FLINK-19059, so there is no Flink result to match) and q12 (processing-time windows:
 * the result depends on wall-clock arrival, not on the events). q10's oracle returns the rows its
 * file sink would write, q13's joins bid with `side_input.txt` from the data directory.
 */
export const ORACLE_QUERIES: readonly string[] =
  "q0 q1 q2 q3 q4 q5 q7 q8 q9 q10 q11 q13 q14 q15 q16 q17 q18 q19 q20 q21 q22".split(" ");

/** Why the other corpus queries have none, as the benchmark report says it. */
export const WITHOUT_ORACLE: Readonly<Record<string, string>> = {
  q6: "Flink rejects the query (FLINK-19059), so there is no result to match",
  q12: "processing-time windows depend on when rows arrive, not on the events",
};

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Runs one oracle query over the CSV files in `dataDir` (see tables.sql) in a fresh in-memory DuckDB. */
export async function runNexmarkOracle(query: string, dataDir: string): Promise<Row[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await loadNexmarkTables(connection, query, dataDir);
    return await readOracleRows(connection, query);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The tables `query` reads, loaded from `dataDir` (the benchmark times this apart from the query). */
export async function loadNexmarkTables(
  connection: DuckDBConnection,
  query: string,
  dataDir: string,
): Promise<void> {
  await connection.run(tablesSql(dataDir));
  if (query === "q13") await connection.run(sideInputSql(dataDir));
}

/**
 * The oracle's SQL for `query`. A file may define helpers (macros) first; DuckDB returns the last
 * statement's result. `sorted: false` drops the final ORDER BY ALL, which only makes results
 * comparable as lists: the benchmark times the query without it.
 */
export function oracleSql(query: string, options: { readonly sorted: boolean } = { sorted: true }): string {
  if (!ORACLE_QUERIES.includes(query)) throw new Error(`no DuckDB oracle for Nexmark ${query}`);
  const sql = readFileSync(join(HERE, "queries", `${query}.sql`), "utf8");
  if (options.sorted) return sql;
  const unsorted = sql.replace(/\s+ORDER BY ALL\s*;\s*$/i, ";\n");
  if (unsorted === sql) throw new Error(`queries/${query}.sql does not end with ORDER BY ALL`);
  return unsorted;
}

/** The oracle's rows for `query`, sorted, in Headwater's value convention. */
export async function readOracleRows(connection: DuckDBConnection, query: string): Promise<Row[]> {
  const reader = await connection.runAndReadAll(oracleSql(query));
  return reader.getRows().map((row) => row.map(toSqlValue));
}

function tablesSql(dataDir: string): string {
  return readFileSync(join(HERE, "tables.sql"), "utf8")
    .replaceAll("{{DIR}}", sqlPath(dataDir))
    .replaceAll("{{HEADER}}", String(startsWithHeader(join(dataDir, "bid.csv"))));
}

/** q13's side input, as the Flink DDL reads it: csv lines `key,value`, no header. */
function sideInputSql(dataDir: string): string {
  const path = join(dataDir, "side_input.txt");
  if (!existsSync(path)) throw new Error(`Nexmark q13 needs ${path} (csv lines key,value)`);
  return `CREATE TABLE side_input AS SELECT * FROM read_csv('${sqlPath(path)}', header = false,
    columns = {'key': 'BIGINT', 'value': 'VARCHAR'});`;
}

const sqlPath = (path: string): string => path.replaceAll("'", "''");

/** writeNexmarkCsv writes a header unless told not to; bid.csv's header starts with its first column. */
function startsWithHeader(bidCsv: string): boolean {
  const file = openSync(bidCsv, "r");
  try {
    const start = Buffer.alloc(8);
    const read = readSync(file, start, 0, start.length, 0);
    return start.subarray(0, read).toString("utf8").startsWith("auction,");
  } finally {
    closeSync(file);
  }
}

function toSqlValue(value: DuckDBValue): SqlValue {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return safeNumber(value);
  if (value instanceof DuckDBDecimalValue) return value.value;
  // Oracle timestamps are whole milliseconds and after 1970, so this division is exact.
  if (value instanceof DuckDBTimestampValue) return safeNumber(value.micros / 1000n);
  throw new Error(`DuckDB value ${String(value)} has no Headwater counterpart in the oracle`);
}

function safeNumber(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`${value} is beyond ±2^53`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [query, dataDir] = process.argv.slice(2);
  if (query === undefined || dataDir === undefined) {
    console.error(`usage: run.ts <${ORACLE_QUERIES.join("|")}> <dataDir>`);
    process.exit(2);
  }
  for (const row of await runNexmarkOracle(query, dataDir)) {
    console.log(row.map((v) => (typeof v === "bigint" ? `${v}n` : JSON.stringify(v))).join("\t"));
  }
}
