import { describe, expect, it } from "vitest";
import type {
  JoinRef,
  MatchRecognize,
  Query,
  Select,
  SetOperation,
  TableRef,
} from "../../../src/sql/ast/index.ts";
import { printQuery } from "../../../src/sql/printer/index.ts";
import {
  alias,
  bin,
  call,
  col,
  ident,
  item,
  name,
  num,
  query,
  select,
  span,
  star,
  str,
  table,
} from "./build.ts";

function join(type: JoinRef["type"], left: TableRef, right: TableRef, extra: Partial<JoinRef> = {}): JoinRef {
  return { kind: "join", type, left, right, using: [], natural: false, span, ...extra };
}

describe("SELECT layout", () => {
  it("keeps a single item on the SELECT line and puts each clause on its own line", () => {
    const q = query(
      select([call("COUNT", [star()])], {
        from: table("orders"),
        where: bin(">", col("amount"), num("10")),
        groupBy: [{ kind: "groupExpr", expr: col("region"), span }],
        having: bin(">", call("COUNT", [star()]), num("1")),
      }),
      {
        orderBy: [{ kind: "orderItem", expr: col("region"), direction: "DESC", span }],
        limit: num("10"),
        offset: num("5"),
      },
    );
    expect(printQuery(q)).toBe(
      [
        "SELECT COUNT(*)",
        "FROM orders",
        "WHERE amount > 10",
        "GROUP BY region",
        "HAVING COUNT(*) > 1",
        "ORDER BY region DESC",
        "LIMIT 10",
        "OFFSET 5",
      ].join("\n"),
    );
  });

  it("puts several items one per line, with hints, DISTINCT and aliases", () => {
    const q = query(
      select([item(col("o", "id"), "order_id"), item(col("order"), "select"), star()], {
        hints: [
          {
            kind: "hint",
            name: ident("STATE_TTL"),
            properties: [{ kind: "property", key: "o", value: "1d", span }],
            args: [],
            span,
          },
        ],
        distinct: true,
        from: table("orders", "o"),
      }),
    );
    expect(printQuery(q)).toBe(
      [
        "SELECT /*+ STATE_TTL('o' = '1d') */ DISTINCT",
        "  o.id AS order_id,",
        "  `order` AS `select`,",
        "  *",
        "FROM orders AS o",
      ].join("\n"),
    );
  });

  it("breaks a long WHERE condition at its top-level ANDs", () => {
    const long = (n: string) => bin("=", col("left_table", `${n}_column`), col("right_table", `${n}_column`));
    const where = bin(
      "AND",
      bin("AND", long("first"), bin("OR", long("second"), long("third"))),
      long("fourth"),
    );
    expect(printQuery(query(select([star()], { from: table("t"), where })))).toBe(
      [
        "SELECT *",
        "FROM t",
        "WHERE left_table.first_column = right_table.first_column",
        "  AND (left_table.second_column = right_table.second_column OR left_table.third_column = right_table.third_column)",
        "  AND left_table.fourth_column = right_table.fourth_column",
      ].join("\n"),
    );
  });

  it("prints grouping sets, rollup, cube and named windows", () => {
    const q = query(
      select([col("a")], {
        from: table("t"),
        groupBy: [
          {
            kind: "groupingSets",
            sets: [
              {
                kind: "groupExpr",
                expr: { kind: "row", explicit: false, fields: [col("a"), col("b")], span },
                span,
              },
              { kind: "emptyGroup", span },
            ],
            span,
          },
          { kind: "rollup", elements: [col("a"), col("b")], span },
          { kind: "cube", elements: [col("c")], span },
        ],
        windows: [
          {
            kind: "namedWindow",
            name: ident("w"),
            spec: {
              kind: "windowSpec",
              partitionBy: [col("a")],
              orderBy: [],
              frame: { unit: "RANGE", start: { kind: "unboundedPreceding" } },
              span,
            },
            span,
          },
        ],
      }),
    );
    expect(printQuery(q)).toBe(
      [
        "SELECT a",
        "FROM t",
        "GROUP BY GROUPING SETS ((a, b), ()), ROLLUP(a, b), CUBE(c)",
        "WINDOW w AS (PARTITION BY a RANGE UNBOUNDED PRECEDING)",
      ].join("\n"),
    );
  });
});

