import { describe, expect, it } from "vitest";
import { col, ident, name, num, query, str } from "./helpers.ts";

const body = (text: string) => (query(text) as { body: unknown }).body;
const from = (text: string) => (body(text) as { from: unknown }).from;

describe("SELECT", () => {
  it("parses the clauses of a select", () => {
    expect(
      query("SELECT DISTINCT a AS x, b y, t.* FROM t WHERE a > 1 GROUP BY a HAVING COUNT(*) > 2"),
    ).toEqual({
      kind: "query",
      with: [],
      orderBy: [],
      body: {
        kind: "select",
        hints: [],
        distinct: true,
        items: [
          { kind: "selectItem", expr: col("a"), alias: ident("x") },
          { kind: "selectItem", expr: col("b"), alias: ident("y") },
          { kind: "selectItem", expr: { kind: "star", qualifier: [ident("t")] } },
        ],
        from: { kind: "namedTable", name: name("t"), hints: [] },
        where: { kind: "binaryOp", op: ">", left: col("a"), right: num("1") },
        groupBy: [{ kind: "groupExpr", expr: col("a") }],
        having: {
          kind: "binaryOp",
          op: ">",
          left: {
            kind: "call",
            name: name("COUNT"),
            args: [{ kind: "star", qualifier: [] }],
            distinct: false,
          },
          right: num("2"),
        },
        windows: [],
      },
    });
  });

  it("accepts keywords as aliases after AS and non-reserved words without it", () => {
    expect(body("SELECT a AS `from`, b value, c AS date FROM t")).toMatchObject({
      items: [{ alias: ident("from", true) }, { alias: ident("value") }, { alias: ident("date") }],
    });
  });

  it("parses hints after SELECT", () => {
    expect(body("SELECT /*+ BROADCAST(d), STATE_TTL('o' = '1d') */ * FROM o")).toMatchObject({
      hints: [
        { kind: "hint", name: ident("BROADCAST"), properties: [], args: [ident("d")] },
        {
          kind: "hint",
          name: ident("STATE_TTL"),
          properties: [{ kind: "property", key: "o", value: "1d" }],
          args: [],
        },
      ],
    });
  });

  it("parses grouping sets, rollup, cube and ()", () => {
    expect(
      body("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), a, ()), ROLLUP (a, b), CUBE (c)"),
    ).toMatchObject({
      groupBy: [
        {
          kind: "groupingSets",
          sets: [
            { kind: "groupExpr", expr: { kind: "row", fields: [col("a"), col("b")] } },
            { kind: "groupExpr", expr: col("a") },
            { kind: "emptyGroup" },
          ],
        },
        { kind: "rollup", elements: [col("a"), col("b")] },
        { kind: "cube", elements: [col("c")] },
      ],
    });
  });

  it("parses the WINDOW clause", () => {
    expect(body("SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts)")).toMatchObject({
      windows: [{ kind: "namedWindow", name: ident("w"), spec: { partitionBy: [col("k")] } }],
    });
  });
});

describe("query tail", () => {
  it("parses ORDER BY, LIMIT and OFFSET", () => {
    expect(query("SELECT a FROM t ORDER BY a DESC NULLS LAST, b LIMIT 10 OFFSET 5")).toMatchObject({
      orderBy: [
        { kind: "orderItem", expr: col("a"), direction: "DESC", nulls: "LAST" },
        { kind: "orderItem", expr: col("b") },
      ],
      limit: num("10"),
      offset: num("5"),
    });
  });

  it("puts FETCH FIRST into limit", () => {
    expect(query("SELECT a FROM t OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY")).toMatchObject({
      limit: num("3"),
      offset: num("2"),
    });
  });

  it("parses CTEs with column lists", () => {
    expect(query("WITH c (x) AS (SELECT 1), d AS (SELECT 2) SELECT x FROM c")).toMatchObject({
      with: [
        { kind: "cte", name: ident("c"), columns: [ident("x")] },
        { kind: "cte", name: ident("d"), columns: [] },
      ],
    });
  });
});

