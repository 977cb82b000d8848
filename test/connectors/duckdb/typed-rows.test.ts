import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { duckDbTypeOf } from "../../../src/connectors/duckdb/duckdb-type.ts";
import { appendRows, fromDuckDB } from "../../../src/connectors/duckdb/typed-rows.ts";
import { t as T } from "../../../src/sql/types/constructors.ts";

/** More rows than two of the appender's data chunks, so a partial last chunk follows full ones. */
const ROWS = 5_000;

const TYPES = [
  T.int(),
  T.string(),
  T.decimal(10, 2),
  T.double(),
  T.date(),
  T.timestamp(3),
  T.boolean(),
  T.array(T.string()),
];

/** Every column's values vary with the row, and each column has NULLs at its own rows. */
function row(i: number): Row {
  const isNull = (column: number) => i % (7 + column) === 0;
  const values: Row = [
    i,
    `name ${i} 'quoted' "${"é".repeat(i % 5)}"`,
    BigInt(i * 137 - 50_000),
    i / 8,
    19_000 + (i % 400),
    1_700_000_000_000 + i * 1_001,
    i % 3 === 0,
    i % 4 === 0 ? [] : [`a${i}`, null, `b${i % 11}`],
  ];
  return values.map((v, column) => (isNull(column) ? null : v));
}

describe("appending Flink-typed rows to DuckDB", () => {
  it("reads back every row and NULL as appended, across data chunks", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const columns = TYPES.map((type, i) => `c${i} ${duckDbTypeOf(type).toString()}`).join(", ");
      await connection.run(`CREATE TABLE t (${columns})`);
      const appender = await connection.createAppender("t");
      const rows = Array.from({ length: ROWS }, (_, i) => row(i));
      // Two calls: a call's last chunk is partial, and the next call starts a new one.
      appendRows(appender, TYPES, rows.slice(0, 3_000));
      appendRows(appender, TYPES, rows.slice(3_000));
      appender.closeSync();
      // fromDuckDB reads scalars back; the list column is checked in SQL, as its lengths and elements.
      const scalars = TYPES.slice(0, -1);
      const reader = await connection.runAndReadAll(
        `SELECT ${scalars.map((_, i) => `c${i}`).join(", ")} FROM t`,
      );
      const read = reader.getRows().map((r) => r.map((value, i) => fromDuckDB(value, scalars[i]!)));
      const lists = await connection.runAndReadAll(
        "SELECT count(*) FILTER (WHERE len(c7) = 0), count(*) FILTER (WHERE len(c7) = 3 AND c7[2] IS NULL AND c7[1] = 'a' || c0), count(*) FILTER (WHERE c7 IS NULL) FROM t",
      );
      const lengths = (n: number) => rows.filter((r) => Array.isArray(r[7]) && r[7].length === n).length;
      const stored = rows.filter((r) => Array.isArray(r[7]) && r[7].length === 3 && r[0] !== null).length;
      expect(lists.getRows()[0]).toEqual([
        BigInt(lengths(0)),
        BigInt(stored),
        BigInt(rows.filter((r) => r[7] === null).length),
      ]);
      const byKey = (a: Row, b: Row) =>
        a[0] === b[0]
          ? String(a[1]).localeCompare(String(b[1]))
          : a[0] === null
            ? -1
            : b[0] === null
              ? 1
              : Number(a[0]) - Number(b[0]);
      expect(read.length).toBe(ROWS);
      expect(read.toSorted(byKey)).toEqual(rows.map((r) => r.slice(0, -1)).toSorted(byKey));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
