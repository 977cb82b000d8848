import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadProject } from "../../src/pipelines/project/load-project.ts";
import {
  buildReport,
  type ProjectReport,
  type ReportSelector,
} from "../../src/pipelines/report/project-report.ts";
import {
  renderReportJson,
  renderReportTree,
  renderReportYaml,
} from "../../src/pipelines/report/render-report.ts";
import { renderReportHtml } from "../../src/pipelines/report/render-report-html.ts";
import { expectGolden, FIXTURES } from "./golden.ts";

const retail = loadProject(join(FIXTURES, "retail"), {});
const graph = loadProject(join(FIXTURES, "shift-left-graph"), {});

function report(project: typeof retail, selector: ReportSelector): ProjectReport {
  const r = buildReport(project, "p", selector);
  if ("error" in r) throw new Error(r.error);
  return r;
}

describe("headwater report", () => {
  it("a table: its upstream and downstream trees, with statefulness and upsert keys", () => {
    expectGolden(
      "report/retail/sales_fct_product_revenue.txt",
      renderReportTree(
        report(retail, { kind: "table", table: "sales_fct_product_revenue" }),
        "sales_fct_product_revenue",
      ),
    );
  });

  it("the whole project as a table of tables", () => {
    expectGolden("report/shift-left-graph/all.txt", renderReportTree(report(graph, { kind: "all" })));
  });

  it("a product: its tables and their neighbours in other products, marked outside", () => {
    const sales = report(retail, { kind: "product", product: "sales" });
    expect(sales.tables.filter((t) => !t.selected).map((t) => t.name)).toEqual([
      "raw_orders",
      "src_common_products",
      "int_customers_activity",
      "customers_mv_c360",
    ]);
    expect(sales.tables.filter((t) => t.selected).every((t) => t.product === "sales")).toBe(true);
    const html = renderReportHtml(sales);
    expectGolden("report/retail/sales.html", html);
    expect(html).not.toMatch(/<script/i);
    for (const t of sales.tables) expect(html).toContain(`font-weight="bold">${t.name}`);
  });

  it("JSON and YAML carry the same report", () => {
    const r = report(graph, { kind: "table", table: "c" });
    expect(parse(renderReportYaml(r))).toEqual(JSON.parse(renderReportJson(r)));
    expect(r.tables.map((t) => t.name)).toEqual(["src_b", "b", "src_x", "src_y", "x", "y", "z", "c", "e"]);
    expect(r.tables.find((t) => t.name === "b")).toMatchObject({
      state: "Stateful",
      upsertKeys: [["default_key"]],
      stateful: ["GroupAggregate(groupBy=[default_key]) keeps an accumulator per group"],
      statements: [{ source: { kind: "physical-plan" }, updating: true }],
    });
  });

  it("unknown tables and products are errors; the CLI writes HTML and exits 2 on a bad format", () => {
    expect(buildReport(retail, "p", { kind: "table", table: "nope" })).toEqual({
      error: "no table 'nope' in the project",
    });
    expect(buildReport(retail, "p", { kind: "product", product: "nope" })).toEqual({
      error: "no product 'nope' in the project",
    });
    const root = join(import.meta.dirname, "..", "..");
    const out = join(mkdtempSync(join(tmpdir(), "hw-report-")), "graph.html");
    const run = (...args: string[]) =>
      spawnSync(
        join(root, "node_modules/.bin/node"),
        ["--no-warnings", join(root, "src/cli/main.ts"), ...args],
        {
          encoding: "utf8",
        },
      );
    const html = run("report", "--format", "html", "--output", out, "--project", join(FIXTURES, "retail"));
    expect(html.status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<svg");
    expect(run("report", "--format", "pdf", "--project", join(FIXTURES, "retail")).status).toBe(2);
    expect(run("report", "--table", "nope", "--project", join(FIXTURES, "retail")).status).toBe(1);
  });
});
