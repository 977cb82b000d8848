import { describe, expect, it } from "vitest";
import { SqlEvalError } from "../../../src/engine/runtime/expr/index.ts";
import { date, evalPredicate, evalSql, ts } from "./sql-eval.ts";

type Case = readonly [expr: string, values: Record<string, unknown>, expected: unknown];

function table(cases: readonly Case[]): void {
  it.each(cases.map((c) => [c[0], c[1], c[2]] as const))("%s %o", (expr, values, expected) => {
    expect(evalSql(expr, values as never)).toEqual(expected);
  });
}

describe("columns, literals, arithmetic", () => {
  table([
    ["i + 1", { i: 41 }, 42],
    ["i + 1", {}, null],
    ["i * j", { i: 65536, j: 65536 }, 0],
    ["i + j", { i: 2147483647, j: 1 }, -2147483648],
    ["i / j", { i: 7, j: 2 }, 3],
    ["i / j", { i: -7, j: 2 }, -3],
    ["i % j", { i: -7, j: 3 }, -1],
    ["MOD(i, j)", { i: 7, j: -3 }, 1],
    ["MOD(b, 123)", { b: 246 }, 0],
    ["b * 2", { b: 2 ** 40 }, 2 ** 41],
    ["x / 0", { x: 1 }, Number.POSITIVE_INFINITY],
    ["x * 0.5", { x: 3 }, 1.5],
    ["b * 0.908", { b: 1000 }, 908000n],
    ["-i", { i: 5 }, -5],
    ["ti + ti", { ti: 100 }, -56],
    ["s || s2", { s: "a", s2: "b" }, "ab"],
    ["1.5 + 2.25", {}, 375n],
    ["d + d3", { d: 1050n, d3: 1n }, 10501n],
    ["d * d", { d: 150n }, 22500n],
    // DECIMAL(10, 2) / INT → DECIMAL(21, 13) (Flink's division scale max(6, s1 + p2 + 1)).
    ["d / 3", { d: 1000n }, 33333333333333n],
    ["d - 1", { d: 50n }, -50n],
    ["i + d", { i: 1, d: 5n }, 105n],
    ["x + d", { x: 0.5, d: 150n }, 2],
  ]);

  it("integer division by zero is an error", () => {
    expect(() => evalSql("i / j", { i: 1, j: 0 })).toThrow(SqlEvalError);
    expect(() => evalSql("i / j", { i: 1, j: 0 })).toThrow("division by zero");
    expect(() => evalSql("MOD(i, j)", { i: 1, j: 0 })).toThrow("division by zero");
    expect(() => evalSql("d / 0", { d: 1n })).toThrow("division by zero");
  });

  it("BIGINT beyond ±2^53 is an error", () => {
    expect(() => evalSql("b * b", { b: 2 ** 30 })).toThrow("BIGINT value out of the supported range ±2^53");
  });

  it("DECIMAL overflow of the result precision is NULL", () => {
    expect(evalSql("CAST(d AS DECIMAL(3, 2))", { d: 100000n })).toBeNull();
  });
});

describe("comparisons and logic", () => {
  table([
    ["i = 1", { i: 1 }, true],
    ["i <> 1", { i: 1 }, false],
    ["i < d", { i: 1, d: 101n }, true],
    ["d = 1", { d: 100n }, true],
    ["x > d", { x: 1.5, d: 149n }, true],
    ["s < s2", { s: "a", s2: "b" }, true],
    ["s < s2", { s: "\uffff", s2: "\u{10000}" }, true],
    ["bo < bo2", { bo: false, bo2: true }, true],
    ["ts > ts2", { ts: 2, ts2: 1 }, true],
    ["i = 1", {}, null],
    ["bo AND bo2", { bo: true, bo2: null }, null],
    ["bo AND bo2", { bo: false, bo2: null }, false],
    ["bo OR bo2", { bo: null, bo2: true }, true],
    ["bo OR bo2", { bo: null, bo2: false }, null],
    ["NOT bo", { bo: null }, null],
    ["NOT bo", { bo: true }, false],
    ["i IS NULL", {}, true],
    ["bo IS NOT TRUE", { bo: null }, true],
    ["bo IS FALSE", { bo: null }, false],
    ["i IS DISTINCT FROM j", { i: null, j: null }, false],
    ["i IS DISTINCT FROM j", { i: 1, j: null }, true],
    ["i IS NOT DISTINCT FROM j", { i: 2, j: 2 }, true],
    ["i BETWEEN 1 AND 3", { i: 2 }, true],
    ["i BETWEEN 3 AND 1", { i: 2 }, false],
    ["i BETWEEN SYMMETRIC 3 AND 1", { i: 2 }, true],
    ["i NOT BETWEEN 1 AND 3", { i: 5 }, true],
    ["i BETWEEN j AND 3", { i: 2, j: null }, null],
    ["i BETWEEN j AND 3", { i: 5, j: null }, false],
    ["i IN (1, 2, 3)", { i: 2 }, true],
    ["i IN (1, 2, 3)", { i: 4 }, false],
    ["i IN (1, NULL)", { i: 4 }, null],
    ["i NOT IN (1, 2)", { i: 4 }, true],
    ["i IN (j, 5)", { i: 4, j: null }, null],
    ["i IN (j, 4)", { i: 4, j: null }, true],
    ["s IN ('a', 'b')", { s: "b" }, true],
    ["s LIKE 'a%c'", { s: "abbc" }, true],
    ["s LIKE 'a_c'", { s: "abbc" }, false],
    ["s NOT LIKE '%.%'", { s: "a.b" }, false],
    ["s LIKE 'a!%%' ESCAPE '!'", { s: "a%b" }, true],
    ["s LIKE 'a!%%' ESCAPE '!'", { s: "ab" }, false],
    ["s LIKE s2", { s: "xyz", s2: "x%" }, true],
    ["s SIMILAR TO '(a|b)+c'", { s: "abac" }, true],
    ["s NOT SIMILAR TO '(a|b)+c'", { s: "abd" }, true],
  ]);

  it("a predicate treats NULL as false", () => {
    expect(evalPredicate("i > 1", {})).toBe(false);
    expect(evalPredicate("i > 1", { i: 2 })).toBe(true);
  });
});

