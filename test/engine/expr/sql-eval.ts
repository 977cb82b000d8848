import type { Row, SqlValue } from "../../../src/common/value.ts";
import {
  compileExpr,
  compilePredicate,
  createEvalContext,
  type EvalContext,
  type EvalContextOptions,
} from "../../../src/engine/runtime/expr/index.ts";
import type { BoundExpr } from "../../../src/sql/binder/bound.ts";
import { checkSources } from "../../../src/sql/check.ts";

/**
 * Test helper: binds `SELECT <expr> FROM t` against one wide table with a column of every common type
 * and evaluates the compiled expression over a row given by column name.
 */
export const COLUMNS = [
  ["i", "INT"],
  ["j", "INT"],
  ["b", "BIGINT"],
  ["ti", "TINYINT"],
  ["si", "SMALLINT"],
  ["d", "DECIMAL(10, 2)"],
  ["d3", "DECIMAL(5, 3)"],
  ["f", "FLOAT"],
  ["x", "DOUBLE"],
  ["y", "DOUBLE"],
  ["s", "STRING"],
  ["s2", "STRING"],
  ["bo", "BOOLEAN"],
  ["bo2", "BOOLEAN"],
  ["dt", "DATE"],
  ["tm", "TIME(3)"],
  ["ts", "TIMESTAMP(3)"],
  ["ts2", "TIMESTAMP(3)"],
  ["ltz", "TIMESTAMP_LTZ(3)"],
  ["arr", "ARRAY<INT>"],
  ["sarr", "ARRAY<STRING>"],
  ["m", "MAP<STRING, INT>"],
  ["r", "ROW<a INT, b STRING>"],
  ["by", "BYTES"],
] as const;

export type ColumnName = (typeof COLUMNS)[number][0];

const DDL = `CREATE TABLE t (${COLUMNS.map(([n, t]) => `\`${n}\` ${t}`).join(", ")}) WITH ('connector' = 'datagen');`;

export function bindSql(expr: string): BoundExpr {
  const [checked] = checkSources([{ name: "test.sql", text: `${DDL}\nSELECT ${expr} FROM t;` }]);
  const errors = checked!.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`cannot bind '${expr}': ${errors.map((e) => e.message).join("; ")}`);
  const bound = checked!.statements[1]!.bound!;
  if (bound.kind !== "query" || bound.query.body.kind !== "select") throw new Error("not a select");
  return bound.query.body.projections[0]!;
}

export const ENV = { columnIndex: (ref: { column: number }) => ref.column };

function rowOf(values: Partial<Record<ColumnName, SqlValue>>): Row {
  return COLUMNS.map(([name]) => values[name] ?? null);
}

export function testContext(options: EvalContextOptions = {}): EvalContext {
  return createEvalContext({ clock: () => Date.UTC(2024, 2, 15, 10, 30, 45, 123), seed: 42, ...options });
}

export function evalSql(
  expr: string,
  values: Partial<Record<ColumnName, SqlValue>> = {},
  ctx: EvalContext = testContext(),
): SqlValue {
  return compileExpr(bindSql(expr), ENV)(rowOf(values), ctx);
}

/**
 * Evaluates a call node built by hand from bound argument expressions, for functions the parser
 * cannot spell yet (LEFT, RIGHT).
 */
export function evalCall(
  name: string,
  args: readonly string[],
  type: BoundExpr["type"],
  values: Partial<Record<ColumnName, SqlValue>> = {},
): SqlValue {
  const bound = args.map(bindSql);
  const call: BoundExpr = { kind: "call", name, args: bound, type, span: bound[0]!.span };
  return compileExpr(call, ENV)(rowOf(values), testContext());
}

export function evalPredicate(expr: string, values: Partial<Record<ColumnName, SqlValue>> = {}): boolean {
  return compilePredicate(bindSql(expr), ENV)(rowOf(values), testContext());
}

/** Epoch millis of a wall-clock time, for TIMESTAMP values. */
export function ts(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`);
}

/** Days since the epoch, for DATE values. */
export function date(text: string): number {
  return Date.parse(`${text}T00:00:00Z`) / 86_400_000;
}