describe("WITH, set operations and VALUES", () => {
  const selectFrom = (t: string): Select => select([col("id")], { from: table(t) });

  it("opens each CTE as a block", () => {
    const q = query(selectFrom("a"), {
      with: [
        { kind: "cte", name: ident("a"), columns: [], query: query(selectFrom("src")), span },
        {
          kind: "cte",
          name: ident("b"),
          columns: [ident("x"), ident("y")],
          query: query(selectFrom("a")),
          span,
        },
      ],
    });
    expect(printQuery(q)).toBe(
      [
        "WITH a AS (",
        "  SELECT id",
        "  FROM src",
        "), b (x, y) AS (",
        "  SELECT id",
        "  FROM a",
        ")",
        "SELECT id",
        "FROM a",
      ].join("\n"),
    );
  });

  it("parenthesizes set operations only where precedence and associativity need it", () => {
    const op = (
      o: SetOperation["op"],
      left: Query["body"],
      right: Query["body"],
      all = false,
    ): SetOperation => ({
      kind: "setOp",
      op: o,
      all,
      left,
      right,
      operatorSpan: span,
      span,
    });
    const union = op(
      "UNION",
      op("UNION", selectFrom("a"), selectFrom("b"), true),
      op("INTERSECT", selectFrom("c"), selectFrom("d")),
    );
    expect(printQuery(query(union))).toBe(
      [
        "SELECT id",
        "FROM a",
        "UNION ALL",
        "SELECT id",
        "FROM b",
        "UNION",
        "SELECT id",
        "FROM c",
        "INTERSECT",
        "SELECT id",
        "FROM d",
      ].join("\n"),
    );
    const nested = op("EXCEPT", selectFrom("a"), op("UNION", selectFrom("b"), selectFrom("c")));
    expect(printQuery(query(nested))).toBe(
      [
        "SELECT id",
        "FROM a",
        "EXCEPT",
        "(",
        "  SELECT id",
        "  FROM b",
        "  UNION",
        "  SELECT id",
        "  FROM c",
        ")",
      ].join("\n"),
    );
  });

  it("prints VALUES rows inline or one per line", () => {
    const values = (rows: number): Query =>
      query({
        kind: "values",
        rows: Array.from({ length: rows }, (_, i) => [num(String(i)), str(`r${i}`)]),
        span,
      });
    expect(printQuery(values(1))).toBe("VALUES (0, 'r0')");
    expect(printQuery(values(2))).toBe("VALUES\n  (0, 'r0'),\n  (1, 'r1')");
  });
});

