import { describe, expect, it } from "vitest";
import { col, errors, ident, name, num, statement, str } from "./helpers.ts";

const varchar = { kind: "VARCHAR", length: 2147483647, nullable: true };
const prop = (key: string, value: string) => ({ kind: "property", key, value });

describe("CREATE TABLE", () => {
  it("parses columns, constraints, watermark and clauses", () => {
    const text = `CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.orders (
      id BIGINT NOT NULL COMMENT 'key',
      amount AS price * qty,
      ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
      part INT METADATA,
      WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
      CONSTRAINT pk PRIMARY KEY (id) NOT ENFORCED
    ) COMMENT 'orders' DISTRIBUTED BY HASH(id) INTO 4 BUCKETS PARTITIONED BY (part) WITH ('connector' = 'kafka')`;
    expect(statement(text)).toEqual({
      kind: "createTable",
      temporary: true,
      orReplace: false,
      ifNotExists: true,
      name: name("cat", "db", "orders"),
      columns: [
        {
          kind: "physicalColumn",
          name: ident("id"),
          type: { kind: "BIGINT", nullable: false },
          comment: "key",
        },
        {
          kind: "computedColumn",
          name: ident("amount"),
          expr: { kind: "binaryOp", op: "*", left: col("price"), right: col("qty") },
        },
        {
          kind: "metadataColumn",
          name: ident("ts"),
          type: { kind: "TIMESTAMP_LTZ", precision: 3, nullable: true },
          from: "timestamp",
          virtual: true,
        },
        {
          kind: "metadataColumn",
          name: ident("part"),
          type: { kind: "INT", nullable: true },
          virtual: false,
        },
      ],
      watermark: {
        kind: "watermark",
        column: ident("ts"),
        expr: {
          kind: "binaryOp",
          op: "-",
          left: col("ts"),
          right: { kind: "interval", negative: false, value: "5", qualifier: { start: "SECOND" } },
        },
      },
      primaryKey: { kind: "primaryKey", constraintName: ident("pk"), columns: [ident("id")] },
      comment: "orders",
      distribution: { kind: "distribution", algorithm: "HASH", columns: [ident("id")], buckets: 4 },
      partitionedBy: [ident("part")],
      options: [prop("connector", "kafka")],
    });
  });

  it("moves a column-level primary key to the table", () => {
    expect(statement("CREATE TABLE t (id STRING PRIMARY KEY NOT ENFORCED, v STRING)")).toMatchObject({
      columns: [{ name: ident("id"), type: varchar }, { name: ident("v") }],
      primaryKey: { columns: [ident("id")] },
    });
  });

  it("parses DISTRIBUTED INTO, LIKE and CTAS with untyped columns", () => {
    expect(statement("CREATE TABLE t (a INT) DISTRIBUTED INTO 3 BUCKETS")).toMatchObject({
      distribution: { columns: [], buckets: 3 },
    });
    expect(
      statement("CREATE TABLE t WITH ('a' = 'b') LIKE s (INCLUDING ALL EXCLUDING OPTIONS)"),
    ).toMatchObject({
      like: {
        kind: "like",
        source: name("s"),
        options: [
          { action: "INCLUDING", feature: "ALL" },
          { action: "EXCLUDING", feature: "OPTIONS" },
        ],
      },
    });
    expect(
      statement("CREATE OR REPLACE TABLE t (b, a) WITH ('x' = 'y') AS SELECT a, b FROM s"),
    ).toMatchObject({
      orReplace: true,
      columns: [
        { kind: "untypedColumn", name: ident("b") },
        { kind: "untypedColumn", name: ident("a") },
      ],
      asQuery: { kind: "query" },
    });
  });
});

