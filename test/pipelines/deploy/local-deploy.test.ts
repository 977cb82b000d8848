import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import {
  collectStatus,
  type DeployReport,
  healthcheck,
  LocalTarget,
  loadProject,
  type PlanSelector,
  renderDeployReport,
  runDeploy,
  runUndeploy,
} from "../../../src/pipelines/index.ts";
import { type ControlServer, startControlServer } from "../../../src/serve/control/index.ts";
import { copyShop, edit, INT_DDL, rawOrders, valuesSql } from "./shop-fixture.ts";

/**
 * Deploy → status → undeploy on a real daemon (the control API over HTTP on 127.0.0.1), with the
 * pipeline's output checked against DuckDB's answer for the same input rows.
 */
const WAIT = { timeoutMs: 10_000, pollMs: 20 };
const PLAN = { mayStartDescendants: false, forceAncestors: false, crossProduct: false };
const SHOP: PlanSelector = { kind: "product", product: "shop" };

let server: ControlServer;
let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => duck.closeSync());
afterEach(async () => {
  await server?.close();
});

async function daemon(): Promise<LocalTarget> {
  server = await startControlServer({ port: 0 });
  return new LocalTarget(server.url);
}

async function deploy(
  dir: string,
  target: LocalTarget,
  selector = SHOP,
  parallel = false,
): Promise<DeployReport> {
  const report = await runDeploy(loadProject(dir), selector, target, { ...WAIT, parallel, plan: PLAN });
  if ("error" in report) throw new Error(report.error);
  return report;
}

async function duckRows(sql: string): Promise<string[]> {
  const reader = await duck.runAndReadAll(sql);
  return reader.getRows().map((r) => r.map((v) => String(v)).join("|"));
}

function engineRows(table: string): string[] {
  return server.registry.engine
    .table(table)
    .rows()
    .map((r: Row) => r.map((v) => String(v)).join("|"))
    .sort();
}

