import { describe, expect, it } from "vitest";
import type { Expr } from "../../../src/sql/ast/index.ts";
import { parseExpression } from "../../../src/sql/parser/index.ts";
import { printExpr } from "../../../src/sql/printer/index.ts";
import { BIGINT, bin, call, col, ident, neg, not, num, query, select, span, str, table } from "./build.ts";
import { stripSpans } from "./strip-spans.ts";

const [a, b, c, d] = [col("a"), col("b"), col("c"), col("d")];

describe("operator precedence and parentheses", () => {
  const cases: [string, Expr, string][] = [
    ["left-associative chain", bin("-", bin("-", a, b), c), "a - b - c"],
    ["right-nested minus keeps parens", bin("-", a, bin("-", b, c)), "a - (b - c)"],
    ["right-nested plus keeps parens (tree shape)", bin("+", a, bin("+", b, c)), "a + (b + c)"],
    ["product inside sum", bin("+", a, bin("*", b, c)), "a + b * c"],
    ["sum inside product", bin("*", bin("+", a, b), c), "(a + b) * c"],
    ["division on the right", bin("/", a, bin("*", b, c)), "a / (b * c)"],
    ["AND inside OR", bin("OR", bin("AND", a, b), c), "a AND b OR c"],
    ["OR inside AND", bin("AND", a, bin("OR", b, c)), "a AND (b OR c)"],
    ["comparison inside AND", bin("AND", bin("=", a, b), bin(">", c, d)), "a = b AND c > d"],
    ["comparisons do not chain", bin("=", bin("=", a, b), c), "(a = b) = c"],
    ["NOT of a comparison", not(bin("=", a, b)), "NOT a = b"],
    ["NOT of AND", not(bin("AND", a, b)), "NOT (a AND b)"],
    ["NOT NOT", not(not(a)), "NOT NOT a"],
    ["NOT as a comparison operand", bin("=", not(a), b), "(NOT a) = b"],
    ["AND NOT", bin("AND", a, not(b)), "a AND NOT b"],
    ["double minus keeps a space", neg(neg(num("1"))), "- -1"],
    ["minus of a sum", neg(bin("+", a, b)), "-(a + b)"],
    ["concat chain", bin("||", bin("||", a, b), c), "a || b || c"],
    ["concat of a sum", bin("||", a, bin("+", b, c)), "a || (b + c)"],
    ["sum of a concat", bin("+", bin("||", a, b), c), "(a || b) + c"],
    ["product of a concat", bin("*", a, bin("||", b, c)), "a * (b || c)"],
    [
      "IS NULL of a comparison",
      { kind: "is", negated: false, test: "NULL", operand: bin("=", a, b), span },
      "(a = b) IS NULL",
    ],
    ["IS NOT TRUE", { kind: "is", negated: true, test: "TRUE", operand: a, span }, "a IS NOT TRUE"],
    [
      "BETWEEN with arithmetic bounds",
      {
        kind: "between",
        negated: true,
        symmetric: true,
        operand: a,
        low: bin("-", b, num("1")),
        high: c,
        span,
      },
      "a NOT BETWEEN SYMMETRIC b - 1 AND c",
    ],
    [
      "BETWEEN with a boolean bound",
      { kind: "between", negated: false, symmetric: false, operand: a, low: bin("AND", b, c), high: d, span },
      "a BETWEEN (b AND c) AND d",
    ],
    [
      "LIKE with ESCAPE",
      { kind: "like", op: "LIKE", negated: true, operand: a, pattern: str("x!%"), escape: str("!"), span },
      "a NOT LIKE 'x!%' ESCAPE '!'",
    ],
    [
      "SIMILAR TO",
      { kind: "like", op: "SIMILAR TO", negated: false, operand: a, pattern: str("[ab]+"), span },
      "a SIMILAR TO '[ab]+'",
    ],
    [
      "IN list",
      { kind: "inList", negated: true, operand: a, list: [num("1"), num("2")], span },
      "a NOT IN (1, 2)",
    ],
    [
      "IS DISTINCT FROM",
      { kind: "isDistinctFrom", negated: true, left: a, right: bin("+", b, c), span },
      "a IS NOT DISTINCT FROM b + c",
    ],
    [
      "subscript of a column",
      { kind: "subscript", base: col("t", "arr"), index: num("1"), span },
      "t.arr[1]",
    ],
    [
      "subscript of a concat",
      { kind: "subscript", base: bin("||", a, b), index: num("1"), span },
      "(a || b)[1]",
    ],
    [
      "field of a column path",
      { kind: "fieldAccess", base: col("t", "r"), field: ident("f"), span },
      "(t.r).f",
    ],
    [
      "field of a subscript",
      {
        kind: "fieldAccess",
        base: { kind: "subscript", base: a, index: num("1"), span },
        field: ident("name"),
        span,
      },
      "a[1].name",
    ],
  ];
  it.each(cases)("%s", (_, expr, expected) => expect(printExpr(expr)).toBe(expected));
  it.each(cases)("%s parses back to the same tree", (_, expr) =>
    expect(stripSpans(parseExpression(printExpr(expr)))).toEqual(stripSpans(expr)),
  );
});