describe("set operations", () => {
  it("binds INTERSECT tighter than UNION and associates left", () => {
    expect(body("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT DISTINCT SELECT 4")).toMatchObject({
      kind: "setOp",
      op: "EXCEPT",
      all: false,
      left: {
        op: "UNION",
        all: true,
        left: { kind: "select" },
        right: { op: "INTERSECT", left: { kind: "select" }, right: { kind: "select" } },
      },
      right: { kind: "select" },
    });
  });

  it("parses parenthesised operands and applies ORDER BY to the whole", () => {
    expect(query("(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1")).toMatchObject({
      body: { kind: "setOp", left: { kind: "query" }, right: { kind: "query" } },
      orderBy: [{ expr: num("1") }],
    });
  });

  it("parses VALUES", () => {
    expect(body("VALUES (1, 'a'), (2, 'b')")).toEqual({
      kind: "values",
      rows: [
        [num("1"), str("a")],
        [num("2"), str("b")],
      ],
    });
  });
});

describe("FROM", () => {
  it("parses aliases with column lists", () => {
    expect(from("SELECT * FROM (VALUES (1)) AS v (n)")).toMatchObject({
      kind: "derivedTable",
      lateral: false,
      alias: { kind: "tableAlias", name: ident("v"), columns: [ident("n")] },
    });
  });

  it("parses every join kind, left-associatively", () => {
    expect(
      from(
        "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (y), d CROSS JOIN e NATURAL FULL JOIN f",
      ),
    ).toMatchObject({
      type: "FULL",
      natural: true,
      left: {
        type: "CROSS",
        left: {
          type: "COMMA",
          left: { type: "LEFT", using: [ident("y")], left: { type: "INNER", on: { kind: "binaryOp" } } },
          right: { name: name("d") },
        },
      },
    });
  });

  it("parses table hints, temporal joins and table aliases without AS", () => {
    expect(
      from(
        "SELECT * FROM o /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ JOIN r FOR SYSTEM_TIME AS OF o.ts x ON TRUE",
      ),
    ).toMatchObject({
      left: {
        hints: [
          { name: ident("OPTIONS"), properties: [{ key: "scan.startup.mode", value: "latest-offset" }] },
        ],
      },
      right: { kind: "namedTable", asOf: col("o", "ts"), alias: { name: ident("x") } },
    });
  });

  it("parses UNNEST, LATERAL TABLE and window TVFs", () => {
    expect(from("SELECT * FROM t CROSS JOIN UNNEST(t.tags) WITH ORDINALITY AS x (tag, pos)")).toMatchObject({
      right: {
        kind: "unnest",
        args: [col("t", "tags")],
        withOrdinality: true,
        alias: { columns: [ident("tag"), ident("pos")] },
      },
    });
    expect(from("SELECT * FROM t, LATERAL TABLE(split(t.s)) AS w (word)")).toMatchObject({
      right: { kind: "tableFunction", lateral: true, call: { name: name("split") } },
    });
    expect(
      from("SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))"),
    ).toMatchObject({
      kind: "tableFunction",
      lateral: false,
      call: {
        name: name("HOP"),
        args: [
          { kind: "tableArgument", table: name("bids") },
          { kind: "descriptor" },
          { kind: "interval" },
          { kind: "interval" },
        ],
      },
    });
  });

  it("parses parenthesised joins and derived tables", () => {
    expect(from("SELECT * FROM (a JOIN b ON TRUE)")).toMatchObject({ kind: "join" });
    expect(from("SELECT * FROM LATERAL (SELECT 1) x")).toMatchObject({ kind: "derivedTable", lateral: true });
    expect(from("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u")).toMatchObject({
      kind: "derivedTable",
      query: { body: { kind: "setOp" } },
    });
  });
});