describe("deploy to the local daemon", () => {
  it("deploys a product, runs it on fed rows as DuckDB computes them, reports status, undeploys", async () => {
    const dir = copyShop();
    const target = await daemon();
    const report = await deploy(dir, target);
    expect(report.ok).toBe(true);
    expect(report.declared.map((d) => `${d.name}:${d.phase}`)).toEqual([
      "dev-usw2-common-ddl-raw-orders:COMPLETED",
    ]);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:deployed",
      "int_shop_customer_totals:deployed",
      "shop_fct_big_customers:deployed",
      "src_shop_refunds:deployed",
    ]);

    const rows = rawOrders(300);
    await server.registry.submit("feed-1", `INSERT INTO raw_orders VALUES ${valuesSql(rows)}`);
    await duck.run("CREATE OR REPLACE TABLE raw_orders (order_id INTEGER, customer VARCHAR, amount INTEGER)");
    await duck.run(`INSERT INTO raw_orders VALUES ${valuesSql(rows)}`);
    expect(engineRows("shop_fct_big_customers").length).toBeGreaterThan(1);
    expect(engineRows("src_shop_refunds").length).toBeGreaterThan(1);
    const totals = `SELECT upper(trim(customer)) AS c, sum(amount) AS total, count(*) AS n FROM raw_orders WHERE amount > 0 GROUP BY c`;
    expect(engineRows("int_shop_customer_totals")).toEqual(await duckRows(`${totals} ORDER BY c`));
    expect(engineRows("shop_fct_big_customers")).toEqual(
      await duckRows(`SELECT c, total FROM (${totals}) WHERE total >= 100 ORDER BY c`),
    );
    expect(engineRows("src_shop_refunds")).toEqual(
      (
        await duckRows("SELECT order_id, upper(trim(customer)), -amount FROM raw_orders WHERE amount < 0")
      ).sort(),
    );

    const project = loadProject(dir);
    const status = await collectStatus(project, SHOP, target);
    if ("error" in status) throw new Error(status.error);
    expect(status.tables.map((t) => `${t.table}:${t.ddl?.status?.phase}:${t.dml?.status?.phase}`)).toEqual([
      "src_shop_orders:COMPLETED:RUNNING",
      "int_shop_customer_totals:COMPLETED:RUNNING",
      "shop_fct_big_customers:COMPLETED:RUNNING",
      "src_shop_refunds:COMPLETED:RUNNING",
    ]);
    const [positive] = await duckRows("SELECT count(*) FROM raw_orders WHERE amount > 0");
    const orders = status.tables[0]!.dml!.status!;
    expect(orders.recordsIn).toBe(rows.length);
    expect(String(orders.recordsOut)).toBe(positive);

    const undeploy = await runUndeploy(project, SHOP, target, WAIT);
    if ("error" in undeploy) throw new Error(undeploy.error);
    expect(undeploy.ok).toBe(true);
    expect(undeploy.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "src_shop_refunds:undeployed",
      "shop_fct_big_customers:undeployed",
      "int_shop_customer_totals:undeployed",
      "src_shop_orders:undeployed",
    ]);
    const after = await collectStatus(project, SHOP, target);
    if ("error" in after) throw new Error(after.error);
    expect(after.tables.every((t) => t.ddl?.status === undefined && t.dml?.status === undefined)).toBe(true);
    expect(server.registry.tables().map((t) => t.name)).toEqual([
      "default_catalog.default_database.raw_orders",
    ]);
    expect((await target.list()).map((s) => s.name)).toEqual(["dev-usw2-common-ddl-raw-orders", "feed-1"]);

    const again = await runUndeploy(project, SHOP, target, WAIT);
    if ("error" in again) throw new Error(again.error);
    expect(again.outcomes.every((o) => o.result === "not-deployed")).toBe(true);
  });

  it("stops at a statement the target fails, reporting what was deployed, what failed and what was skipped", async () => {
    const dir = copyShop();
    edit(dir, INT_DDL, "NOT ENFORCED\n)", "NOT ENFORCED\n) WITH ('connector' = 'no-such-connector')");
    const target = await daemon();
    const report = await deploy(dir, target);
    expect(report.ok).toBe(false);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:deployed",
      "int_shop_customer_totals:failed",
      "shop_fct_big_customers:skipped",
      "src_shop_refunds:skipped",
    ]);
    const failed = report.outcomes[2]!;
    if (failed.result !== "failed") throw new Error("expected a failure");
    expect(failed.statement).toBe("dev-usw2-shop-dml-int-shop-customer-totals");
    expect(failed.error).toMatch(/^FAILED: /);
    for (const part of [
      "connector 'no-such-connector'",
      "default_database.int_shop_customer_totals",
      "is not supported",
    ])
      expect(failed.error).toContain(part);
    expect(report.outcomes[3]).toMatchObject({
      reason: "not started: int_shop_customer_totals failed first",
    });
    const text = renderDeployReport(report);
    expect(text).toContain("FAILED int_shop_customer_totals: dev-usw2-shop-dml-int-shop-customer-totals");
    expect(text).toContain("no-such-connector");
    expect(text).toContain("FAILED: 1 deployed, 1 failed, 2 skipped, 1 kept as is");
    // nothing after the failure reached the daemon
    expect((await target.list()).map((s) => s.name)).not.toContain(
      "dev-usw2-shop-dml-shop-fct-big-customers",
    );

    const parallel = await deploy(dir, await restart(), SHOP, true);
    expect(parallel.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:deployed",
      "int_shop_customer_totals:failed",
      "shop_fct_big_customers:skipped",
      "src_shop_refunds:deployed",
    ]);
  });

  it("deploys independent tables together with --parallel, children after their parents", async () => {
    const dir = copyShop();
    const target = await daemon();
    const report = await deploy(dir, target, SHOP, true);
    expect(report.ok).toBe(true);
    const project = loadProject(dir);
    const started = new Map((await target.list()).map((s) => [s.name, Date.parse(s.startedAt!)]));
    const dml = (t: string) => started.get(`dev-usw2-shop-dml-${t.replaceAll("_", "-")}`)!;
    for (const t of project.tables.values())
      for (const p of t.parents)
        if (!project.tables.get(p)!.external) expect(dml(t.name)).toBeGreaterThanOrEqual(dml(p));
    const health = await healthcheck(project, target);
    if ("error" in health) throw new Error(health.error);
    expect(health.healthy).toBe(true);
    expect(health.products[0]!.counts.RUNNING).toBe(4);
  });

  it("redeploys one table, keeping its running ancestors; healthcheck flags the child it left behind", async () => {
    const dir = copyShop();
    const target = await daemon();
    await deploy(dir, target);
    await new Promise((r) => setTimeout(r, 5));
    const report = await deploy(dir, target, { kind: "table", table: "int_shop_customer_totals" });
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:unchanged",
      "int_shop_customer_totals:deployed",
    ]);
    const redeployed = report.outcomes[2]!;
    if (redeployed.result !== "deployed") throw new Error("expected a deployment");
    expect(redeployed.replaced).toEqual([
      "dev-usw2-shop-dml-int-shop-customer-totals",
      "dev-usw2-shop-ddl-int-shop-customer-totals",
    ]);
    await fetch(`${server.url}/v1/statements/dev-usw2-shop-dml-src-shop-refunds/stop`, { method: "POST" });
    const project = loadProject(dir);
    const health = await healthcheck(project, target, "shop");
    if ("error" in health) throw new Error(health.error);
    expect(health.healthy).toBe(false);
    expect(health.products[0]!.findings.map((f) => `${f.kind}:${f.table}`)).toEqual([
      "started-before-parent:shop_fct_big_customers",
      "not-running:src_shop_refunds",
    ]);
    await target.remove("dev-usw2-shop-dml-src-shop-refunds");
    const missing = await healthcheck(project, target, "shop");
    if ("error" in missing) throw new Error(missing.error);
    expect(missing.products[0]!.findings.map((f) => `${f.kind}:${f.table}`)).toContain(
      "missing:src_shop_refunds",
    );
    expect(missing.products[0]!.counts.UNKNOWN).toBe(1);
  });

  it("says how to start the daemon when none answers", async () => {
    const target = await daemon();
    await server.close();
    await expect(target.check()).rejects.toThrow(/connection refused.*start one with `headwater serve`/);
    server = await startControlServer({ port: 0 });
  });
});

async function restart(): Promise<LocalTarget> {
  await server.close();
  return daemon();
}
