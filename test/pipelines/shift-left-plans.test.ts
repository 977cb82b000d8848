import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildExecutionPlan } from "../../src/pipelines/plan/build-plan.ts";
import type { ExecutionPlan, PlanOptions, PlanSelector } from "../../src/pipelines/plan/plan-model.ts";
import { renderPlan } from "../../src/pipelines/plan/render-plan.ts";
import type { Phase } from "../../src/pipelines/plan/running-state.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { expectGolden, FIXTURES } from "./golden.ts";

/**
 * The expectations of shift_left's test_execution_plan.py on its 14-table graph, against our own
 * SQL for the same graph:
 *
 *   src_y → y → d → f          x, z, a, b, d: stateful (dedup, joins, GROUP BY)
 *            ↘ ↗                everything else: stateless
 *   src_x → x → z → p
 *        ↘      ↘
 *   src_a → a    ↘
 *   src_b → b ──→ c → e
 */
const project = loadProject(join(FIXTURES, "shift-left-graph"));
const ALL = ["src_x", "src_y", "src_a", "src_b", "x", "y", "z", "a", "b", "c", "d", "e", "f", "p"];

function running(names: readonly string[]): Map<string, Phase> {
  return new Map(names.map((n) => [n, "RUNNING"]));
}

function plan(
  selector: PlanSelector,
  options: Partial<PlanOptions>,
  state: Map<string, Phase>,
): ExecutionPlan {
  const result = buildExecutionPlan(
    project,
    selector,
    { mayStartDescendants: false, forceAncestors: false, crossProduct: false, ...options },
    state,
  );
  if ("error" in result) throw new Error(result.error);
  return result;
}

function flags(p: ExecutionPlan): Record<string, string> {
  return Object.fromEntries(p.nodes.map((n) => [n.table_name, n.action]));
}

function expectActions(p: ExecutionPlan, run: string[], restart: string[], skip: string[]): void {
  const expected: Record<string, string> = {};
  for (const n of run) expected[n] = "run";
  for (const n of restart) expected[n] = "restart";
  for (const n of skip) expected[n] = "skip";
  expect(flags(p)).toEqual(expected);
}

