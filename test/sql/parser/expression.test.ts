import { describe, expect, it } from "vitest";
import { parseExpression, SqlSyntaxError } from "../../../src/sql/parser/index.ts";
import { call, col, expr, ident, name, num, str } from "./helpers.ts";

const bin = (op: string, left: unknown, right: unknown) => ({ kind: "binaryOp", op, left, right });
const unit = (u: string) => ({ kind: "timeUnit", unit: u });

describe("operator precedence", () => {
  it("binds * tighter than + and + tighter than comparison", () => {
    expect(expr("a + b * c = d")).toEqual(
      bin("=", bin("+", col("a"), bin("*", col("b"), col("c"))), col("d")),
    );
  });

  it("binds AND tighter than OR, NOT between AND and comparison", () => {
    expect(expr("NOT a = 1 AND b OR c")).toEqual(
      bin(
        "OR",
        bin("AND", { kind: "unary", op: "NOT", operand: bin("=", col("a"), num("1")) }, col("b")),
        col("c"),
      ),
    );
  });

  it("is left-associative", () => {
    expect(expr("a - b - c")).toEqual(bin("-", bin("-", col("a"), col("b")), col("c")));
  });

  it("binds || like * (Calcite)", () => {
    expect(expr("a || b + c")).toEqual(bin("+", bin("||", col("a"), col("b")), col("c")));
  });

  it("binds IS looser than comparison and unary minus tightest", () => {
    expect(expr("-a = b IS NOT NULL")).toEqual({
      kind: "is",
      negated: true,
      test: "NULL",
      operand: bin("=", { kind: "unary", op: "-", operand: col("a") }, col("b")),
    });
  });

  it("parses parentheses without a node", () => {
    expect(expr("(a + b) * c")).toEqual(bin("*", bin("+", col("a"), col("b")), col("c")));
  });
});

describe("predicates", () => {
  it("parses BETWEEN with its AND", () => {
    expect(expr("x NOT BETWEEN SYMMETRIC 1 AND 2 AND y")).toEqual(
      bin(
        "AND",
        { kind: "between", negated: true, symmetric: true, operand: col("x"), low: num("1"), high: num("2") },
        col("y"),
      ),
    );
  });

  it("parses LIKE and SIMILAR TO with ESCAPE", () => {
    expect(expr("a NOT LIKE 'x%' ESCAPE '!'")).toEqual({
      kind: "like",
      op: "LIKE",
      negated: true,
      operand: col("a"),
      pattern: str("x%"),
      escape: str("!"),
    });
    expect(expr("a SIMILAR TO 'x'")).toMatchObject({ kind: "like", op: "SIMILAR TO", negated: false });
  });

  it("parses IN lists and IN subqueries", () => {
    expect(expr("a IN (1, 2)")).toEqual({
      kind: "inList",
      negated: false,
      operand: col("a"),
      list: [num("1"), num("2")],
    });
    expect(expr("a NOT IN (SELECT b FROM t)")).toMatchObject({ kind: "inSubquery", negated: true });
  });

  it("parses IS forms", () => {
    expect(expr("a IS UNKNOWN")).toMatchObject({ kind: "is", test: "UNKNOWN", negated: false });
    expect(expr("a IS NOT DISTINCT FROM b")).toEqual({
      kind: "isDistinctFrom",
      negated: true,
      left: col("a"),
      right: col("b"),
    });
    expect(expr("j IS NOT JSON OBJECT")).toMatchObject({ kind: "is", test: "JSON OBJECT", negated: true });
  });

  it("parses EXISTS and scalar subqueries", () => {
    expect(expr("NOT EXISTS (SELECT 1)")).toMatchObject({
      kind: "unary",
      op: "NOT",
      operand: { kind: "exists" },
    });
    expect(expr("(SELECT MAX(x) FROM t) + 1")).toMatchObject({
      kind: "binaryOp",
      left: { kind: "scalarSubquery" },
    });
  });

  it("parses OVERLAPS", () => {
    expect(expr("(a, b) OVERLAPS (c, d)")).toMatchObject({
      kind: "binaryOp",
      op: "OVERLAPS",
      left: { kind: "row" },
    });
  });
});