describe("CASE and conditional functions", () => {
  table([
    ["CASE WHEN i > 1 THEN 'big' WHEN i > 0 THEN 'small' ELSE 'none' END", { i: 2 }, "big"],
    ["CASE WHEN i > 1 THEN 'big' WHEN i > 0 THEN 'small' ELSE 'none' END", { i: 1 }, "small"],
    ["CASE WHEN i > 1 THEN 'big' WHEN i > 0 THEN 'small' ELSE 'none' END", {}, "none"],
    ["CASE WHEN i > 1 THEN 'big' END", { i: 0 }, null],
    ["CASE i WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", { i: 2 }, "two"],
    ["CASE WHEN bo THEN i ELSE d END", { bo: true, i: 3, d: 5n }, 300n],
    ["CASE WHEN i > 0 THEN 1 ELSE 1 / i END", { i: 1 }, 1],
    ["COALESCE(i, j, 0)", { j: 7 }, 7],
    ["COALESCE(i, j)", {}, null],
    ["COALESCE(s, 'x')", { s: "a" }, "a"],
    ["COALESCE(i, 1 / j)", { i: 1, j: 0 }, 1],
    ["IF(bo, 'y', 'n')", { bo: null }, "n"],
    ["IF(bo, i, d)", { bo: true, i: 1 }, 100n],
    ["IFNULL(i, 9)", {}, 9],
    ["NULLIF(i, 1)", { i: 1 }, null],
    ["NULLIF(i, 1)", { i: 2 }, 2],
  ]);
});

describe("CAST", () => {
  table([
    ["CAST(s AS INT)", { s: "42" }, 42],
    ["CAST(s AS INT)", { s: " -7 " }, -7],
    ["CAST(x AS INT)", { x: 1.7 }, 1],
    ["CAST(x AS INT)", { x: -1.7 }, -1],
    ["CAST(d AS INT)", { d: -199n }, -1],
    ["CAST(x AS DECIMAL(5, 2))", { x: 1.005 }, 101n],
    ["CAST(x AS DECIMAL(5, 2))", { x: 2.675 }, 268n],
    ["CAST(i AS STRING)", { i: 5 }, "5"],
    ["CAST(x AS STRING)", { x: 1e10 }, "1.0E10"],
    ["CAST(x AS STRING)", { x: 0.1 }, "0.1"],
    ["CAST(x AS STRING)", { x: 100 }, "100.0"],
    ["CAST(d AS STRING)", { d: 150n }, "1.50"],
    ["CAST(bo AS STRING)", { bo: true }, "TRUE"],
    ["CAST(s AS BOOLEAN)", { s: "yes" }, true],
    ["CAST(s AS BOOLEAN)", { s: "F" }, false],
    ["CAST(ts AS STRING)", { ts: ts("2024-01-02 03:04:05.6") }, "2024-01-02 03:04:05.600"],
    ["CAST(dt AS STRING)", { dt: date("2024-02-29") }, "2024-02-29"],
    ["CAST(s AS DATE)", { s: "2024-02-29" }, date("2024-02-29")],
    ["CAST(s AS TIMESTAMP(3))", { s: "2024-01-02 03:04:05.678" }, ts("2024-01-02 03:04:05.678")],
    ["CAST(s AS TIMESTAMP(3))", { s: "2024-01-02T03:04:05" }, ts("2024-01-02 03:04:05")],
    ["CAST(s AS DECIMAL(10, 2))", { s: "12.345" }, 1235n],
    ["CAST(s AS DOUBLE)", { s: "1e3" }, 1000],
    ["CAST(i AS DOUBLE)", { i: 3 }, 3],
    ["CAST(s AS VARCHAR(2))", { s: "abc" }, "ab"],
    ["CAST(s AS CHAR(5))", { s: "abc" }, "abc  "],
    ["CAST(arr AS STRING)", { arr: [1, null, 3] }, "[1, NULL, 3]"],
    ["CAST(i AS TINYINT)", { i: 300 }, 44],
    ["TRY_CAST(s AS INT)", { s: "abc" }, null],
    ["TRY_CAST(s AS INT)", { s: "12" }, 12],
  ]);

  it("CAST of bad text is an error naming the value and type", () => {
    expect(() => evalSql("CAST(s AS INT)", { s: "abc" })).toThrow("cannot cast 'abc' to INT");
    expect(() => evalSql("CAST(s AS BOOLEAN)", { s: "maybe" })).toThrow("cannot cast 'maybe' to BOOLEAN");
    expect(() => evalSql("CAST(s AS DATE)", { s: "2024-13-01" })).toThrow("cannot cast '2024-13-01' to DATE");
  });
});

