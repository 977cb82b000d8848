import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildExecutionPlan } from "../../src/pipelines/plan/build-plan.ts";
import type { PlanOptions, PlanSelector } from "../../src/pipelines/plan/plan-model.ts";
import { renderPlan } from "../../src/pipelines/plan/render-plan.ts";
import type { Phase } from "../../src/pipelines/plan/running-state.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { C360, expectGolden, FIXTURES } from "./golden.ts";

const project = loadProject(join(FIXTURES, "retail"));
const everything = new Map<string, Phase>(project.order.map((n) => [n, "RUNNING"]));
const none: PlanOptions = { mayStartDescendants: false, forceAncestors: false, crossProduct: false };

const cases: [string, PlanSelector, Partial<PlanOptions>, Map<string, Phase>][] = [
  // Upsert DDL but a filter: stateless, so its stateless child keeps running (shift_left would restart it).
  [
    "clicks-descendants",
    { kind: "table", table: "src_customers_clicks" },
    { mayStartDescendants: true },
    everything,
  ],
  // A restart in sales stops at the product boundary unless --cross-product.
  [
    "orders-descendants",
    { kind: "table", table: "src_sales_orders" },
    { mayStartDescendants: true },
    everything,
  ],
  [
    "orders-descendants-cross-product",
    { kind: "table", table: "src_sales_orders" },
    { mayStartDescendants: true, crossProduct: true },
    everything,
  ],
  [
    "products-descendants",
    { kind: "table", table: "src_common_products" },
    { mayStartDescendants: true },
    everything,
  ],
  ["c360-nothing-running", { kind: "table", table: "customers_mv_c360" }, {}, new Map()],
  ["product-sales-nothing-running", { kind: "product", product: "sales" }, {}, new Map()],
  [
    "dir-customers-facts",
    { kind: "dir", dir: "pipelines/facts/customers" },
    { forceAncestors: true },
    everything,
  ],
];

describe("execution plans on the retail fixture", () => {
  for (const [name, selector, options, running] of cases) {
    it(name, () => {
      const plan = buildExecutionPlan(project, selector, { ...none, ...options }, running);
      if ("error" in plan) throw new Error(plan.error);
      expect(
        plan.nodes.filter((n) => n.table_name.startsWith("raw_")).every((n) => n.action === "skip"),
      ).toBe(true);
      expectGolden(`plans/retail/${name}.txt`, renderPlan(plan));
      expectGolden(`plans/retail/${name}.json`, `${JSON.stringify(plan, null, 2)}\n`);
    });
  }

  it("rejects unknown and external start tables", () => {
    expect(buildExecutionPlan(project, { kind: "table", table: "nope" }, none, everything)).toEqual({
      error: "no table 'nope' in the project",
    });
    expect(buildExecutionPlan(project, { kind: "table", table: "raw_orders" }, none, everything)).toEqual({
      error: "'raw_orders' is external: the project does not deploy it",
    });
  });
});

describe("execution plans on Customer 360", () => {
  const c360 = loadProject(C360);
  const running = new Map<string, Phase>(c360.order.map((n) => [n, "RUNNING"]));
  const c360Cases: [string, PlanSelector, Partial<PlanOptions>, Map<string, Phase>][] = [
    // The seed's documented plan: the 7 sources, the intermediate and the fact, then the view.
    ["view-nothing-running", { kind: "table", table: "customer_analytics_c360" }, {}, new Map()],
    ["product-nothing-running", { kind: "product", product: "c360" }, {}, new Map()],
    // A source change restarts everything downstream: each child reads a stateful parent.
    [
      "customers-descendants",
      { kind: "table", table: "src_c360_customers" },
      { mayStartDescendants: true },
      running,
    ],
    [
      "fact-force-ancestors",
      { kind: "table", table: "c360_fct_customer_profile" },
      { forceAncestors: true },
      running,
    ],
  ];
  for (const [name, selector, options, state] of c360Cases) {
    it(name, () => {
      const plan = buildExecutionPlan(c360, selector, { ...none, ...options }, state);
      if ("error" in plan) throw new Error(plan.error);
      expect(plan.nodes.filter((n) => n.table_name.endsWith("_raw")).every((n) => n.action === "skip")).toBe(
        true,
      );
      if (name === "customers-descendants")
        // The intermediate is also a running ancestor of the fact, the other child: it restarts all the same.
        expect(plan.nodes.filter((n) => n.action === "restart").map((n) => n.table_name)).toEqual([
          "src_c360_customers",
          "int_c360_customer_transactions",
          "c360_fct_customer_profile",
          "customer_analytics_c360",
        ]);
      expectGolden(`plans/c360/${name}.txt`, renderPlan(plan));
      expectGolden(`plans/c360/${name}.json`, `${JSON.stringify(plan, null, 2)}\n`);
    });
  }
});
