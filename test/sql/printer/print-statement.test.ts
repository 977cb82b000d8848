import { describe, expect, it } from "vitest";
import type {
  AlterTableAction,
  CreateTable,
  Insert,
  Property,
  Statement,
} from "../../../src/sql/ast/index.ts";
import { parseStatement } from "../../../src/sql/parser/index.ts";
import { printScript, printStatement } from "../../../src/sql/printer/index.ts";
import {
  BIGINT,
  bin,
  col,
  INT,
  ident,
  name,
  num,
  query,
  STRING,
  select,
  span,
  str,
  TIMESTAMP3,
  table,
} from "./build.ts";
import { stripSpans } from "./strip-spans.ts";

const prop = (key: string, value: string): Property => ({ kind: "property", key, value, span });
const interval = (value: string) => ({
  kind: "interval" as const,
  negative: false,
  value,
  qualifier: { start: "SECOND" as const },
  span,
});
const selectAll = (t: string) => query(select([col("id")], { from: table(t) }));

function createTable(extra: Partial<CreateTable>): CreateTable {
  return {
    kind: "createTable",
    temporary: false,
    orReplace: false,
    ifNotExists: false,
    name: name("orders"),
    columns: [],
    partitionedBy: [],
    options: [],
    span,
    ...extra,
  };
}

function expectParsesBack(stmt: Statement): void {
  expect(stripSpans(parseStatement(printStatement(stmt)))).toEqual(stripSpans(stmt));
}

describe("CREATE TABLE", () => {
  const full = createTable({
    ifNotExists: true,
    name: name("cat", "db", "orders"),
    columns: [
      {
        kind: "physicalColumn",
        name: ident("id"),
        type: { ...BIGINT, nullable: false },
        comment: "order id",
        span,
      },
      { kind: "physicalColumn", name: ident("user", true), type: STRING, span },
      { kind: "computedColumn", name: ident("total"), expr: bin("*", col("qty"), col("price")), span },
      { kind: "metadataColumn", name: ident("ts"), type: TIMESTAMP3, from: "timestamp", virtual: true, span },
      { kind: "metadataColumn", name: ident("partition", true), type: INT, virtual: false, span },
    ],
    primaryKey: { kind: "primaryKey", constraintName: ident("pk"), columns: [ident("id")], span },
    watermark: { kind: "watermark", column: ident("ts"), expr: bin("-", col("ts"), interval("5")), span },
    comment: "all orders",
    distribution: { kind: "distribution", columns: [ident("id")], buckets: 4, span },
    partitionedBy: [ident("dt")],
    options: [prop("connector", "kafka"), prop("topic", "orders")],
  });

  it("prints columns, key and watermark one per line, then the clauses in Flink's order", () => {
    expect(printStatement(full)).toBe(
      [
        "CREATE TABLE IF NOT EXISTS cat.db.orders (",
        "  id BIGINT NOT NULL COMMENT 'order id',",
        "  `user` STRING,",
        "  total AS qty * price,",
        "  ts TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,",
        "  `partition` INT METADATA,",
        "  CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED,",
        "  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND",
        ") COMMENT 'all orders'",
        "DISTRIBUTED BY (id) INTO 4 BUCKETS",
        "PARTITIONED BY (dt)",
        "WITH (",
        "  'connector' = 'kafka',",
        "  'topic' = 'orders'",
        ")",
      ].join("\n"),
    );
  });

  it("parses back to the same tree", () => expectParsesBack(full));

  it("spells out HASH for Confluent", () => {
    expect(printStatement(full, { dialect: "confluent" })).toContain(
      "DISTRIBUTED BY HASH(id) INTO 4 BUCKETS",
    );
  });

  it("prints LIKE and AS after the options, and clauses alone when there is no column list", () => {
    const like = createTable({
      temporary: true,
      columns: [{ kind: "computedColumn", name: ident("note"), expr: str("debug"), span }],
      options: [prop("connector", "print")],
      like: {
        kind: "like",
        source: name("orders"),
        options: [
          { action: "INCLUDING", feature: "ALL" },
          { action: "EXCLUDING", feature: "OPTIONS" },
        ],
        span,
      },
    });
    expect(printStatement(like)).toBe(
      [
        "CREATE TEMPORARY TABLE orders (",
        "  note AS 'debug'",
        ") WITH ('connector' = 'print')",
        "LIKE orders (INCLUDING ALL EXCLUDING OPTIONS)",
      ].join("\n"),
    );
    const ctas = createTable({
      orReplace: true,
      distribution: { kind: "distribution", algorithm: "RANGE", columns: [ident("id")], span },
      options: [prop("connector", "blackhole")],
      asQuery: selectAll("src"),
    });
    expect(printStatement(ctas)).toBe(
      [
        "CREATE OR REPLACE TABLE orders",
        "DISTRIBUTED BY RANGE(id)",
        "WITH ('connector' = 'blackhole')",
        "AS SELECT id",
        "FROM src",
      ].join("\n"),
    );
    const untyped = createTable({
      columns: [
        { kind: "untypedColumn", name: ident("b"), span },
        { kind: "untypedColumn", name: ident("a"), span },
      ],
      distribution: { kind: "distribution", columns: [], buckets: 2, span },
      asQuery: selectAll("src"),
    });
    expect(printStatement(untyped)).toBe(
      [
        "CREATE TABLE orders (",
        "  b,",
        "  a",
        ") DISTRIBUTED INTO 2 BUCKETS",
        "AS SELECT id",
        "FROM src",
      ].join("\n"),
    );
  });
});

