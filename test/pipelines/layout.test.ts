import { mkdirSync, mkdtempSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/pipelines/config/load-config.ts";
import { abbreviateRegion, longTableName, statementName } from "../../src/pipelines/layout/naming.ts";
import { initProject, initTable, projectTypeOf } from "../../src/pipelines/layout/scaffold.ts";
import { lintProject } from "../../src/pipelines/lint/lint-project.ts";
import { renderFinding } from "../../src/pipelines/project/findings.ts";
import { loadProject } from "../../src/pipelines/project/load-project.ts";

describe("layout conventions", () => {
  it("names tables by layer as shift_left's table init does, without repeating a prefix", () => {
    expect([
      longTableName("sources", "orders", "sales"),
      longTableName("sources", "src_orders", "sales"),
      longTableName("sources", "orders", undefined),
      longTableName("intermediates", "int_order_lines", "sales"),
      longTableName("facts", "fct_revenue", "sales"),
      longTableName("dimensions", "customers", "sales"),
      longTableName("dimensions", "dim_customers", "sales"),
      longTableName("views", "mv_top", "sales"),
    ]).toEqual([
      "src_sales_orders",
      "src_sales_orders",
      "src_orders",
      "int_sales_order_lines",
      "sales_fct_revenue",
      "sales_dim_customers",
      "sales_dim_customers",
      "sales_mv_mv_top",
    ]);
  });

  it("names statements <env>-<region>[-<product>]-<kind>-<table kebab>", () => {
    expect(abbreviateRegion("us-west-2")).toBe("usw2");
    expect(abbreviateRegion("europe-central-1")).toBe("europec1");
    expect(statementName("dml", "src_c360_customers", "c360", "dev", "us-west-2")).toBe(
      "dev-usw2-c360-dml-src-c360-customers",
    );
    expect(statementName("ddl", "shared_table", "None", "prod", "us-east-1")).toBe(
      "prod-use1-ddl-shared-table",
    );
  });

  it("a data_product project keeps each product's layers under its own folder", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hw-layout-")), "dp");
    expect(initProject(dir, "dp", "data_product")).not.toHaveProperty("error");
    expect(projectTypeOf(loadConfig(dir, {}))).toBe("data_product");
    const created = initTable(dir, "pipelines", "data_product", "customers", "dimensions", "crm");
    expect(created).toMatchObject({ table: "crm_dim_customers" });
    expect((created as { created: string[] }).created[0]).toBe(
      "pipelines/crm/dimensions/customers/sql-scripts/ddl.crm_dim_customers.sql",
    );
    const project = loadProject(dir, {});
    const table = project.tables.get("crm_dim_customers")!;
    expect([table.type, table.product]).toEqual(["dimension", "crm"]);
    expect(lintProject(project).findings.filter((f) => f.code === "lint/directory")).toEqual([]);
  });

  it("lint points at a table folder outside its layer's place; table init refuses path-like names", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hw-layout-")), "k");
    initProject(dir, "k", "kimball");
    initTable(dir, "pipelines", "kimball", "orders", "sources", "sales");
    mkdirSync(join(dir, "pipelines/sources/sales/nested"));
    renameSync(
      join(dir, "pipelines/sources/sales/orders"),
      join(dir, "pipelines/sources/sales/nested/orders"),
    );
    const findings = lintProject(loadProject(dir, {})).findings.filter((f) => f.code === "lint/directory");
    expect(findings.map(renderFinding)).toEqual([
      "pipelines/sources/sales/nested/orders/sql-scripts/ddl.src_sales_orders.sql:1:1: warning: table folder should be pipelines/sources/<product>/<table> [lint/directory]",
    ]);
    expect(initTable(dir, "pipelines", "kimball", "orders", "sources", "../../etc")).toEqual({
      error: "the product must be letters, digits and underscores, not '../../etc'",
    });
  });
});