describe("literals", () => {
  it("parses numbers, strings, booleans, NULL and binary", () => {
    expect(expr("1.50")).toEqual(num("1.50"));
    expect(expr("'a'\n'b'")).toEqual(str("ab"));
    expect(expr("TRUE")).toEqual({ kind: "boolean", value: true });
    expect(expr("UNKNOWN")).toEqual({ kind: "boolean", value: "unknown" });
    expect(expr("NULL")).toEqual({ kind: "null" });
    expect(expr("X'0aff'")).toEqual({ kind: "binary", hex: "0AFF" });
  });

  it("parses typed literals", () => {
    expect(expr("DATE '2024-01-01'")).toEqual({ kind: "typedLiteral", type: "DATE", value: "2024-01-01" });
    expect(expr("TIMESTAMP_LTZ '2024-01-01 00:00:00'")).toMatchObject({ type: "TIMESTAMP_LTZ" });
  });

  it("parses intervals with qualifiers, precisions, plural units and signs", () => {
    expect(expr("INTERVAL '1' DAY")).toEqual({
      kind: "interval",
      negative: false,
      value: "1",
      qualifier: { start: "DAY" },
    });
    expect(expr("INTERVAL -'1 2:03' DAY(3) TO SECOND(6)")).toEqual({
      kind: "interval",
      negative: true,
      value: "1 2:03",
      qualifier: { start: "DAY", startPrecision: 3, end: "SECOND", fractionalPrecision: 6 },
    });
    expect(expr("INTERVAL '10' MINUTES")).toMatchObject({ qualifier: { start: "MINUTE" } });
    expect(expr("INTERVAL '1-2' YEAR TO MONTH")).toMatchObject({
      qualifier: { start: "YEAR", end: "MONTH" },
    });
  });

  it("numbers parameters in order", () => {
    expect(expr("? + ?")).toEqual(bin("+", { kind: "parameter", index: 1 }, { kind: "parameter", index: 2 }));
  });
});

describe("names and access", () => {
  it("parses compound identifiers and quoted parts", () => {
    expect(expr("cat.db.`t`.c")).toEqual({
      kind: "column",
      parts: [ident("cat"), ident("db"), ident("t", true), ident("c")],
    });
  });

  it("accepts non-reserved keywords as column names", () => {
    for (const word of [
      "value",
      "timestamp",
      "date",
      "year",
      "name",
      "count",
      "data",
      "type",
      "comment",
      "position",
    ]) {
      expect(expr(word)).toEqual(col(word));
    }
  });

  it("parses field access, subscripts and stars", () => {
    expect(expr("(r).f")).toEqual({ kind: "fieldAccess", base: col("r"), field: ident("f") });
    expect(expr("arr[1].x")).toEqual({
      kind: "fieldAccess",
      base: { kind: "subscript", base: col("arr"), index: num("1") },
      field: ident("x"),
    });
    expect(expr("t.*")).toEqual({ kind: "star", qualifier: [ident("t")] });
  });

  it("parses constructors", () => {
    expect(expr("ROW(1, 'a')")).toEqual({ kind: "row", explicit: true, fields: [num("1"), str("a")] });
    expect(expr("(1, 'a')")).toEqual({ kind: "row", explicit: false, fields: [num("1"), str("a")] });
    expect(expr("ARRAY[1, 2]")).toEqual({ kind: "array", elements: [num("1"), num("2")] });
    expect(expr("MAP['a', 1]")).toEqual({ kind: "map", entries: [{ key: str("a"), value: num("1") }] });
  });
});

describe("function calls", () => {
  it("parses plain, qualified, DISTINCT and star calls", () => {
    expect(expr("f(a, 1)")).toEqual(call("f", col("a"), num("1")));
    expect(expr("cat.db.f()")).toEqual({
      kind: "call",
      name: name("cat", "db", "f"),
      args: [],
      distinct: false,
    });
    expect(expr("COUNT(DISTINCT a)")).toEqual({ ...call("COUNT", col("a")), distinct: true });
    expect(expr("COUNT(*)")).toEqual(call("COUNT", { kind: "star", qualifier: [] }));
  });

  it("parses niladic functions", () => {
    expect(expr("CURRENT_TIMESTAMP")).toEqual(call("CURRENT_TIMESTAMP"));
    expect(expr("CURRENT_ROW_TIMESTAMP()")).toEqual(call("CURRENT_ROW_TIMESTAMP"));
  });

  it("parses FILTER, WITHIN GROUP, null treatment and OVER", () => {
    expect(expr("SUM(x) FILTER (WHERE y > 0)")).toMatchObject({ filter: { kind: "binaryOp", op: ">" } });
    expect(expr("LISTAGG(x) WITHIN GROUP (ORDER BY y DESC)")).toMatchObject({
      withinGroup: [{ kind: "orderItem", expr: col("y"), direction: "DESC" }],
    });
    expect(expr("LAG(x) IGNORE NULLS OVER w")).toMatchObject({ nullTreatment: "IGNORE", over: ident("w") });
    expect(
      expr("SUM(x) OVER (w PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)"),
    ).toMatchObject({
      over: {
        kind: "windowSpec",
        base: ident("w"),
        partitionBy: [col("k")],
        orderBy: [{ expr: col("ts") }],
        frame: { unit: "ROWS", start: { kind: "preceding", offset: num("10") }, end: { kind: "currentRow" } },
      },
    });
    expect(expr("SUM(x) OVER (ORDER BY ts RANGE INTERVAL '1' HOUR PRECEDING)")).toMatchObject({
      over: { frame: { unit: "RANGE", start: { kind: "preceding", offset: { kind: "interval" } } } },
    });
  });

  it("parses TABLE t PARTITION BY (a, b) as two keys, not one ROW value", () => {
    expect(expr("SESSION(TABLE t PARTITION BY (a, b), DESCRIPTOR(ts), INTERVAL '1' MINUTE)")).toMatchObject({
      args: [{ kind: "tableArgument", table: name("t"), partitionBy: [col("a"), col("b")] }, {}, {}],
    });
  });

  it("parses named, TABLE and DESCRIPTOR arguments", () => {
    expect(
      expr("TUMBLE(DATA => TABLE t PARTITION BY k, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' MINUTE)"),
    ).toEqual(
      call(
        "TUMBLE",
        {
          kind: "namedArgument",
          name: ident("DATA"),
          value: { kind: "tableArgument", table: name("t"), partitionBy: [col("k")] },
        },
        {
          kind: "namedArgument",
          name: ident("TIMECOL"),
          value: { kind: "descriptor", columns: [ident("ts")] },
        },
        {
          kind: "namedArgument",
          name: ident("SIZE"),
          value: { kind: "interval", negative: false, value: "1", qualifier: { start: "MINUTE" } },
        },
      ),
    );
  });
});

