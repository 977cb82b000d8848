import type { DuckDBConnection } from "@duckdb/node-api";

/**
 * SQL macros for the answers the endpoints round: an exact ratio of two amounts with at most two
 * fraction digits each, rounded half away from zero. DuckDB divides DECIMALs in floating point, so
 * the ratio is taken in integers (cents), truncated toward zero one digit further than needed — which
 * keeps every half-way case where it is — then rounded by ROUND on that exact DECIMAL.
 */
const MACROS = `
CREATE OR REPLACE MACRO cents(x) AS CAST(x * 100 AS HUGEINT);
CREATE OR REPLACE MACRO ratio2(a, b) AS ROUND(CAST(cents(a) * 1000 // NULLIF(cents(b), 0) AS DECIMAL(38, 0)) * 0.001, 2);
CREATE OR REPLACE MACRO ratio1(a, b) AS ROUND(CAST(cents(a) * 100 // NULLIF(cents(b), 0) AS DECIMAL(38, 0)) * 0.01, 1);
CREATE OR REPLACE MACRO ratio0(a, b) AS CAST(ROUND(CAST(cents(a) * 10 // NULLIF(cents(b), 0) AS DECIMAL(38, 0)) * 0.1, 0) AS BIGINT);
CREATE OR REPLACE MACRO avg2(x) AS ratio2(SUM(x), COUNT(x));
CREATE OR REPLACE MACRO pct1(condition) AS ratio1(100 * COUNT(*) FILTER (WHERE condition), COUNT(*));
CREATE OR REPLACE MACRO iso(ts) AS strftime(ts, '%Y-%m-%dT%H:%M:%S.%g');
`;

export async function installMacros(oracle: DuckDBConnection): Promise<void> {
  await oracle.run(MACROS);
}

const INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT"]);

/**
 * Rows of a DuckDB query as the JSON the REST interface writes: DECIMALs as their exact text
 * (DuckDB's rendering), integers as numbers, doubles as numbers, lists as arrays. Timestamps are
 * rendered by the query itself (the `iso` macro).
 */
export async function oracleRows(oracle: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await oracle.runAndReadAll(sql);
  const types = reader.columnTypes().map(String);
  const names = reader.columnNames();
  return reader.getRowObjectsJson().map((row) => {
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const value = row[name];
      out[name] = INTEGER_TYPES.has(types[i]!) && value !== null ? Number(value) : value;
    });
    return out;
  });
}
