import { describe, expect, it } from "vitest";
import type { BoundStatement } from "../../../src/sql/binder/bound.ts";
import { SessionCatalog } from "../../../src/sql/catalog/session-catalog.ts";
import type { TableSchema } from "../../../src/sql/catalog/table-schema.ts";
import { checkSources } from "../../../src/sql/check.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

/** The tables a script's CREATE TABLEs made, by name; fails on any error. */
function tablesOf(sql: string): Map<string, TableSchema> {
  const [checked] = checkSources([{ name: "ddl.sql", text: sql }], new SessionCatalog());
  expect(checked!.diagnostics.map((d) => d.message)).toEqual([]);
  const tables = new Map<string, TableSchema>();
  for (const s of checked!.statements) {
    const table = (s.bound as Extract<BoundStatement, { kind: "ddl" }>).table;
    if (table) tables.set(table.path[2], table);
  }
  return tables;
}

const columnsOf = (table: TableSchema | undefined): string[] =>
  table!.columns.map(
    (c) =>
      `${c.name} ${formatDataType(c.type)} ${c.origin}${c.timeAttribute ? ` ${c.timeAttribute}` : ""}${c.hidden ? " hidden" : ""}`,
  );

const errorsOf = (sql: string): string[] =>
  checkSources([{ name: "ddl.sql", text: sql }])[0]!.diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.message}`,
  );

describe("CREATE TABLE schemas", () => {
  it("keeps computed columns where they are declared, though they are bound after the others", () => {
    const tables = tablesOf(
      "CREATE TABLE t (a INT, c AS a + 1, b STRING, m BIGINT METADATA VIRTUAL, p AS PROCTIME(), " +
        "PRIMARY KEY (a) NOT ENFORCED) WITH ('connector' = 'datagen')",
    );
    expect(columnsOf(tables.get("t"))).toEqual([
      "a INT NOT NULL physical",
      "c INT computed",
      "b STRING physical",
      "m BIGINT metadata",
      "p TIMESTAMP_LTZ(3) NOT NULL computed proctime",
    ]);
  });

  it("puts LIKE's columns first and inherits its options, so no $rowtime is added", () => {
    const tables = tablesOf(`
      CREATE TABLE s (x INT, y AS x * 2, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
      CREATE TABLE t (z STRING, w AS UPPER(z)) LIKE s (EXCLUDING GENERATED);
      CREATE TABLE u (z STRING) WITH ('format' = 'json') LIKE s (EXCLUDING OPTIONS);
    `);
    expect(columnsOf(tables.get("t"))).toEqual([
      "x INT physical",
      "ts TIMESTAMP(3) physical rowtime",
      "z STRING physical",
      "w STRING computed",
    ]);
    expect(tables.get("t")!.options).toEqual({ connector: "datagen" });
    expect(tables.get("u")!.options).toEqual({ format: "json" });
    expect(columnsOf(tables.get("u"))).toEqual([
      "x INT physical",
      "y INT computed",
      "ts TIMESTAMP(3) physical rowtime",
      "z STRING physical",
      "$rowtime TIMESTAMP_LTZ(3) NOT NULL system hidden",
    ]);
  });

  it("reports a column defined twice, whatever kinds the two definitions are", () => {
    expect(
      errorsOf("CREATE TABLE t (a INT, b AS a, a STRING, b AS 1) WITH ('connector' = 'datagen')"),
    ).toEqual(["1:32 column 'a' is defined twice", "1:42 column 'b' is defined twice"]);
    expect(
      errorsOf("CREATE TABLE s (x INT) WITH ('connector' = 'datagen');\nCREATE TABLE t (x STRING) LIKE s"),
    ).toEqual(["2:17 column 'x' is defined twice"]);
  });
});
