import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { decimalToString } from "../../../src/engine/runtime/functions/decimal.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { random } from "../../infra/seeded-random.ts";
import { type AggOptions, agg } from "./helpers.ts";

/**
 * Our aggregates against DuckDB's GROUP BY on the same random insert-only rows. Where the engines
 * differ by design the comparison maps one onto the other: DuckDB's AVG of integers is a DOUBLE, Flink's
 * an integer truncated toward zero; DuckDB's AVG of DECIMAL is a DOUBLE, Flink's DECIMAL(38, 6) rounded
 * HALF_UP, so it is compared to within half a unit of the sixth decimal; sums of DECIMAL are compared as
 * exact text.
 */
interface Row {
  g: number;
  x: number | null;
  d: number | null;
  m: bigint | null; // DECIMAL(10, 2)
  s: string | null;
}

const STRINGS = ["apple", "Apple", "b", "ß", "\uff5e", "😀", "zz", ""];

function makeRows(seed: number, n: number): Row[] {
  const rand = random(seed);
  const maybe = <T>(value: T): T | null => (rand() < 0.1 ? null : value);
  return Array.from({ length: n }, () => ({
    g: Math.floor(rand() * 12),
    x: maybe(Math.floor(rand() * 2001) - 1000),
    d: maybe((rand() - 0.5) * 1e4),
    m: maybe(BigInt(Math.floor(rand() * 2_000_001) - 1_000_000)),
    s: maybe(STRINGS[Math.floor(rand() * STRINGS.length)]!),
  }));
}

const sqlLiteral = (v: SqlValue, scale = 0): string =>
  v === null
    ? "NULL"
    : typeof v === "string"
      ? `'${v.replaceAll("'", "''")}'`
      : typeof v === "bigint"
        ? decimalToString(v, scale)
        : String(v);

interface Check {
  label: string;
  sql: string;
  name: string;
  column: keyof Row;
  type: DataType;
  options?: AggOptions;
  compare: (ours: SqlValue, duck: unknown) => boolean;
}

const exact = (ours: SqlValue, duck: unknown): boolean =>
  ours === null ? duck === null : typeof duck === "bigint" ? BigInt(ours as number) === duck : ours === duck;
const close = (ours: SqlValue, duck: unknown): boolean =>
  ours === null || duck === null
    ? ours === duck
    : Math.abs((ours as number) - (duck as number)) <= 1e-9 * Math.max(1, Math.abs(duck as number));

const CHECKS: Check[] = [
  { label: "COUNT(*)", sql: "COUNT(*)", name: "COUNT", column: "g", type: t.int(), compare: exact },
  { label: "COUNT(x)", sql: "COUNT(x)", name: "COUNT", column: "x", type: t.int(), compare: exact },
  {
    label: "COUNT(DISTINCT s)",
    sql: "COUNT(DISTINCT s)",
    name: "COUNT",
    column: "s",
    type: t.string(),
    options: { distinct: true },
    compare: exact,
  },
  { label: "SUM(x)", sql: "SUM(x)::BIGINT", name: "SUM", column: "x", type: t.bigint(), compare: exact },
  {
    label: "SUM(DISTINCT x)",
    sql: "SUM(DISTINCT x)::BIGINT",
    name: "SUM",
    column: "x",
    type: t.bigint(),
    options: { distinct: true },
    compare: exact,
  },
  {
    label: "SUM(m) DECIMAL",
    sql: "SUM(m)::VARCHAR",
    name: "SUM",
    column: "m",
    type: t.decimal(10, 2),
    compare: (ours, duck) => (ours === null ? duck === null : decimalToString(ours as bigint, 2) === duck),
  },
  { label: "SUM(d)", sql: "SUM(d)", name: "SUM", column: "d", type: t.double(), compare: close },
  {
    label: "AVG(x) INT → truncated",
    sql: "AVG(x)",
    name: "AVG",
    column: "x",
    type: t.int(),
    compare: (ours, duck) => (duck === null ? ours === null : ours === Math.trunc(duck as number)),
  },
  {
    label: "AVG(m) DECIMAL → DECIMAL(38, 6)",
    sql: "AVG(m)",
    name: "AVG",
    column: "m",
    type: t.decimal(10, 2),
    compare: (ours, duck) =>
      duck === null
        ? ours === null
        : Math.abs(Number(ours as bigint) / 1e6 - (duck as number)) <= 5e-7 + 1e-9,
  },
  { label: "AVG(d)", sql: "AVG(d)", name: "AVG", column: "d", type: t.double(), compare: close },
  { label: "MIN(x)", sql: "MIN(x)", name: "MIN", column: "x", type: t.int(), compare: exact },
  { label: "MAX(d)", sql: "MAX(d)", name: "MAX", column: "d", type: t.double(), compare: exact },
  { label: "MIN(s)", sql: "MIN(s)", name: "MIN", column: "s", type: t.string(), compare: exact },
  { label: "MAX(s)", sql: "MAX(s)", name: "MAX", column: "s", type: t.string(), compare: exact },
  {
    label: "STDDEV_POP(d)",
    sql: "STDDEV_POP(d)",
    name: "STDDEV_POP",
    column: "d",
    type: t.double(),
    compare: close,
  },
  {
    label: "STDDEV_SAMP(d)",
    sql: "STDDEV_SAMP(d)",
    name: "STDDEV_SAMP",
    column: "d",
    type: t.double(),
    compare: close,
  },
  { label: "VAR_POP(d)", sql: "VAR_POP(d)", name: "VAR_POP", column: "d", type: t.double(), compare: close },
  {
    label: "VAR_SAMP(d)",
    sql: "VAR_SAMP(d)",
    name: "VAR_SAMP",
    column: "d",
    type: t.double(),
    compare: close,
  },
];

const connection = DuckDBInstance.create().then((db) => db.connect());
afterAll(async () => (await connection).closeSync());

describe.each([11, 12, 13])("against DuckDB GROUP BY (seed %i)", (seed) => {
  const rows = makeRows(seed, 3000);

  it.each(CHECKS)("$label", async (check) => {
    const connectionReady = await connection;
    const table = `rows_${seed}`;
    await connectionReady.run(
      `CREATE TABLE IF NOT EXISTS ${table} AS SELECT * FROM (VALUES ${rows
        .map(
          (r) =>
            `(${r.g}, ${sqlLiteral(r.x)}, ${sqlLiteral(r.d)}, ${sqlLiteral(r.m, 2)}::DECIMAL(10,2), ${sqlLiteral(r.s)})`,
        )
        .join(",")}) t(g, x, d, m, s)`,
    );
    const reader = await connectionReady.runAndReadAll(
      `SELECT g, ${check.sql} FROM ${table} GROUP BY g ORDER BY g`,
    );
    const fn = agg(
      check.name,
      check.name === "COUNT" && check.label === "COUNT(*)" ? [] : [check.type],
      check.options,
    );
    for (const [g, duck] of reader.getRowsJS()) {
      const acc = fn.createAccumulator();
      for (const r of rows) {
        if (r.g !== Number(g)) continue;
        fn.accumulate(acc, check.label === "COUNT(*)" ? [] : [r[check.column] as SqlValue]);
      }
      const ours = fn.getValue(acc);
      expect(check.compare(ours, duck), `group ${g}: ours ${String(ours)}, DuckDB ${String(duck)}`).toBe(
        true,
      );
    }
  });
});
