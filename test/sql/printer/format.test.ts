import { describe, expect, it } from "vitest";
import { formatSql } from "../../../src/sql/printer/index.ts";

describe("formatSql", () => {
  it("prints each statement canonically, keeping the comments between statements", () => {
    const text = [
      "-- the orders",
      "create table orders (id bigint, amount decimal(10,2)) with ('connector'='datagen');   ",
      "",
      "/* a block",
      "   comment */",
      "-- and a line comment",
      "select id , amount*2 as double_amount -- inside: dropped",
      "from orders where amount>10 -- after the last token: kept",
      ";",
      "-- the end",
    ].join("\n");
    expect(formatSql(text)).toEqual({
      text: [
        "-- the orders",
        "CREATE TABLE orders (",
        "  id BIGINT,",
        "  amount DECIMAL(10, 2)",
        ") WITH ('connector' = 'datagen');",
        "",
        "/* a block",
        "   comment */",
        "-- and a line comment",
        "SELECT",
        "  id,",
        "  amount * 2 AS double_amount",
        "FROM orders",
        "WHERE amount > 10;",
        "",
        "-- after the last token: kept",
        "-- the end",
        "",
      ].join("\n"),
    });
  });

  it("is idempotent", () => {
    const once = formatSql("-- c\nSELECT a FROM t; SELECT 1;\n-- tail");
    expect("text" in once && formatSql(once.text)).toEqual(once);
  });

  it("formats an empty script to nothing and comments alone to themselves", () => {
    expect(formatSql("  \n")).toEqual({ text: "" });
    expect(formatSql("-- just a note\n")).toEqual({ text: "-- just a note\n" });
  });

  it("returns the parser's diagnostics for a script with errors", () => {
    const result = formatSql("SELECT FROM;", { name: "bad.sql" });
    expect("diagnostics" in result && result.diagnostics.length).toBeGreaterThan(0);
  });

  it("prints for the requested dialect", () => {
    const text = "CREATE TABLE t (k INT) DISTRIBUTED BY (k) INTO 2 BUCKETS;";
    expect(formatSql(text, { dialect: "confluent" })).toEqual({
      text: "CREATE TABLE t (\n  k INT\n) DISTRIBUTED BY HASH(k) INTO 2 BUCKETS;\n",
    });
  });
});
