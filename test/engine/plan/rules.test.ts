import { describe, expect, it } from "vitest";
import { explainPlan, inferChangelogModes, planPhysical, planStatement } from "../../../src/engine/index.ts";
import { optimize } from "../../../src/engine/plan/rules/optimize.ts";
import { SessionCatalog } from "../../../src/sql/catalog/session-catalog.ts";
import { checkSources } from "../../../src/sql/check.ts";

function explain(sql: string, disabled: string[] = []): string {
  const catalog = new SessionCatalog();
  const [checked] = checkSources(
    [{ name: "q", text: `CREATE TABLE t (a INT, b INT, c STRING);\n${sql}` }],
    catalog,
  );
  const bound = checked!.statements[1]!.bound!;
  const planned = planStatement(bound, catalog);
  if (planned.kind !== "query") throw new Error("not a query");
  return explainPlan(inferChangelogModes(planPhysical(optimize(planned.plan, { disabled }))));
}

describe("optimizer rules", () => {
  it("merge_calcs pushes a filter through a projection: a subquery filter plans like a flat one", () => {
    expect(explain("SELECT x FROM (SELECT a + 1 AS x, c FROM t) WHERE c = 'k'")).toBe(
      explain("SELECT a + 1 AS x FROM t WHERE c = 'k'"),
    );
  });

  it("merge_calcs keeps two conditions apart (the upper one may fail on rows the lower one drops)", () => {
    const plan = explain("SELECT * FROM (SELECT a, b FROM t WHERE b <> 0) WHERE a / b > 1");
    expect(plan.match(/Calc\(/g)).toHaveLength(2);
  });

  it("remove_identity_calc drops a Calc that returns its input unchanged", () => {
    expect(explain("SELECT * FROM (SELECT a, b FROM (VALUES (1, 2)) AS v(a, b))")).toBe(
      "Values(tuples=[[{ 1, 2 }]], values=[a, b], changelogMode=[I])",
    );
  });

  it("rules can be disabled by name", () => {
    const plan = explain("SELECT * FROM (SELECT a, b FROM (VALUES (1, 2)) AS v(a, b))", [
      "merge_calcs",
      "remove_identity_calc",
    ]);
    expect(plan.match(/Calc\(/g)).toHaveLength(2);
  });
});
