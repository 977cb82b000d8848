import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ProjectLineage } from "../../src/pipelines/lineage/project-lineage.ts";
import { renderLineageTree } from "../../src/pipelines/lineage/render-lineage.ts";
import { renderLineageHtml } from "../../src/pipelines/lineage/render-lineage-html.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import { C360, expectGolden, FIXTURES, GOLDEN_PROJECTS } from "./golden.ts";

describe("column lineage", () => {
  for (const [fixture, dir] of Object.entries(GOLDEN_PROJECTS)) {
    const project = loadProject(dir);
    const lineage = new ProjectLineage(project);

    it(`every column of ${fixture}, one level`, () => {
      const lines: string[] = [];
      for (const [table, columns] of lineage.byTable) {
        for (const c of columns) {
          const sources = c.sources.map((s) => `${s.table}.${s.column} (${s.how})`).join(", ");
          lines.push(`${table}.${c.column} <- ${sources || "(constants)"}`);
        }
      }
      expectGolden(`lineage/${fixture}/columns.txt`, `${lines.join("\n")}\n`);
    });
  }

  const retail = loadProject(join(FIXTURES, "retail"));
  const lineage = new ProjectLineage(retail);
  const cases: [string, string, "upstream" | "downstream", boolean][] = [
    ["customers_mv_c360", "total_spend", "upstream", false],
    ["customers_mv_c360", "segment", "upstream", true],
    ["sales_fct_daily_revenue", "revenue", "upstream", false],
    ["sales_mv_top_products", "revenue", "upstream", false],
    ["raw_orders", "items", "downstream", false],
    ["raw_clicks", "click_ts", "downstream", false],
  ];
  for (const [table, column, direction, indirect] of cases) {
    it(`${direction} ${table}.${column}${indirect ? " with indirect" : ""}`, () => {
      const tree = lineage.tree(table, column, direction, indirect);
      expectGolden(
        `lineage/retail/${direction}-${table}.${column}${indirect ? "-indirect" : ""}.txt`,
        renderLineageTree(tree),
      );
    });
  }

  it("derivations: direct copy, transformation, aggregation, indirect", () => {
    const spend = lineage.byTable.get("sales_fct_customer_spend")!;
    const total = spend.find((c) => c.column === "total_spend")!;
    expect(total.sources).toContainEqual({
      table: "int_sales_order_lines_enriched",
      column: "amount",
      how: "aggregation",
    });
    expect(total.sources).toContainEqual({ table: "src_sales_orders", column: "order_id", how: "indirect" });
    const key = spend.find((c) => c.column === "customer_id")!;
    expect(key.sources).toContainEqual({ table: "src_sales_orders", column: "customer_id", how: "direct" });
    const lines = lineage.byTable.get("src_sales_order_lines")!;
    expect(lines.find((c) => c.column === "product_id")!.sources).toEqual([
      { table: "raw_orders", column: "items", how: "transformation" },
    ]);
  });

  it("json and a self-contained html graph", () => {
    const roots = lineage
      .columnsOf("customers_mv_c360", retail)
      .map((c) => lineage.tree("customers_mv_c360", c, "upstream", false));
    expectGolden("lineage/retail/customers_mv_c360.json", `${JSON.stringify(roots, null, 2)}\n`);
    const html = renderLineageHtml(roots, "upstream", "upstream lineage of customers_mv_c360");
    expect(html).not.toMatch(/<script|src=|href=/);
    expectGolden("lineage/retail/customers_mv_c360.html", html);
  });

  describe("Customer 360", () => {
    const c360 = loadProject(C360);
    const c360Lineage = new ProjectLineage(c360);
    // COUNT(*) reads no column: only the indirect view (grouping key, join keys) shows what it depends on.
    const trees: [string, string, "upstream" | "downstream", boolean][] = [
      ["customer_analytics_c360", "customer_health_score", "upstream", false],
      ["customer_analytics_c360", "total_spent", "upstream", false],
      ["c360_fct_customer_profile", "total_transactions", "upstream", true],
      ["transactions_raw", "total_amount", "downstream", false],
    ];
    for (const [table, column, direction, indirect] of trees) {
      it(`${direction} ${table}.${column}${indirect ? " with indirect" : ""}`, () => {
        expectGolden(
          `lineage/c360/${direction}-${table}.${column}${indirect ? "-indirect" : ""}.txt`,
          renderLineageTree(c360Lineage.tree(table, column, direction, indirect)),
        );
      });
    }

    it("the view's json and html graph", () => {
      const roots = c360Lineage
        .columnsOf("customer_analytics_c360", c360)
        .map((c) => c360Lineage.tree("customer_analytics_c360", c, "upstream", false));
      expectGolden("lineage/c360/customer_analytics_c360.json", `${JSON.stringify(roots, null, 2)}\n`);
      const html = renderLineageHtml(roots, "upstream", "upstream lineage of customer_analytics_c360");
      expect(html).not.toMatch(/<script|src=|href=/);
      expectGolden("lineage/c360/customer_analytics_c360.html", html);
    });
  });
});