describe("other DDL", () => {
  const cases: [string, Statement, string][] = [
    [
      "CREATE VIEW",
      {
        kind: "createView",
        temporary: true,
        ifNotExists: true,
        name: name("v"),
        columns: [ident("x")],
        comment: "a view",
        query: selectAll("t"),
        span,
      },
      "CREATE TEMPORARY VIEW IF NOT EXISTS v (x) COMMENT 'a view' AS\nSELECT id\nFROM t",
    ],
    [
      "CREATE MATERIALIZED TABLE",
      {
        kind: "createMaterializedTable",
        orReplace: false,
        ifNotExists: false,
        name: name("mt"),
        primaryKey: { kind: "primaryKey", columns: [ident("id")], span },
        partitionedBy: [ident("ds")],
        options: [prop("format", "json")],
        freshness: { kind: "interval", negative: false, value: "1", qualifier: { start: "HOUR" }, span },
        refreshMode: "FULL",
        query: selectAll("t"),
        span,
      },
      [
        "CREATE MATERIALIZED TABLE mt (",
        "  PRIMARY KEY (id) NOT ENFORCED",
        ")",
        "PARTITIONED BY (ds)",
        "WITH ('format' = 'json')",
        "FRESHNESS = INTERVAL '1' HOUR",
        "REFRESH_MODE = FULL",
        "AS SELECT id",
        "FROM t",
      ].join("\n"),
    ],
    [
      "CREATE FUNCTION",
      {
        kind: "createFunction",
        temporary: true,
        system: true,
        ifNotExists: true,
        name: name("f"),
        implementation: "com.acme.F",
        language: "JAVA",
        using: ["/a.jar", "/b.jar"],
        span,
      },
      "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.acme.F' LANGUAGE JAVA USING JAR '/a.jar', JAR '/b.jar'",
    ],
    [
      "CREATE CATALOG",
      {
        kind: "createCatalog",
        ifNotExists: false,
        name: ident("c"),
        options: [prop("type", "generic_in_memory")],
        span,
      },
      "CREATE CATALOG c\nWITH ('type' = 'generic_in_memory')",
    ],
    [
      "CREATE DATABASE",
      {
        kind: "createDatabase",
        ifNotExists: true,
        name: name("c", "db"),
        comment: "marts",
        options: [],
        span,
      },
      "CREATE DATABASE IF NOT EXISTS c.db\nCOMMENT 'marts'",
    ],
    [
      "ALTER MATERIALIZED TABLE REFRESH",
      {
        kind: "alterMaterializedTable",
        name: name("mt"),
        action: { kind: "refresh", partition: [prop("ds", "2024-06-01")] },
        span,
      },
      "ALTER MATERIALIZED TABLE mt REFRESH PARTITION (ds = '2024-06-01')",
    ],
    [
      "ALTER MATERIALIZED TABLE RESUME",
      {
        kind: "alterMaterializedTable",
        name: name("mt"),
        action: { kind: "resume", options: [prop("k", "v")] },
        span,
      },
      "ALTER MATERIALIZED TABLE mt RESUME WITH ('k' = 'v')",
    ],
    [
      "ALTER VIEW AS",
      { kind: "alterView", name: name("v"), action: { kind: "asQuery", query: selectAll("t") }, span },
      "ALTER VIEW v AS\nSELECT id\nFROM t",
    ],
    [
      "ALTER DATABASE",
      { kind: "alterDatabase", name: name("db"), options: [prop("owner", "x")], span },
      "ALTER DATABASE db SET ('owner' = 'x')",
    ],
    [
      "ALTER FUNCTION",
      {
        kind: "alterFunction",
        temporary: true,
        system: false,
        ifExists: true,
        name: name("f"),
        implementation: "com.acme.G",
        language: "SCALA",
        span,
      },
      "ALTER TEMPORARY FUNCTION IF EXISTS f AS 'com.acme.G' LANGUAGE SCALA",
    ],
    [
      "DROP",
      {
        kind: "drop",
        object: "DATABASE",
        temporary: false,
        system: false,
        ifExists: true,
        name: name("db"),
        cascade: true,
        span,
      },
      "DROP DATABASE IF EXISTS db CASCADE",
    ],
    [
      "DROP TEMPORARY SYSTEM FUNCTION",
      {
        kind: "drop",
        object: "FUNCTION",
        temporary: true,
        system: true,
        ifExists: false,
        name: name("f"),
        span,
      },
      "DROP TEMPORARY SYSTEM FUNCTION f",
    ],
  ];
  it.each(cases)("%s", (_, stmt, expected) => expect(printStatement(stmt)).toBe(expected));
  it.each(cases)("%s parses back to the same tree", (_, stmt) => expectParsesBack(stmt));
});