describe("other CREATE statements", () => {
  it("parses views, functions, catalogs and databases", () => {
    expect(statement("CREATE TEMPORARY VIEW IF NOT EXISTS v (a) COMMENT 'c' AS SELECT 1")).toMatchObject({
      kind: "createView",
      temporary: true,
      ifNotExists: true,
      columns: [ident("a")],
      comment: "c",
    });
    expect(
      statement(
        "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.x.F' LANGUAGE JAVA USING JAR 'a.jar', JAR 'b.jar'",
      ),
    ).toEqual({
      kind: "createFunction",
      temporary: true,
      system: true,
      ifNotExists: true,
      name: name("f"),
      implementation: "com.x.F",
      language: "JAVA",
      using: ["a.jar", "b.jar"],
    });
    expect(statement("CREATE CATALOG c WITH ('type' = 'generic_in_memory')")).toMatchObject({
      kind: "createCatalog",
      name: ident("c"),
      options: [prop("type", "generic_in_memory")],
    });
    expect(statement("CREATE DATABASE IF NOT EXISTS c.d COMMENT 'x'")).toMatchObject({
      kind: "createDatabase",
      name: name("c", "d"),
      comment: "x",
    });
  });

  it("parses materialized tables", () => {
    expect(
      statement(`CREATE OR REPLACE MATERIALIZED TABLE m (PRIMARY KEY (k) NOT ENFORCED) PARTITIONED BY (ds)
        WITH ('format' = 'json') FRESHNESS = INTERVAL '1' HOUR REFRESH_MODE = FULL AS SELECT k, ds FROM t`),
    ).toMatchObject({
      kind: "createMaterializedTable",
      orReplace: true,
      primaryKey: { columns: [ident("k")] },
      partitionedBy: [ident("ds")],
      freshness: { kind: "interval", value: "1", qualifier: { start: "HOUR" } },
      refreshMode: "FULL",
    });
  });
});

describe("ALTER and DROP", () => {
  it.each([
    ["ALTER TABLE t SET ('a' = 'b')", { kind: "setOptions", options: [prop("a", "b")] }],
    ["ALTER TABLE t RESET ('a', 'b')", { kind: "resetOptions", keys: ["a", "b"] }],
    [
      "ALTER TABLE t ADD c INT COMMENT 'x' AFTER b",
      {
        kind: "add",
        changes: [
          {
            kind: "columnChange",
            column: {
              kind: "physicalColumn",
              name: ident("c"),
              type: { kind: "INT", nullable: true },
              comment: "x",
            },
            position: { kind: "after", column: ident("b") },
          },
        ],
      },
    ],
    [
      "ALTER TABLE t MODIFY (c BIGINT FIRST, WATERMARK FOR ts AS ts, PRIMARY KEY (c) NOT ENFORCED)",
      {
        kind: "modify",
        changes: [
          { kind: "columnChange", position: { kind: "first" } },
          { kind: "watermarkChange" },
          { kind: "primaryKeyChange", primaryKey: { columns: [ident("c")] } },
        ],
      },
    ],
    [
      "ALTER TABLE t ADD DISTRIBUTION BY HASH(a) INTO 2 BUCKETS",
      {
        kind: "add",
        changes: [{ kind: "distributionChange", distribution: { algorithm: "HASH", buckets: 2 } }],
      },
    ],
    ["ALTER TABLE t DROP (a, b)", { kind: "dropColumns", columns: [ident("a"), ident("b")] }],
    ["ALTER TABLE t DROP a", { kind: "dropColumns", columns: [ident("a")] }],
    ["ALTER TABLE t DROP WATERMARK", { kind: "dropWatermark" }],
    ["ALTER TABLE t DROP PRIMARY KEY", { kind: "dropPrimaryKey" }],
    ["ALTER TABLE t DROP DISTRIBUTION", { kind: "dropDistribution" }],
    ["ALTER TABLE t RENAME TO c.d.u", { kind: "renameTable", to: name("c", "d", "u") }],
    ["ALTER TABLE t RENAME a TO b", { kind: "renameColumn", from: ident("a"), to: ident("b") }],
  ])("%s", (text, action) => {
    expect(statement(text)).toMatchObject({ kind: "alterTable", name: name("t"), action });
  });

  it("parses ALTER MATERIALIZED TABLE, VIEW, DATABASE and FUNCTION", () => {
    expect(statement("ALTER MATERIALIZED TABLE m REFRESH PARTITION (ds = '2024-01-01')")).toMatchObject({
      action: { kind: "refresh", partition: [prop("ds", "2024-01-01")] },
    });
    expect(statement("ALTER MATERIALIZED TABLE m RESUME WITH ('a' = 'b')")).toMatchObject({
      action: { kind: "resume" },
    });
    expect(statement("ALTER MATERIALIZED TABLE m SUSPEND")).toMatchObject({ action: { kind: "suspend" } });
    expect(statement("ALTER VIEW v RENAME TO w")).toMatchObject({
      kind: "alterView",
      action: { kind: "renameView" },
    });
    expect(statement("ALTER DATABASE d SET ('a' = 'b')")).toMatchObject({
      kind: "alterDatabase",
      options: [prop("a", "b")],
    });
    expect(statement("ALTER TEMPORARY FUNCTION IF EXISTS f AS 'x' LANGUAGE PYTHON")).toMatchObject({
      kind: "alterFunction",
      temporary: true,
      ifExists: true,
      language: "PYTHON",
    });
  });

  it("parses DROP", () => {
    expect(statement("DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f")).toEqual({
      kind: "drop",
      object: "FUNCTION",
      temporary: true,
      system: true,
      ifExists: true,
      name: name("f"),
    });
    expect(statement("DROP DATABASE d CASCADE")).toMatchObject({ object: "DATABASE", cascade: true });
    expect(statement("DROP MATERIALIZED TABLE m")).toMatchObject({ object: "MATERIALIZED TABLE" });
  });
});

