// RANK and DENSE_RANK Top-N run on the engine (a Headwater extension) but Apache Flink 1.20 refuses
// them ("RANK() on streaming table is not supported currently"): `headwater lint` warns at the
// statement, in Flink's words, and says nothing for the ROW_NUMBER Top-N Flink runs.
import { describe, expect, it } from "vitest";
import { lintProject } from "../../src/pipelines/lint/lint-project.ts";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { makeProject } from "./testing/projects.ts";

function lintOf(rankFunction: string): string[] {
  const dir = makeProject({
    "sources/p/src_p_bids": ["CREATE TABLE src_p_bids (item STRING, price INT);"],
    "facts/p/p_fct_top": [
      "CREATE TABLE p_fct_top (item STRING NOT NULL, price INT, r BIGINT NOT NULL, PRIMARY KEY (item, r) NOT ENFORCED);",
      `INSERT INTO p_fct_top SELECT * FROM (SELECT item, price, ${rankFunction}() OVER (PARTITION BY item ORDER BY price DESC) AS r FROM src_p_bids) WHERE r <= 3;`,
    ],
  });
  return lintProject(loadProject(dir, {}))
    .findings.filter((f) => f.code === "lint/flink-unsupported")
    .map(renderFinding);
}

describe("lint: what Apache Flink 1.20 would refuse", () => {
  it("warns for a RANK or DENSE_RANK Top-N, naming Flink's message and the statement's file", () => {
    expect(lintOf("RANK")).toEqual([
      "pipelines/facts/p/p_fct_top/sql-scripts/dml.p_fct_top.sql:1:1: warning: Apache Flink 1.20 rejects this statement (Headwater runs it): RANK() on streaming table is not supported currently [lint/flink-unsupported]",
    ]);
    expect(lintOf("DENSE_RANK")).toEqual([
      "pipelines/facts/p/p_fct_top/sql-scripts/dml.p_fct_top.sql:1:1: warning: Apache Flink 1.20 rejects this statement (Headwater runs it): DENSE_RANK() on streaming table is not supported currently [lint/flink-unsupported]",
    ]);
  });

  it("says nothing for a ROW_NUMBER Top-N", () => {
    expect(lintOf("ROW_NUMBER")).toEqual([]);
  });
});
