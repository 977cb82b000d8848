import { describe, expect, it } from "vitest";
import type { BoundQuery, BoundSelect, BoundStatement } from "../../../src/sql/binder/bound.ts";
import { SessionCatalog } from "../../../src/sql/catalog/session-catalog.ts";
import { checkSources } from "../../../src/sql/check.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

const DDL = `
CREATE TABLE orders (
  order_id BIGINT NOT NULL,
  customer_id STRING,
  amount DECIMAL(10, 2),
  quantity INT NOT NULL,
  order_time TIMESTAMP(3),
  tags ARRAY<STRING>,
  address ROW<city STRING, zip INT>,
  proc AS PROCTIME(),
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND,
  PRIMARY KEY (order_id) NOT ENFORCED
) WITH ('connector' = 'datagen');
CREATE TABLE customers (customer_id STRING, name STRING, tier STRING) DISTRIBUTED BY HASH(customer_id) INTO 4 BUCKETS;
`;

/** Binds a query after the DDL above and returns its bound form; fails on any error. */
function bindQuery(sql: string): BoundQuery {
  const [, checked] = checkSources([
    { name: "ddl.sql", text: DDL },
    { name: "query.sql", text: sql },
  ]);
  expect(checked!.diagnostics.map((d) => d.message)).toEqual([]);
  const bound = checked!.statements[0]!.bound as Extract<BoundStatement, { kind: "query" }>;
  return bound.query;
}

const columnTypes = (q: BoundQuery): string[] => q.columns.map((c) => `${c.name} ${formatDataType(c.type)}`);
const errorsOf = (sql: string): string[] =>
  checkSources([
    { name: "ddl.sql", text: DDL },
    { name: "q.sql", text: sql },
  ])[1]!.diagnostics.map(
    (d) => `${d.span.line}:${d.span.col} ${d.message}${d.hints ? ` (${d.hints.join("; ")})` : ""}`,
  );

describe("binder typing", () => {
  it("types arithmetic, DECIMAL and nullability by Flink's rules", () => {
    const q = bindQuery(
      "SELECT amount * 2, quantity + 1, quantity / 2.0, order_id, customer_id || 'x' FROM orders",
    );
    expect(columnTypes(q)).toEqual([
      "EXPR$0 DECIMAL(21, 2)",
      "EXPR$1 INT NOT NULL",
      "EXPR$2 DECIMAL(17, 6) NOT NULL",
      "order_id BIGINT NOT NULL",
      "EXPR$4 STRING",
    ]);
  });

  it("makes aggregates of NOT NULL input NOT NULL only when grouped", () => {
    expect(
      columnTypes(bindQuery("SELECT customer_id, SUM(quantity), COUNT(*) FROM orders GROUP BY customer_id")),
    ).toEqual(["customer_id STRING", "EXPR$1 INT NOT NULL", "EXPR$2 BIGINT NOT NULL"]);
    expect(columnTypes(bindQuery("SELECT SUM(quantity) FROM orders"))).toEqual(["EXPR$0 INT"]);
  });

  it("reads ROW fields and makes the outer side of a join nullable", () => {
    const q = bindQuery(
      "SELECT o.address.city, c.name FROM orders AS o LEFT JOIN customers AS c ON o.customer_id = c.customer_id",
    );
    expect(columnTypes(q)).toEqual(["city STRING", "name STRING"]);
    const q2 = bindQuery(
      "SELECT o.order_id FROM customers c RIGHT JOIN orders o ON o.customer_id = c.customer_id",
    );
    expect(columnTypes(q2)).toEqual(["order_id BIGINT NOT NULL"]);
  });

  it("gives Confluent-style tables a hidden $rowtime event-time attribute", () => {
    const q = bindQuery("SELECT *, `$rowtime` FROM customers");
    expect(columnTypes(q)).toEqual([
      "customer_id STRING",
      "name STRING",
      "tier STRING",
      "$rowtime TIMESTAMP_LTZ(3) NOT NULL",
    ]);
    expect(q.columns[3]!.timeAttribute).toBe("rowtime");
  });

  it("adds window_start, window_end and window_time to a window TVF", () => {
    const q = bindQuery(`SELECT window_start, window_end, window_time, COUNT(*) AS n
      FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '10' MINUTES))
      GROUP BY window_start, window_end, window_time`);
    expect(columnTypes(q)).toEqual([
      "window_start TIMESTAMP(3) NOT NULL",
      "window_end TIMESTAMP(3) NOT NULL",
      "window_time TIMESTAMP(3) NOT NULL",
      "n BIGINT NOT NULL",
    ]);
    const select = q.body as BoundSelect;
    const tvf = select.from!;
    expect(tvf.kind === "windowTvf" && tvf.intervals).toEqual([600_000]);
  });

  it("makes window_time the time attribute of a window TVF and the time column a plain TIMESTAMP", () => {
    const q = bindQuery(
      "SELECT order_time, window_time FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))",
    );
    expect(q.columns.map((c) => c.timeAttribute)).toEqual([undefined, "rowtime"]);
  });

  it("keeps time attributes of selected columns and of PROCTIME()", () => {
    const q = bindQuery("SELECT order_time, proc, PROCTIME() AS p FROM orders");
    expect(q.columns.map((c) => c.timeAttribute)).toEqual(["rowtime", "proctime", "proctime"]);
  });

  it("expands grouping sets into index sets over the group keys", () => {
    const q = bindQuery(
      "SELECT customer_id, quantity, COUNT(*) FROM orders GROUP BY ROLLUP (customer_id, quantity)",
    );
    expect((q.body as BoundSelect).grouping!.sets).toEqual([[0, 1], [0], []]);
  });

  it("resolves correlated subqueries to outer columns", () => {
    const q = bindQuery(
      "SELECT name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id)",
    );
    const where = (q.body as BoundSelect).where!;
    expect(where.kind === "subquery" && where.subquery).toBe("exists");
    expect(JSON.stringify(where)).toContain('"kind":"outerColumn"');
  });

  it("types ARRAY(subquery) as a NOT NULL array of the query's one column", () => {
    const q = bindQuery(
      "SELECT c.name, ARRAY(SELECT o.amount FROM orders o WHERE o.customer_id = c.customer_id) AS amounts FROM customers c",
    );
    expect(columnTypes(q)).toEqual(["name STRING", "amounts ARRAY<DECIMAL(10, 2)> NOT NULL"]);
    expect(errorsOf("SELECT ARRAY(SELECT order_id, amount FROM orders) FROM customers")).toEqual([
      "1:14 a subquery used as ARRAY(...) must return one column, not 2",
    ]);
  });

  it("keeps the SQL/JSON clauses in the bound call, DEFAULT values as arguments", () => {
    const q = bindQuery(
      `SELECT JSON_VALUE(customer_id, '$.age' RETURNING INT DEFAULT quantity ON EMPTY ERROR ON ERROR),
              JSON_QUERY(customer_id, '$.a' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY),
              JSON_ARRAY(1, customer_id NULL ON NULL),
              JSON_VALUE(customer_id, '$.b')
       FROM orders`,
    );
    const [value, query, array, plain] = (q.body as BoundSelect).projections.map((p) =>
      p.kind === "call" ? { args: p.args.length, json: p.json } : undefined,
    );
    expect(value).toEqual({
      args: 3,
      json: { onEmpty: { kind: "DEFAULT", arg: 2 }, onError: { kind: "ERROR" } },
    });
    expect(query).toEqual({ args: 2, json: { onEmpty: { kind: "EMPTY ARRAY" }, wrapper: "CONDITIONAL" } });
    expect(array).toEqual({ args: 2, json: { onNull: "NULL" } });
    expect(plain).toEqual({ args: 2, json: undefined });
  });

  it("reports a statement too deep for the binder's recursion instead of crashing", () => {
    const chain = Array.from({ length: 50_000 }, () => "quantity").join(" + ");
    expect(errorsOf(`SELECT ${chain} FROM orders; SELECT order_id FROM orders`)).toEqual([
      "1:1 statement is nested too deeply to bind",
    ]);
  });

  it("lets a later statement see tables created earlier in the script", () => {
    const catalog = new SessionCatalog();
    const [checked] = checkSources(
      [
        {
          name: "s.sql",
          text: `${DDL} CREATE VIEW big AS SELECT * FROM orders WHERE amount > 100; SELECT order_id FROM big;`,
        },
      ],
      catalog,
    );
    expect(checked!.diagnostics).toEqual([]);
    expect(catalog.listTables("default_catalog", "default_database")).toEqual(["big", "customers", "orders"]);
  });
});