describe("Nexmark and C360 functions", () => {
  table([
    ["DATE_FORMAT(ts, 'yyyy-MM-dd HH:mm')", { ts: ts("2024-03-05 07:08:09") }, "2024-03-05 07:08"],
    [
      "DATE_FORMAT(ts, 'yyyy-MM-dd''T''HH:mm:ss.SSS')",
      { ts: ts("2024-03-05 07:08:09.012") },
      "2024-03-05T07:08:09.012",
    ],
    ["DATE_FORMAT(s, 'yyyyMMdd')", { s: "2024-03-05 07:08:09" }, "20240305"],
    ["HOUR(ts)", { ts: ts("2024-03-05 07:08:09") }, 7],
    ["LOWER(s)", { s: "AbC" }, "abc"],
    ["UPPER(s)", { s: "AbC" }, "ABC"],
    ["REGEXP_EXTRACT(s, '(\\d+)-(\\d+)', 2)", { s: "x 12-34 y" }, "34"],
    ["REGEXP_EXTRACT(s, '\\d+')", { s: "ab 123" }, "123"],
    ["REGEXP_EXTRACT(s, '(\\d+)', 3)", { s: "ab 123" }, null],
    ["REGEXP_EXTRACT(s, 'z')", { s: "abc" }, null],
    ["SPLIT_INDEX(s, ',', 1)", { s: "a,b,c" }, "b"],
    ["SPLIT_INDEX(s, ',', 5)", { s: "a,b,c" }, null],
    ["SPLIT_INDEX(s, ',', -1)", { s: "a,b,c" }, null],
    ["TIMESTAMPDIFF(DAY, ts, ts2)", { ts: ts("2024-01-01 12:00:00"), ts2: ts("2024-01-03 11:59:59") }, 1],
    [
      "TIMESTAMPDIFF(SECOND, ts, ts2)",
      { ts: ts("2024-01-01 00:00:10"), ts2: ts("2024-01-01 00:00:00") },
      -10,
    ],
    // Calcite's subtractMonths: Jan 31 + 1 month clamps to Feb 29, which is reached, so 1.
    ["TIMESTAMPDIFF(MONTH, ts, ts2)", { ts: ts("2024-01-31 00:00:00"), ts2: ts("2024-02-29 00:00:00") }, 1],
    ["TIMESTAMPDIFF(MONTH, ts, ts2)", { ts: ts("2024-01-31 10:00:00"), ts2: ts("2024-02-29 09:00:00") }, 0],
    ["TIMESTAMPDIFF(MONTH, ts, ts2)", { ts: ts("2024-01-31 00:00:00"), ts2: ts("2024-03-31 00:00:00") }, 2],
    ["TIMESTAMPDIFF(YEAR, dt, ts)", { dt: date("2020-02-29"), ts: ts("2024-02-28 00:00:00") }, 3],
    ["CONCAT(s, '-', s2)", { s: "a", s2: "b" }, "a-b"],
    ["CONCAT(s, '-', s2)", { s: "a" }, null],
    ["CONCAT_WS('-', s, s2, 'c')", { s: "a" }, "a-c"],
  ]);
});