describe("special syntax", () => {
  it("normalises SUBSTRING, POSITION, OVERLAY to calls", () => {
    expect(expr("SUBSTRING(s FROM 2 FOR 3)")).toEqual(call("SUBSTRING", col("s"), num("2"), num("3")));
    expect(expr("SUBSTRING(s, 2)")).toEqual(call("SUBSTRING", col("s"), num("2")));
    expect(expr("POSITION('a' IN s)")).toEqual(call("POSITION", str("a"), col("s")));
    expect(expr("OVERLAY(s PLACING 'x' FROM 2 FOR 1)")).toEqual(
      call("OVERLAY", col("s"), str("x"), num("2"), num("1")),
    );
  });

  it("parses FLOOR/CEIL TO and TIMESTAMPADD/DIFF with time unit arguments", () => {
    expect(expr("FLOOR(ts TO HOUR)")).toEqual(call("FLOOR", col("ts"), unit("HOUR")));
    expect(expr("CEIL(x)")).toEqual(call("CEIL", col("x")));
    expect(expr("TIMESTAMPDIFF(DAY, a, b)")).toEqual(call("TIMESTAMPDIFF", unit("DAY"), col("a"), col("b")));
  });

  it("parses EXTRACT, TRIM, CAST, CASE", () => {
    expect(expr("EXTRACT(DOW FROM ts)")).toEqual({ kind: "extract", unit: "DOW", source: col("ts") });
    expect(expr("TRIM(s)")).toEqual({ kind: "trim", side: "BOTH", source: col("s") });
    expect(expr("TRIM(LEADING 'x' FROM s)")).toEqual({
      kind: "trim",
      side: "LEADING",
      chars: str("x"),
      source: col("s"),
    });
    expect(expr("TRY_CAST(a AS INT)")).toEqual({
      kind: "cast",
      safe: true,
      operand: col("a"),
      type: { kind: "INT", nullable: true },
    });
    expect(expr("CASE a WHEN 1 THEN 'x' ELSE 'y' END")).toEqual({
      kind: "case",
      operand: col("a"),
      whens: [{ when: num("1"), then: str("x") }],
      else: str("y"),
    });
  });

  it("parses the JSON functions and their clauses", () => {
    expect(expr("JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY ERROR ON ERROR)")).toEqual({
      kind: "jsonCall",
      name: "JSON_VALUE",
      args: [col("j"), str("$.a")],
      entries: [],
      returning: { kind: "INT", nullable: true },
      onEmpty: { kind: "DEFAULT", value: num("0") },
      onError: { kind: "ERROR" },
    });
    expect(expr("JSON_QUERY(j, '$' WITH CONDITIONAL ARRAY WRAPPER EMPTY OBJECT ON ERROR)")).toMatchObject({
      wrapper: "CONDITIONAL",
      onError: { kind: "EMPTY OBJECT" },
    });
    expect(expr("JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE x ABSENT ON NULL)")).toMatchObject({
      entries: [
        { key: str("a"), value: num("1") },
        { key: str("b"), value: col("x") },
      ],
      onNull: "ABSENT",
    });
    expect(expr("JSON_ARRAYAGG(x NULL ON NULL)")).toMatchObject({ args: [col("x")], onNull: "NULL" });
  });
});

describe("spans", () => {
  it("covers the node's text", () => {
    const text = "a +\n  f(b, c)";
    const node = parseExpression(text);
    expect(node.span).toMatchObject({ start: 0, end: text.length, line: 1, col: 1 });
    if (node.kind !== "binaryOp") throw new Error("expected a binary operator");
    expect(node.right.span).toMatchObject({ start: 6, end: 13, line: 2, col: 3 });
  });
});

describe("errors", () => {
  it("throws SqlSyntaxError with positioned diagnostics", () => {
    expect(() => parseExpression("a +")).toThrow(SqlSyntaxError);
    try {
      parseExpression("f(a b)");
    } catch (error) {
      expect(error).toBeInstanceOf(SqlSyntaxError);
      expect((error as SqlSyntaxError).diagnostics[0]).toMatchObject({
        code: "parse/unexpected-token",
        message: "expected ')' but found 'b'",
        span: { line: 1, col: 5 },
      });
    }
  });
});