describe("FROM clause", () => {
  it("puts each join on its own line with its condition", () => {
    const from = join(
      "LEFT",
      join("INNER", table("rides", "r"), table("drivers", "d"), {
        on: bin("=", col("r", "driver_id"), col("d", "driver_id")),
      }),
      table("riders"),
      { using: [ident("rider_id")], natural: false },
    );
    const q = query(
      select([col("r", "id"), col("d", "name")], {
        from: join("CROSS", from, {
          kind: "unnest",
          args: [col("r", "tags")],
          withOrdinality: true,
          alias: alias("t", "tag", "pos"),
          span,
        }),
      }),
    );
    expect(printQuery(q)).toBe(
      [
        "SELECT",
        "  r.id,",
        "  d.name",
        "FROM rides AS r",
        "JOIN drivers AS d ON r.driver_id = d.driver_id",
        "LEFT JOIN riders USING (rider_id)",
        "CROSS JOIN UNNEST(r.tags) WITH ORDINALITY AS t (tag, pos)",
      ].join("\n"),
    );
  });

  it("parenthesizes a join on the right, keeps comma joins on one line", () => {
    const q = query(
      select([star()], {
        from: join(
          "COMMA",
          table("a"),
          join("FULL", table("b"), table("c"), { on: { kind: "boolean", value: true, span }, natural: true }),
        ),
      }),
    );
    expect(printQuery(q)).toBe(
      ["SELECT *", "FROM a, (", "  b", "  NATURAL FULL JOIN c ON TRUE", ")"].join("\n"),
    );
  });

  it("prints temporal joins, hints, derived tables and table functions", () => {
    const versioned: TableRef = {
      kind: "namedTable",
      name: name("rates"),
      hints: [
        {
          kind: "hint",
          name: ident("LOOKUP"),
          properties: [{ kind: "property", key: "table", value: "rates", span }],
          args: [],
          span,
        },
      ],
      asOf: col("o", "ts"),
      alias: alias("r"),
      span,
    };
    const derived: TableRef = {
      kind: "derivedTable",
      lateral: false,
      query: query(select([col("id")], { from: table("orders") })),
      alias: alias("o"),
      span,
    };
    const tvf: TableRef = {
      kind: "tableFunction",
      lateral: true,
      call: call("split", [col("o", "tags")]),
      alias: alias("w", "word"),
      span,
    };
    const q = query(
      select([star()], {
        from: join(
          "COMMA",
          join("INNER", derived, versioned, { on: bin("=", col("o", "id"), col("r", "id")) }),
          tvf,
        ),
      }),
    );
    expect(printQuery(q)).toBe(
      [
        "SELECT *",
        "FROM (",
        "  SELECT id",
        "  FROM orders",
        ") AS o",
        "JOIN rates /*+ LOOKUP('table' = 'rates') */ FOR SYSTEM_TIME AS OF o.ts AS r ON o.id = r.id, LATERAL TABLE(split(o.tags)) AS w (word)",
      ].join("\n"),
    );
  });

  it("prints MATCH_RECOGNIZE clause by clause", () => {
    const v = (n: string) => ({ kind: "patternVar" as const, name: ident(n) });
    const match: MatchRecognize = {
      kind: "matchRecognize",
      input: table("ticker"),
      partitionBy: [col("symbol")],
      orderBy: [{ kind: "orderItem", expr: col("rowtime"), span }],
      measures: [{ expr: col("A", "price"), alias: ident("start_price") }],
      rowsPerMatch: "ONE ROW PER MATCH",
      afterMatch: { kind: "toLast", variable: ident("B") },
      pattern: {
        kind: "patternSeq",
        terms: [
          v("A"),
          { kind: "patternQuantified", term: v("B"), min: 1, reluctant: true, syntax: "+" },
          {
            kind: "patternQuantified",
            term: { kind: "patternGroup", term: { kind: "patternAlt", alternatives: [v("C"), v("D")] } },
            min: 2,
            max: 3,
            reluctant: false,
            syntax: "braces",
          },
        ],
      },
      within: { kind: "interval", negative: false, value: "1", qualifier: { start: "HOUR" }, span },
      subsets: [{ name: ident("S"), variables: [ident("C"), ident("D")] }],
      define: [{ variable: ident("B"), condition: bin("<", col("B", "price"), col("A", "price")) }],
      alias: alias("m"),
      span,
    };
    expect(printQuery(query(select([star()], { from: match })))).toBe(
      [
        "SELECT *",
        "FROM ticker",
        "MATCH_RECOGNIZE (",
        "  PARTITION BY symbol",
        "  ORDER BY rowtime",
        "  MEASURES",
        "    A.price AS start_price",
        "  ONE ROW PER MATCH",
        "  AFTER MATCH SKIP TO LAST B",
        "  PATTERN (A B+? (C | D){2,3}) WITHIN INTERVAL '1' HOUR",
        "  SUBSET S = (C, D)",
        "  DEFINE",
        "    B AS B.price < A.price",
        ") AS m",
      ].join("\n"),
    );
  });
});