/**
 * Hand-built trees the parser never produces, which must still print as text that means the same:
 * numeric literal text with a sign (the parser reads `-1` as a minus applied to `1`), and a one-field
 * row marked implicit (`(a)` is a parenthesized expression).
 */
describe("trees without an exact text form", () => {
  const cases: [string, Expr, string][] = [
    ["one-field row needs ROW", { kind: "row", explicit: false, fields: [a], span }, "ROW(a)"],
    ["minus of a negative literal", neg(num("-1")), "- -1"],
    ["negative literal operand", bin("-", a, num("-1")), "a - -1"],
    ["negative literal times", bin("*", num("-2"), a), "-2 * a"],
    [
      "subscript of a negative literal",
      { kind: "subscript", base: num("-1"), index: num("1"), span },
      "(-1)[1]",
    ],
  ];
  it.each(cases)("%s", (_, expr, expected) => expect(printExpr(expr)).toBe(expected));
});

describe("literals", () => {
  const cases: [string, Expr, string][] = [
    ["decimal text kept", num("1.50"), "1.50"],
    ["exponent kept", num("2.5E-3"), "2.5E-3"],
    ["quote doubled", str("it's"), "'it''s'"],
    ["control characters as U& escapes", str("a\nb\t'\\"), "U&'a\\000Ab\\0009''\\\\'"],
    ["non-BMP text is left alone", str("😀"), "'😀'"],
    ["booleans", { kind: "boolean", value: "unknown", span }, "UNKNOWN"],
    ["binary", { kind: "binary", hex: "0AFF", span }, "X'0AFF'"],
    [
      "typed",
      { kind: "typedLiteral", type: "TIMESTAMP_LTZ", value: "2024-01-01 00:00:00", span },
      "TIMESTAMP_LTZ '2024-01-01 00:00:00'",
    ],
    [
      "interval as written",
      {
        kind: "interval",
        negative: false,
        value: "1 2:03",
        qualifier: { start: "DAY", end: "MINUTE" },
        span,
      },
      "INTERVAL '1 2:03' DAY TO MINUTE",
    ],
    [
      "negative interval with precisions",
      {
        kind: "interval",
        negative: true,
        value: "1 02:03:04.5",
        qualifier: { start: "DAY", startPrecision: 3, end: "SECOND", fractionalPrecision: 6 },
        span,
      },
      "INTERVAL -'1 02:03:04.5' DAY(3) TO SECOND(6)",
    ],
    [
      "SECOND with both precisions",
      {
        kind: "interval",
        negative: false,
        value: "1.5",
        qualifier: { start: "SECOND", startPrecision: 2, fractionalPrecision: 3 },
        span,
      },
      "INTERVAL '1.5' SECOND(2, 3)",
    ],
  ];
  it.each(cases)("%s", (_, expr, expected) => expect(printExpr(expr)).toBe(expected));
  it.each(cases)("%s parses back to the same tree", (_, expr) =>
    expect(stripSpans(parseExpression(printExpr(expr)))).toEqual(stripSpans(expr)),
  );
});