describe("INSERT and statement sets", () => {
  it("parses INSERT with hints, partition and columns", () => {
    expect(
      statement(
        "INSERT OVERWRITE t /*+ OPTIONS('a' = 'b') */ PARTITION (dt = '2024', hr = 1) (a, b) SELECT 1, 2",
      ),
    ).toMatchObject({
      kind: "insert",
      overwrite: true,
      table: name("t"),
      hints: [{ name: ident("OPTIONS") }],
      partition: [
        { column: ident("dt"), value: str("2024") },
        { column: ident("hr"), value: num("1") },
      ],
      columns: [ident("a"), ident("b")],
      source: { body: { kind: "select" } },
    });
    expect(statement("INSERT INTO t (SELECT 1)")).toMatchObject({
      columns: [],
      source: { body: { kind: "query" } },
    });
    expect(statement("INSERT INTO t VALUES (1)")).toMatchObject({ source: { body: { kind: "values" } } });
  });

  it("parses both statement set syntaxes", () => {
    expect(
      statement("EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END"),
    ).toMatchObject({
      kind: "statementSet",
      syntax: "EXECUTE",
      inserts: [{ table: name("a") }, { table: name("b") }],
    });
    expect(statement("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; END")).toMatchObject({ syntax: "BEGIN" });
  });
});

