import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { compileExpr } from "../../../src/engine/runtime/expr/index.ts";
import { bindSql, COLUMNS, ENV, testContext } from "./sql-eval.ts";

/**
 * Differential test: functions DuckDB computes exactly as Flink does (integer arithmetic with Java's
 * truncating division and remainder, string functions, date parts) evaluated over random rows by both
 * engines. Each entry: our SQL, DuckDB's SQL over columns i, j (INTEGER), s (VARCHAR), dt (DATE).
 */
const CASES: readonly [ours: string, duck: string][] = [
  ["i + j", "i + j"],
  ["i - j", "i - j"],
  ["i * 3", "i * 3"],
  ["i / j", "CASE WHEN j = 0 THEN NULL ELSE trunc(i / j)::INTEGER END"],
  ["MOD(i, j)", "CASE WHEN j = 0 THEN NULL ELSE i % j END"],
  ["ABS(i)", "abs(i)"],
  ["i < j", "i < j"],
  ["LOWER(s)", "lower(s)"],
  ["UPPER(s)", "upper(s)"],
  ["CHAR_LENGTH(s)", "length(s)"],
  ["SUBSTRING(s, 2, 3)", "substring(s, 2, 3)"],
  ["REPLACE(s, 'a', 'xy')", "replace(s, 'a', 'xy')"],
  ["REVERSE(s)", "reverse(s)"],
  ["s || 'z'", "s || 'z'"],
  ["POSITION('b' IN s)", "position('b' IN s)"],
  ["s LIKE '%a_b%'", "s LIKE '%a_b%'"],
  ["YEAR(dt)", "year(dt)"],
  ["MONTH(dt)", "month(dt)"],
  ["DAYOFMONTH(dt)", "day(dt)"],
  ["DAYOFYEAR(dt)", "dayofyear(dt)"],
  ["DAYOFWEEK(dt)", "dayofweek(dt) + 1"],
  ["QUARTER(dt)", "quarter(dt)"],
  ["WEEK(dt)", "week(dt)"],
  ["EXTRACT(ISOYEAR FROM dt)", "isoyear(dt)"],
];

function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    return (x >>> 8) / 2 ** 24;
  };
}

describe("agrees with DuckDB on random inputs", async () => {
  const connection = await (await DuckDBInstance.create()).connect();
  const next = random(7);
  const rows = Array.from({ length: 300 }, (_, n) => ({
    i: n % 17 === 0 ? null : Math.floor((next() - 0.5) * 2000),
    j: Math.floor((next() - 0.5) * 20),
    s:
      n % 13 === 0
        ? null
        : Array.from({ length: Math.floor(next() * 8) }, () => "abcB"[Math.floor(next() * 4)]).join(""),
    dt: Math.floor((next() - 0.5) * 40_000),
  }));
  const values = rows
    .map(
      (r) => `(${r.i ?? "NULL"}, ${r.j}, ${r.s === null ? "NULL" : `'${r.s}'`}, DATE '1970-01-01' + ${r.dt})`,
    )
    .join(", ");
  await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v(i, j, s, dt)`);
  const names = COLUMNS.map(([n]) => n as string);

  it.each(CASES)("%s", async (ours, duck) => {
    const compiled = compileExpr(bindSql(ours), ENV);
    const ctx = testContext();
    const expected = (await connection.runAndReadAll(`SELECT ${duck} FROM t`)).getRowsJS().map((r) => r[0]);
    const actual = rows.map((r) => {
      const row: SqlValue[] = names.map((n) => (n in r ? (r as Record<string, SqlValue>)[n]! : null));
      try {
        return compiled(row, ctx);
      } catch {
        return null;
      }
    });
    expect(actual).toEqual(expected.map((v) => (typeof v === "bigint" ? Number(v) : v)));
  });
});