const cases: { name: string; build: () => ExecutionPlan; check: (p: ExecutionPlan) => void }[] = [
  {
    name: "f-parents-running",
    build: () => plan({ kind: "table", table: "f" }, {}, running(ALL)),
    check: (p) => expectActions(p, [], ["f"], ["src_x", "x", "src_y", "y", "z", "d"]),
  },
  {
    name: "f-direct-parent-not-running",
    build: () => plan({ kind: "table", table: "f" }, {}, running(ALL.filter((n) => n !== "d" && n !== "f"))),
    check: (p) => expectActions(p, ["d"], ["f"], ["src_x", "x", "src_y", "y", "z"]),
  },
  {
    name: "f-some-ancestors-not-running-descendants",
    build: () =>
      plan(
        { kind: "table", table: "f" },
        { mayStartDescendants: true },
        running(["src_x", "x", "src_b", "b"]),
      ),
    check: (p) =>
      expectActions(p, ["src_y", "y", "d", "z"], ["e", "c", "p", "f"], ["src_x", "x", "src_b", "b"]),
  },
  {
    name: "e-some-ancestors-not-running-descendants",
    build: () =>
      plan(
        { kind: "table", table: "e" },
        { mayStartDescendants: true },
        running(["src_x", "x", "z", "src_y", "y"]),
      ),
    check: (p) => expectActions(p, ["src_b", "b", "c"], ["e"], ["src_x", "x", "src_y", "y", "z"]),
  },
  {
    name: "z-force-ancestors",
    build: () => plan({ kind: "table", table: "z" }, { forceAncestors: true }, running(ALL)),
    check: (p) => expectActions(p, ["src_x", "x", "src_y", "y"], ["z"], []),
  },
  {
    name: "z-descendants",
    build: () =>
      plan(
        { kind: "table", table: "z" },
        { mayStartDescendants: true },
        running(ALL.filter((n) => !["c", "d", "a"].includes(n))),
      ),
    check: (p) =>
      expectActions(p, [], ["z", "f", "p", "e", "d", "c"], ["src_x", "x", "src_y", "y", "src_b", "b"]),
  },
  {
    name: "z-force-ancestors-descendants",
    build: () =>
      plan({ kind: "table", table: "z" }, { mayStartDescendants: true, forceAncestors: true }, running(ALL)),
    check: (p) =>
      expectActions(
        p,
        ["src_x", "x", "src_y", "y", "src_b", "b", "src_a"],
        ["a", "c", "e", "f", "d", "p", "z"],
        [],
      ),
  },
  {
    name: "e-parent-not-running",
    build: () => plan({ kind: "table", table: "e" }, {}, running(["z", "x", "y", "src_x", "src_y"])),
    check: (p) => expectActions(p, ["src_b", "b", "c"], ["e"], ["z", "x", "y", "src_x", "src_y"]),
  },
  {
    name: "product-p2",
    build: () => plan({ kind: "product", product: "p2" }, {}, running(["z", "x", "y", "src_x", "src_y"])),
    check: (p) =>
      expectActions(
        p,
        ["d", "f", "p", "c", "e", "b", "a", "src_a", "src_b"],
        [],
        ["z", "x", "y", "src_x", "src_y"],
      ),
  },
  {
    name: "product-p2-forced",
    build: () =>
      plan(
        { kind: "product", product: "p2" },
        { mayStartDescendants: true, forceAncestors: true },
        running(["z", "x", "y", "src_x", "src_y"]),
      ),
    check: (p) => expectActions(p, ALL, [], []),
  },
  {
    name: "dir-sources-non-running",
    build: () =>
      plan({ kind: "dir", dir: "pipelines/sources/p2" }, {}, running(["z", "x", "y", "src_x", "src_y"])),
    check: (p) => expectActions(p, ["src_a", "src_b"], [], ["src_x", "src_y"]),
  },
  {
    name: "dir-sources-forced",
    build: () => plan({ kind: "dir", dir: "pipelines/sources/p2" }, { forceAncestors: true }, running([])),
    check: (p) => expectActions(p, ["src_a", "src_b", "src_x", "src_y"], [], []),
  },
  {
    name: "dir-sources-forced-descendants",
    build: () =>
      plan(
        { kind: "dir", dir: "pipelines/sources/p2" },
        { mayStartDescendants: true, forceAncestors: true },
        running(["z", "x", "y", "src_x", "src_y"]),
      ),
    check: (p) => {
      expect(p.nodes).toHaveLength(13);
      expect(p.nodes.every((n) => n.to_run || n.to_restart)).toBe(true);
      expect(p.nodes.map((n) => n.table_name)).not.toContain("y");
    },
  },
  {
    name: "dir-intermediates-descendants",
    build: () =>
      plan(
        { kind: "dir", dir: "pipelines/intermediates/p2" },
        { mayStartDescendants: true },
        running(["src_x", "src_y", "src_a", "src_b", "z", "x", "y", "b"]),
      ),
    check: (p) => {
      expect(p.nodes).toHaveLength(12);
      for (const n of p.nodes) {
        const keeps = ["src_a", "src_b", "src_x", "src_y", "b", "x", "y", "z"].includes(n.table_name);
        expect(n.to_run || n.to_restart, n.table_name).toBe(!keeps);
      }
    },
  },
  {
    name: "dir-facts-forced",
    build: () =>
      plan(
        { kind: "dir", dir: "pipelines/facts/p2" },
        { forceAncestors: true },
        running(["z", "x", "y", "src_x", "src_y"]),
      ),
    check: (p) => {
      expect(p.nodes).toHaveLength(12);
      expect(p.nodes.every((n) => n.to_run)).toBe(true);
    },
  },
];

describe("execution plans on shift_left's 14-table graph", () => {
  it("loads the graph without findings", () => {
    expect(project.findings).toEqual([]);
    expect(project.tables.size).toBe(14);
  });

  for (const c of cases) {
    it(c.name, () => {
      const p = c.build();
      c.check(p);
      const position = new Map(p.nodes.map((n, i) => [n.table_name, i]));
      for (const n of p.nodes)
        for (const parent of n.parents)
          if (position.has(parent)) expect(position.get(parent)!).toBeLessThan(position.get(n.table_name)!);
      expectGolden(`plans/shift-left-graph/${c.name}.txt`, renderPlan(p));
    });
  }
});