describe("MATCH_RECOGNIZE", () => {
  it("parses all clauses", () => {
    const text = `SELECT * FROM ticker MATCH_RECOGNIZE (
      PARTITION BY symbol ORDER BY ts
      MEASURES FIRST(A.price) AS start_price, LAST(B.price) AS end_price
      ONE ROW PER MATCH
      AFTER MATCH SKIP TO LAST B
      PATTERN (A B{2,}? C{,3} (D | E)* F{2} G+ H?)
      WITHIN INTERVAL '1' HOUR
      SUBSET S = (A, B)
      DEFINE B AS B.price < PREV(B.price), C AS TRUE
    ) AS m`;
    const v = (n: string) => ({ kind: "patternVar", name: ident(n) });
    expect(from(text)).toMatchObject({
      kind: "matchRecognize",
      input: { kind: "namedTable", name: name("ticker") },
      partitionBy: [col("symbol")],
      orderBy: [{ expr: col("ts") }],
      measures: [{ alias: ident("start_price") }, { alias: ident("end_price") }],
      rowsPerMatch: "ONE ROW PER MATCH",
      afterMatch: { kind: "toLast", variable: ident("B") },
      pattern: {
        kind: "patternSeq",
        terms: [
          v("A"),
          { kind: "patternQuantified", term: v("B"), min: 2, reluctant: true, syntax: "braces" },
          { kind: "patternQuantified", term: v("C"), min: 0, max: 3, reluctant: false },
          {
            kind: "patternQuantified",
            term: { kind: "patternGroup", term: { kind: "patternAlt", alternatives: [v("D"), v("E")] } },
            min: 0,
            syntax: "*",
          },
          { kind: "patternQuantified", term: v("F"), min: 2, max: 2 },
          { kind: "patternQuantified", term: v("G"), min: 1, syntax: "+" },
          { kind: "patternQuantified", term: v("H"), min: 0, max: 1, syntax: "?" },
        ],
      },
      within: { kind: "interval", qualifier: { start: "HOUR" } },
      subsets: [{ name: ident("S"), variables: [ident("A"), ident("B")] }],
      define: [
        { variable: ident("B") },
        { variable: ident("C"), condition: { kind: "boolean", value: true } },
      ],
      alias: { name: ident("m") },
    });
  });
});

describe("MATCH_RECOGNIZE additions", () => {
  const match = (measures: string, pattern: string) =>
    from(
      `SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts MEASURES ${measures} PATTERN (${pattern}) DEFINE A AS A.x > 0)`,
    );

  it("parses RUNNING and FINAL before a measure's call", () => {
    expect(match("FINAL LAST(A.x) AS l, RUNNING COUNT(A.x) + 1 AS c", "A+")).toMatchObject({
      measures: [
        {
          expr: { kind: "measureSemantics", semantics: "FINAL", operand: { kind: "call" } },
          alias: ident("l"),
        },
        {
          expr: {
            kind: "binaryOp",
            op: "+",
            left: { kind: "measureSemantics", semantics: "RUNNING", operand: { kind: "call" } },
          },
        },
      ],
    });
  });

  it("keeps RUNNING and FINAL ordinary names outside MATCH_RECOGNIZE", () => {
    expect(query("SELECT running, final AS f FROM t")).toMatchObject({
      body: { items: [{ expr: col("running") }, { expr: col("final"), alias: ident("f") }] },
    });
  });

  it("parses anchors, exclusions and PERMUTE", () => {
    expect(match("A.x AS x", "^ A {- B* -} PERMUTE(C, D){2} $")).toMatchObject({
      pattern: {
        kind: "patternSeq",
        terms: [
          { kind: "patternAnchor", anchor: "^" },
          { kind: "patternVar", name: ident("A") },
          { kind: "patternExclusion", term: { kind: "patternQuantified", min: 0, syntax: "*" } },
          {
            kind: "patternQuantified",
            min: 2,
            max: 2,
            term: {
              kind: "patternPermute",
              terms: [
                { kind: "patternVar", name: ident("C") },
                { kind: "patternVar", name: ident("D") },
              ],
            },
          },
          { kind: "patternAnchor", anchor: "$" },
        ],
      },
    });
  });
});