describe("identifiers", () => {
  it("quotes reserved words, names that are not plain identifiers, and quoted idents", () => {
    const expr: Expr = {
      kind: "column",
      parts: [ident("order"), ident("event type"), ident("1st"), ident("plain", true), ident("$rowtime")],
      span,
    };
    expect(printExpr(expr)).toBe("`order`.`event type`.`1st`.`plain`.$rowtime");
  });

  it("doubles backticks", () => expect(printExpr(col("a`b"))).toBe("`a``b`"));

  it("leaves built-in function names bare even when reserved", () => {
    expect(printExpr(call("COUNT", [{ kind: "star", qualifier: [], span }]))).toBe("COUNT(*)");
    expect(printExpr(call("LEFT", [a, num("2")]))).toBe("LEFT(a, 2)");
  });
});

describe("function calls and special syntax", () => {
  const cases: [string, Expr, string][] = [
    ["SUBSTRING", call("SUBSTRING", [a, num("2"), num("3")]), "SUBSTRING(a FROM 2 FOR 3)"],
    ["SUBSTRING without length", call("substring", [a, num("2")]), "substring(a FROM 2)"],
    ["POSITION", call("POSITION", [str("x"), a]), "POSITION('x' IN a)"],
    [
      "POSITION of an IN predicate",
      call("POSITION", [{ kind: "inList", negated: false, operand: a, list: [b], span }, c]),
      "POSITION((a IN (b)) IN c)",
    ],
    ["OVERLAY", call("OVERLAY", [a, str("x"), num("1"), num("2")]), "OVERLAY(a PLACING 'x' FROM 1 FOR 2)"],
    ["FLOOR TO", call("FLOOR", [a, { kind: "timeUnit", unit: "DAY", span }]), "FLOOR(a TO DAY)"],
    ["CEIL of a number", call("CEIL", [a]), "CEIL(a)"],
    [
      "TIMESTAMPDIFF unit first",
      call("TIMESTAMPDIFF", [{ kind: "timeUnit", unit: "HOUR", span }, a, b]),
      "TIMESTAMPDIFF(HOUR, a, b)",
    ],
    ["niladic", call("CURRENT_TIMESTAMP", []), "CURRENT_TIMESTAMP"],
    ["empty parentheses", call("PROCTIME", []), "PROCTIME()"],
    ["DISTINCT", call("COUNT", [a], { distinct: true }), "COUNT(DISTINCT a)"],
    ["FILTER", call("SUM", [a], { filter: bin(">", b, num("0")) }), "SUM(a) FILTER (WHERE b > 0)"],
    [
      "WITHIN GROUP",
      call("LISTAGG", [a, str(",")], {
        withinGroup: [{ kind: "orderItem", expr: b, direction: "DESC", span }],
      }),
      "LISTAGG(a, ',') WITHIN GROUP (ORDER BY b DESC)",
    ],
    [
      "IGNORE NULLS OVER window",
      call("LAST_VALUE", [a], {
        nullTreatment: "IGNORE",
        over: {
          kind: "windowSpec",
          partitionBy: [b],
          orderBy: [{ kind: "orderItem", expr: c, nulls: "LAST", span }],
          frame: {
            unit: "ROWS",
            start: { kind: "preceding", offset: num("10") },
            end: { kind: "currentRow" },
          },
          span,
        },
      }),
      "LAST_VALUE(a) IGNORE NULLS OVER (PARTITION BY b ORDER BY c NULLS LAST ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)",
    ],
    ["OVER a named window", call("RANK", [], { over: ident("w") }), "RANK() OVER w"],
    ["CAST", { kind: "cast", safe: false, operand: a, type: BIGINT, span }, "CAST(a AS BIGINT)"],
    [
      "TRY_CAST to ROW",
      {
        kind: "cast",
        safe: true,
        operand: a,
        type: { kind: "ROW", fields: [{ name: "x", type: { ...BIGINT, nullable: false } }], nullable: true },
        span,
      },
      "TRY_CAST(a AS ROW<`x` BIGINT NOT NULL>)",
    ],
    ["EXTRACT", { kind: "extract", unit: "DOW", source: a, span }, "EXTRACT(DOW FROM a)"],
    ["TRIM", { kind: "trim", side: "BOTH", source: a, span }, "TRIM(a)"],
    [
      "TRIM LEADING",
      { kind: "trim", side: "LEADING", chars: str("x"), source: a, span },
      "TRIM(LEADING 'x' FROM a)",
    ],
    [
      "simple CASE on one line",
      { kind: "case", operand: a, whens: [{ when: num("1"), then: str("one") }], else: str("many"), span },
      "CASE a WHEN 1 THEN 'one' ELSE 'many' END",
    ],
    ["explicit ROW", { kind: "row", explicit: true, fields: [a, b], span }, "ROW(a, b)"],
    ["implicit row", { kind: "row", explicit: false, fields: [a, b], span }, "(a, b)"],
    ["ARRAY", { kind: "array", elements: [num("1"), num("2")], span }, "ARRAY[1, 2]"],
    ["MAP", { kind: "map", entries: [{ key: str("k"), value: a }], span }, "MAP['k', a]"],
    ["parameter", { kind: "parameter", index: 1, span }, "?"],
    [
      "JSON_VALUE",
      {
        kind: "jsonCall",
        name: "JSON_VALUE",
        args: [a, str("$.x")],
        entries: [],
        returning: BIGINT,
        onEmpty: { kind: "DEFAULT", value: num("0") },
        onError: { kind: "NULL" },
        span,
      },
      "JSON_VALUE(a, '$.x' RETURNING BIGINT DEFAULT 0 ON EMPTY NULL ON ERROR)",
    ],
    [
      "JSON_QUERY wrapper",
      {
        kind: "jsonCall",
        name: "JSON_QUERY",
        args: [a, str("$.x")],
        entries: [],
        wrapper: "CONDITIONAL",
        onEmpty: { kind: "EMPTY ARRAY" },
        span,
      },
      "JSON_QUERY(a, '$.x' WITH CONDITIONAL ARRAY WRAPPER EMPTY ARRAY ON EMPTY)",
    ],
    [
      "JSON_OBJECT",
      {
        kind: "jsonCall",
        name: "JSON_OBJECT",
        args: [],
        entries: [
          { key: str("k"), value: a },
          { key: str("l"), value: b },
        ],
        onNull: "ABSENT",
        span,
      },
      "JSON_OBJECT(KEY 'k' VALUE a, KEY 'l' VALUE b ABSENT ON NULL)",
    ],
    [
      "table-valued function arguments",
      call("TUMBLE", [
        {
          kind: "tableArgument",
          table: { kind: "qualifiedName", parts: [ident("bids")], span },
          partitionBy: [],
          span,
        },
        { kind: "descriptor", columns: [ident("ts")], span },
        {
          kind: "namedArgument",
          name: ident("SIZE"),
          value: { kind: "interval", negative: false, value: "10", qualifier: { start: "MINUTE" }, span },
          span,
        },
      ]),
      "TUMBLE(TABLE bids, DESCRIPTOR(ts), SIZE => INTERVAL '10' MINUTE)",
    ],
  ];
  it.each(cases)("%s", (_, expr, expected) => expect(printExpr(expr)).toBe(expected));
  it.each(cases)("%s parses back to the same tree", (_, expr) =>
    expect(stripSpans(parseExpression(printExpr(expr)))).toEqual(stripSpans(expr)),
  );

  it("breaks a long CASE into one WHEN per line", () => {
    const expr: Expr = {
      kind: "case",
      whens: [
        { when: bin(">", col("order_total"), num("1000")), then: str("platinum customer") },
        { when: bin(">", col("order_total"), num("100")), then: str("gold customer") },
      ],
      else: str("regular customer"),
      span,
    };
    expect(printExpr(expr)).toBe(
      [
        "CASE",
        "  WHEN order_total > 1000 THEN 'platinum customer'",
        "  WHEN order_total > 100 THEN 'gold customer'",
        "  ELSE 'regular customer'",
        "END",
      ].join("\n"),
    );
  });

  it("opens subqueries on their own lines", () => {
    const sub = query(select([col("id")], { from: table("vip") }));
    expect(printExpr({ kind: "inSubquery", negated: false, operand: a, query: sub, span })).toBe(
      "a IN (\n  SELECT id\n  FROM vip\n)",
    );
    expect(printExpr(not({ kind: "exists", query: sub, span }))).toBe(
      "NOT EXISTS (\n  SELECT id\n  FROM vip\n)",
    );
  });
});