describe("ALTER TABLE", () => {
  const alter = (action: AlterTableAction): Statement => ({
    kind: "alterTable",
    ifExists: false,
    name: name("t"),
    action,
    span,
  });
  const cases: [string, AlterTableAction, string][] = [
    [
      "SET",
      { kind: "setOptions", options: [prop("a", "1"), prop("b", "2")] },
      "SET (\n  'a' = '1',\n  'b' = '2'\n)",
    ],
    ["RESET", { kind: "resetOptions", keys: ["a", "b"] }, "RESET ('a', 'b')"],
    [
      "ADD one column after another",
      {
        kind: "add",
        changes: [
          {
            kind: "columnChange",
            column: { kind: "physicalColumn", name: ident("n"), type: INT, comment: "count", span },
            position: { kind: "after", column: ident("id") },
          },
        ],
      },
      "ADD n INT COMMENT 'count' AFTER id",
    ],
    [
      "MODIFY several",
      {
        kind: "modify",
        changes: [
          {
            kind: "columnChange",
            column: { kind: "physicalColumn", name: ident("n"), type: BIGINT, span },
            position: { kind: "first" },
          },
          {
            kind: "watermarkChange",
            watermark: { kind: "watermark", column: ident("ts"), expr: col("ts"), span },
          },
          { kind: "primaryKeyChange", primaryKey: { kind: "primaryKey", columns: [ident("n")], span } },
        ],
      },
      "MODIFY (\n  n BIGINT FIRST,\n  WATERMARK FOR ts AS ts,\n  PRIMARY KEY (n) NOT ENFORCED\n)",
    ],
    [
      "ADD DISTRIBUTION",
      {
        kind: "add",
        changes: [
          {
            kind: "distributionChange",
            distribution: {
              kind: "distribution",
              algorithm: "HASH",
              columns: [ident("k")],
              buckets: 4,
              span,
            },
          },
        ],
      },
      "ADD DISTRIBUTION BY HASH(k) INTO 4 BUCKETS",
    ],
    ["DROP one column", { kind: "dropColumns", columns: [ident("watermark", true)] }, "DROP `watermark`"],
    ["DROP columns", { kind: "dropColumns", columns: [ident("a"), ident("b")] }, "DROP (a, b)"],
    ["DROP WATERMARK", { kind: "dropWatermark" }, "DROP WATERMARK"],
    ["DROP PRIMARY KEY", { kind: "dropPrimaryKey" }, "DROP PRIMARY KEY"],
    ["DROP DISTRIBUTION", { kind: "dropDistribution" }, "DROP DISTRIBUTION"],
    ["RENAME TO", { kind: "renameTable", to: name("db", "u") }, "RENAME TO db.u"],
    ["RENAME column", { kind: "renameColumn", from: ident("a"), to: ident("b") }, "RENAME a TO b"],
  ];
  it.each(cases)("%s", (_, action, expected) =>
    expect(printStatement(alter(action))).toBe(`ALTER TABLE t ${expected}`),
  );
});