describe("session statements", () => {
  it.each([
    ["USE CATALOG c", { kind: "use", target: "CATALOG", name: name("c") }],
    ["USE c.d", { kind: "use", target: "DATABASE", name: name("c", "d") }],
    ["SET 'a.b' = 'c'", { kind: "set", property: prop("a.b", "c") }],
    ["SET", { kind: "set" }],
    ["RESET 'a'", { kind: "reset", key: "a" }],
    ["RESET", { kind: "reset" }],
    [
      "SHOW TABLES FROM c.d NOT LIKE 'x%'",
      {
        kind: "show",
        object: "TABLES",
        target: name("c", "d"),
        like: { negated: true, ilike: false, pattern: "x%" },
      },
    ],
    ["SHOW CURRENT DATABASE", { kind: "show", object: "CURRENT DATABASE" }],
    [
      "SHOW CREATE MATERIALIZED TABLE m",
      { kind: "show", object: "CREATE MATERIALIZED TABLE", target: name("m") },
    ],
    [
      "SHOW COLUMNS IN t ILIKE 'a%'",
      { kind: "show", object: "COLUMNS", target: name("t"), like: { ilike: true } },
    ],
    ["SHOW USER FUNCTIONS", { kind: "show", object: "USER FUNCTIONS" }],
    ["SHOW FULL MODULES", { kind: "show", object: "FULL MODULES" }],
    ["DESC EXTENDED t", { kind: "describe", extended: true, name: name("t") }],
    ["DESCRIBE t", { kind: "describe", extended: false, name: name("t") }],
    // The SQL client's unquoted form: keys and values that are not SQL tokens, taken as written.
    [
      "SET table.exec.mini-batch.enabled = true",
      { kind: "set", property: prop("table.exec.mini-batch.enabled", "true") },
    ],
    ["SET table.exec.state.ttl = 1h", { kind: "set", property: prop("table.exec.state.ttl", "1h") }],
    ["SET pipeline.name = 'it''s mine'", { kind: "set", property: prop("pipeline.name", "it's mine") }],
    [
      "SHOW PARTITIONS t PARTITION (dt = '2024-01-01')",
      {
        kind: "show",
        object: "PARTITIONS",
        target: name("t"),
        partition: [{ column: ident("dt"), value: str("2024-01-01") }],
      },
    ],
    ["ADD JAR '/x.jar'", { kind: "jar", action: "ADD", path: "/x.jar" }],
    ["REMOVE JAR '/x.jar'", { kind: "jar", action: "REMOVE", path: "/x.jar" }],
    [
      "LOAD MODULE hive WITH ('hive-version' = '3.1.3')",
      { kind: "module", action: "LOAD", name: ident("hive"), options: [prop("hive-version", "3.1.3")] },
    ],
    ["UNLOAD MODULE hive", { kind: "module", action: "UNLOAD", name: ident("hive"), options: [] }],
    [
      "CALL c.sys.compact('db.t', n => 4)",
      {
        kind: "callProcedure",
        procedure: name("c", "sys", "compact"),
        args: [str("db.t"), { kind: "namedArgument", name: ident("n"), value: num("4") }],
      },
    ],
    [
      "ALTER CATALOG c SET ('k' = 'v')",
      { kind: "alterCatalog", name: ident("c"), action: { kind: "set", options: [prop("k", "v")] } },
    ],
    [
      "ALTER CATALOG c RESET ('k', 'l')",
      { kind: "alterCatalog", action: { kind: "reset", keys: ["k", "l"] } },
    ],
    [
      "ALTER CATALOG c COMMENT 'note'",
      { kind: "alterCatalog", action: { kind: "comment", comment: "note" } },
    ],
  ])("%s", (text, expected) => {
    expect(statement(text)).toMatchObject(expected);
  });

  it("reports an unquoted SET without a value where it is, and goes on after its ';'", () => {
    expect(errors("SET a b = c;\nSET x = 1h;\nSET y =;")).toEqual([
      "1:5 expected SET key = value, e.g. SET table.exec.mini-batch.enabled = true",
      "3:5 expected SET key = value, e.g. SET table.exec.mini-batch.enabled = true",
    ]);
  });

  it("parses EXPLAIN with details and PLAN FOR", () => {
    expect(statement("EXPLAIN CHANGELOG_MODE, ESTIMATED_COST SELECT 1")).toMatchObject({
      kind: "explain",
      details: ["CHANGELOG_MODE", "ESTIMATED_COST"],
      statement: { kind: "queryStatement" },
    });
    expect(statement("EXPLAIN PLAN FOR INSERT INTO t SELECT 1")).toMatchObject({
      details: [],
      statement: { kind: "insert" },
    });
    expect(statement("EXPLAIN STATEMENT SET BEGIN INSERT INTO t SELECT 1; END")).toMatchObject({
      statement: { kind: "statementSet" },
    });
  });
});
