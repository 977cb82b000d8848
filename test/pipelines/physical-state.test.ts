import { describe, expect, it } from "vitest";
import { stateKeptBy } from "../../src/pipelines/analysis/operator-state.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { makeProject, unsupportedProject } from "./testing/projects.ts";

const keyed = (name: string) =>
  `CREATE TABLE ${name} (id STRING NOT NULL, v BIGINT, PRIMARY KEY (id) NOT ENFORCED);`;
const append = (name: string) => `CREATE TABLE ${name} (id STRING, v BIGINT);`;

function stateOf(dml: string, ddl = keyed("t")) {
  const dir = makeProject({
    "sources/p/src_a": [append("src_a")],
    "sources/p/src_k": [keyed("src_k")],
    "facts/p/t": [ddl, dml],
  });
  return loadProject(dir, {}).tables.get("t")!.state;
}

describe("statefulness from the physical plan", () => {
  it("GROUP BY plans a GroupAggregate; its keys are the statement's upsert key", () => {
    const state = stateOf("INSERT INTO t SELECT id, SUM(v) FROM src_a GROUP BY id;");
    expect(state.form).toBe("Stateful");
    expect(state.statements).toEqual([
      {
        file: "pipelines/facts/p/t/sql-scripts/dml.t.sql",
        source: { kind: "physical-plan" },
        findings: [{ stateful: true, reason: "GroupAggregate(groupBy=[id]) keeps an accumulator per group" }],
        upsertKeys: [["id"]],
        updating: true,
      },
    ]);
  });

  it("a projection that keeps the key into a keyed table holds no state; a UNION ALL loses the key", () => {
    const projection = stateOf("INSERT INTO t SELECT id, v + 1 FROM src_k;");
    expect(projection.form).toBe("Stateless");
    expect(projection.statements[0]).toMatchObject({ findings: [], upsertKeys: [["id"]], updating: true });
    const union = stateOf("INSERT INTO t SELECT id, v FROM src_k UNION ALL SELECT id, v FROM src_k;");
    expect(union.form).toBe("Stateful");
    expect(union.findings.map((f) => f.reason)).toEqual([
      "SinkUpsertMaterializer(pk=[id]) keeps every live row per primary key",
    ]);
  });

  it("an insert-only statement into an append table has no state and no upsert key", () => {
    const state = stateOf("INSERT INTO t SELECT id, v FROM src_a WHERE v > 0;", append("t"));
    expect(state.statements[0]).toMatchObject({ findings: [], upsertKeys: [], updating: false });
  });

  it("falls back to the bound tree when the engine cannot plan, and says why", () => {
    const state = loadProject(unsupportedProject(), {}).tables.get("p_fct_rises")!.state;
    expect(state.form).toBe("Stateful");
    expect(state.statements[0]).toMatchObject({
      source: {
        kind: "bound-tree",
        why: "MATCH_RECOGNIZE is not supported by the Headwater engine yet",
        rejected: false,
      },
      findings: [{ stateful: true, reason: "MATCH_RECOGNIZE" }],
      upsertKeys: [],
    });
    const broken = stateOf("INSERT INTO t SELECT id, nope FROM src_a;");
    expect(broken.statements[0]!.source).toEqual({
      kind: "bound-tree",
      why: "the statement has errors",
      rejected: false,
    });
  });

  it("tells a statement Flink would refuse from a gap of the engine", () => {
    const updating = stateOf("INSERT INTO t SELECT id, COUNT(*) FROM src_a GROUP BY id;", append("t"));
    expect(updating.statements[0]!.source).toMatchObject({ kind: "bound-tree", rejected: true });
    expect((updating.statements[0]!.source as { why: string }).why).toContain(
      "doesn't support consuming update changes",
    );
  });

  it("an operator the table does not know is assumed to keep state", () => {
    expect(stateKeptBy("Calc")).toBeNull();
    expect(stateKeptBy("Join")).toBe("every live row of both inputs");
    expect(stateKeptBy("SomethingNew")).toBe(
      "state of an operator Headwater does not classify yet (assumed)",
    );
  });
});