describe("DML and session statements", () => {
  const insert: Insert = {
    kind: "insert",
    overwrite: true,
    table: name("files"),
    hints: [
      { kind: "hint", name: ident("OPTIONS"), properties: [prop("sink.parallelism", "2")], args: [], span },
    ],
    partition: [{ column: ident("dt"), value: str("2024-06-01") }],
    columns: [ident("a"), ident("b")],
    source: query({ kind: "values", rows: [[num("1"), num("2")]], span }),
    span,
  };
  const plainInsert: Insert = {
    ...insert,
    overwrite: false,
    hints: [],
    partition: [],
    columns: [],
    source: selectAll("src"),
  };

  const cases: [string, Statement, string][] = [
    [
      "INSERT with everything",
      insert,
      "INSERT OVERWRITE files /*+ OPTIONS('sink.parallelism' = '2') */ PARTITION (dt = '2024-06-01') (a, b)\nVALUES (1, 2)",
    ],
    [
      "EXECUTE STATEMENT SET",
      { kind: "statementSet", syntax: "EXECUTE", inserts: [plainInsert, plainInsert], span },
      [
        "EXECUTE STATEMENT SET",
        "BEGIN",
        "  INSERT INTO files",
        "  SELECT id",
        "  FROM src;",
        "  INSERT INTO files",
        "  SELECT id",
        "  FROM src;",
        "END",
      ].join("\n"),
    ],
    [
      "BEGIN STATEMENT SET",
      { kind: "statementSet", syntax: "BEGIN", inserts: [plainInsert], span },
      "BEGIN STATEMENT SET;\n  INSERT INTO files\n  SELECT id\n  FROM src;\nEND",
    ],
    [
      "EXPLAIN a statement set",
      {
        kind: "explain",
        details: ["CHANGELOG_MODE", "ESTIMATED_COST"],
        statement: { kind: "statementSet", syntax: "EXECUTE", inserts: [plainInsert], span },
        span,
      },
      "EXPLAIN CHANGELOG_MODE, ESTIMATED_COST STATEMENT SET\nBEGIN\n  INSERT INTO files\n  SELECT id\n  FROM src;\nEND",
    ],
    ["USE CATALOG", { kind: "use", target: "CATALOG", name: name("c"), span }, "USE CATALOG c"],
    ["USE", { kind: "use", target: "DATABASE", name: name("c", "db"), span }, "USE c.db"],
    [
      "SET",
      { kind: "set", property: prop("table.local-time-zone", "UTC"), span },
      "SET 'table.local-time-zone' = 'UTC'",
    ],
    ["SET alone", { kind: "set", span }, "SET"],
    ["RESET", { kind: "reset", key: "a.b", span }, "RESET 'a.b'"],
    ["RESET alone", { kind: "reset", span }, "RESET"],
    [
      "SHOW TABLES",
      {
        kind: "show",
        object: "TABLES",
        target: name("db"),
        like: { negated: true, ilike: true, pattern: "tmp%" },
        span,
      },
      "SHOW TABLES FROM db NOT ILIKE 'tmp%'",
    ],
    [
      "SHOW CREATE TABLE",
      { kind: "show", object: "CREATE TABLE", target: name("t"), span },
      "SHOW CREATE TABLE t",
    ],
    ["SHOW CURRENT CATALOG", { kind: "show", object: "CURRENT CATALOG", span }, "SHOW CURRENT CATALOG"],
    ["DESCRIBE", { kind: "describe", extended: true, name: name("t"), span }, "DESCRIBE EXTENDED t"],
  ];
  it.each(cases)("%s", (_, stmt, expected) => expect(printStatement(stmt)).toBe(expected));
  it.each(cases)("%s parses back to the same tree", (_, stmt) => expectParsesBack(stmt));
});

describe("printScript", () => {
  it("separates statements by a blank line and ends each with a semicolon", () => {
    const statements: Statement[] = [
      { kind: "use", target: "CATALOG", name: name("c"), span },
      { kind: "queryStatement", query: selectAll("t"), span },
    ];
    expect(printScript(statements)).toBe("USE CATALOG c;\n\nSELECT id\nFROM t;\n");
    expect(printScript([])).toBe("");
  });
});
