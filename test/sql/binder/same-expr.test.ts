import { describe, expect, it } from "vitest";
import type { BoundSelect, BoundStatement } from "../../../src/sql/binder/bound.ts";
import { indexOfExpr, sameAggregate, sameExpr } from "../../../src/sql/binder/same-expr.ts";
import { checkSources } from "../../../src/sql/check.ts";

const DDL = `
CREATE TABLE t (a INT, b INT NOT NULL, s STRING, r ROW<x INT, y STRING>, ts TIMESTAMP(3));
CREATE TABLE u (a INT, s STRING);
`;

/** The select of a query bound after the DDL above; fails on any error. */
function selectOf(sql: string): BoundSelect {
  const [, checked] = checkSources([
    { name: "ddl.sql", text: DDL },
    { name: "q.sql", text: sql },
  ]);
  expect(checked!.diagnostics.map((d) => d.message)).toEqual([]);
  const bound = checked!.statements[0]!.bound as Extract<BoundStatement, { kind: "query" }>;
  return bound.query.body as BoundSelect;
}

/** For each pair of select items, whether sameExpr holds (written at different places of the text). */
function sameness(sql: string): boolean[] {
  const p = selectOf(sql).projections;
  const out: boolean[] = [];
  for (let i = 0; i + 1 < p.length; i += 2) out.push(sameExpr(p[i]!, p[i + 1]!));
  return out;
}

describe("sameExpr", () => {
  it("ignores where an expression is written and compares what it computes", () => {
    expect(
      sameness(
        "SELECT a + 1, a + 1, a + 1, a + 2, a, b, r.x, r.x, r.x, r.y, " +
          "CAST(a AS BIGINT), CAST(a AS BIGINT), CAST(a AS BIGINT), TRY_CAST(a AS BIGINT), " +
          "CASE WHEN a > 0 THEN 'p' ELSE 'n' END, CASE WHEN a > 0 THEN 'p' ELSE 'n' END, " +
          "CASE WHEN a > 0 THEN 'p' END, CASE WHEN a > 0 THEN 'p' ELSE 'n' END, " +
          "UPPER(s), UPPER(s), UPPER(s), LOWER(s) FROM t",
      ),
    ).toEqual([true, false, false, true, false, true, false, true, false, true, false]);
  });

  it("compares literal values of every kind, and their types", () => {
    expect(
      sameness(
        "SELECT 1.50, 1.50, 1.50, 1.5, X'0AFF', X'0AFF', X'0AFF', X'0AFE', 'x', 'x', 'x', 'y', " +
          "DATE '2024-01-02', DATE '2024-01-02', INTERVAL '1' DAY, INTERVAL '24' HOUR FROM t",
      ),
    ).toEqual([true, false, true, false, true, false, true, false]);
  });

  it("tells the same column of two relations apart by their binding", () => {
    const p = selectOf("SELECT t.a, u.a, t.a FROM t, u").projections;
    expect(sameExpr(p[0]!, p[1]!)).toBe(false);
    expect(sameExpr(p[0]!, p[2]!)).toBe(true);
    expect(indexOfExpr(p, p[2]!)).toBe(0);
    expect(indexOfExpr([p[1]!], p[0]!)).toBe(-1);
  });

  it("computes an aggregate written twice once, and tells DISTINCT and FILTER apart", () => {
    const select = selectOf(
      "SELECT a, SUM(b), SUM(b) + 1, SUM(DISTINCT b), SUM(b) FILTER (WHERE b > 1), COUNT(*), COUNT(*) FROM t GROUP BY a",
    );
    expect(
      select.aggregates.map(
        (agg) => `${agg.name}${agg.distinct ? " distinct" : ""}${agg.filter ? " filter" : ""}`,
      ),
    ).toEqual(["SUM", "SUM distinct", "SUM filter", "COUNT"]);
    const [sum, distinct, filtered] = select.aggregates;
    expect(sameAggregate(sum!, sum!)).toBe(true);
    expect(sameAggregate(sum!, distinct!)).toBe(false);
    expect(sameAggregate(sum!, filtered!)).toBe(false);
  });

  it("matches select expressions to the GROUP BY keys they repeat", () => {
    const select = selectOf("SELECT a + 1, UPPER(s), COUNT(*) FROM t GROUP BY a + 1, UPPER(s), a + 1");
    expect(select.grouping!.expressions).toHaveLength(2);
    expect(select.projections.map((e) => (e.kind === "groupRef" ? e.index : e.kind))).toEqual([
      0,
      1,
      "aggregateRef",
    ]);
  });
});