describe("binder errors", () => {
  it("reports every error of a statement, each once", () => {
    expect(errorsOf("SELECT custmer_id, amout FROM orders WHERE quantity")).toEqual([
      "1:8 unknown column 'custmer_id' (did you mean customer_id?)",
      "1:20 unknown column 'amout' (did you mean amount?)",
      "1:44 WHERE expects a BOOLEAN, got INT NOT NULL",
    ]);
  });

  it("does not cascade from an unknown table", () => {
    expect(errorsOf("SELECT a, b FROM ordrs")).toEqual(["1:18 unknown table 'ordrs' (did you mean orders?)"]);
  });

  it("rejects aggregates where they are not allowed", () => {
    expect(errorsOf("SELECT order_id FROM orders WHERE COUNT(*) > 1")).toEqual([
      "1:35 aggregate function COUNT is not allowed in WHERE",
    ]);
    expect(errorsOf("SELECT SUM(COUNT(*)) FROM orders")).toEqual([
      "1:12 aggregate function COUNT is not allowed inside another aggregate function",
    ]);
  });

  it("checks function arity and window functions", () => {
    expect(errorsOf("SELECT UPPER(customer_id, 1) FROM orders")).toEqual([
      "1:8 UPPER takes 1 argument, got 2",
    ]);
    expect(errorsOf("SELECT ROW_NUMBER() FROM orders")).toEqual([
      "1:8 ROW_NUMBER is a window function and needs an OVER clause",
    ]);
  });

  it("checks subscripts against the ARRAY index and MAP key types", () => {
    expect(errorsOf("SELECT MAP[DATE '2024-01-01', 1][TRUE], tags['x'] FROM orders")).toEqual([
      "1:34 a MAP<DATE NOT NULL, ...> key cannot be looked up with BOOLEAN NOT NULL",
      "1:46 an ARRAY index must be an integer, got CHAR(1) NOT NULL",
    ]);
  });

  it("requires a time attribute for window TVFs", () => {
    expect(
      errorsOf("SELECT * FROM TABLE(TUMBLE(TABLE customers, DESCRIPTOR(name), INTERVAL '1' HOUR))"),
    ).toEqual([
      "1:56 TUMBLE needs a time attribute, but 'name' (STRING) is not one (declare a WATERMARK FOR it (event time) or use a PROCTIME() column)",
    ]);
  });
});
