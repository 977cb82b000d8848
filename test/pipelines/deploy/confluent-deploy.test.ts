import { execFile } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfluentTarget,
  collectStatus,
  createTarget,
  type DeployTarget,
  healthcheck,
  loadProject,
  type PlanSelector,
  renderDeployReport,
  runDeploy,
  runUndeploy,
} from "../../../src/pipelines/index.ts";
import {
  type FakeConfluentCloud,
  type FakeConfluentOptions,
  startFakeConfluentCloud,
} from "./fake-confluent-cloud.ts";
import { copyShop } from "./shop-fixture.ts";

/** Deploys to Confluent Cloud's Statements API, served by a local fake of its documented shapes. */
const KEY = "FLINKKEY4QZ7XW2M";
const SECRET = "s3cr3t+Flink/Secret==value";
const CLOUD_KEY = "CLOUDKEY9PLM3NB1";
const CLOUD_SECRET = "cl0ud+Secret/value==";
const WAIT = { timeoutMs: 10_000, pollMs: 5 };
const PLAN = { mayStartDescendants: false, forceAncestors: false, crossProduct: false };
const SHOP: PlanSelector = { kind: "product", product: "shop" };
const RAW_ORDERS = "CREATE TABLE raw_orders (order_id INT NOT NULL, customer STRING, amount INT)";

let fake: FakeConfluentCloud | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function cloud(overrides: Partial<FakeConfluentOptions> = {}): Promise<FakeConfluentCloud> {
  fake = await startFakeConfluentCloud({
    organizationId: "0b5c1d2e-0000-4000-8000-00000000abcd",
    environmentId: "env-x1y2z3",
    apiKey: KEY,
    apiSecret: SECRET,
    cloudApiKey: CLOUD_KEY,
    cloudApiSecret: CLOUD_SECRET,
    pools: { "lfcp-ready": "PROVISIONED", "lfcp-busy": "PROVISIONING" },
    topics: [RAW_ORDERS],
    maxPageSize: 3,
    ...overrides,
  });
  return fake;
}

/** The project's settings as CI would pass them: environment variables, secrets included. */
function env(server: FakeConfluentCloud, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    HEADWATER_DEPLOY_TARGET: "confluent",
    HEADWATER_CONFLUENT_FLINK_URL: server.url,
    HEADWATER_CONFLUENT_CLOUD_URL: server.url,
    HEADWATER_DEPLOY_ORGANIZATION_ID: "0b5c1d2e-0000-4000-8000-00000000abcd",
    HEADWATER_DEPLOY_ENVIRONMENT_ID: "env-x1y2z3",
    HEADWATER_DEPLOY_COMPUTE_POOL_ID: "lfcp-ready",
    HEADWATER_DEPLOY_CATALOG_NAME: "shop-env",
    HEADWATER_DEPLOY_DATABASE_NAME: "shop-cluster",
    HEADWATER_CONFLUENT_PRINCIPAL: "sa-deployer",
    HEADWATER_FLINK_API_KEY: KEY,
    HEADWATER_FLINK_API_SECRET: SECRET,
    HEADWATER_CONFLUENT_CLOUD_API_KEY: CLOUD_KEY,
    HEADWATER_CONFLUENT_CLOUD_API_SECRET: CLOUD_SECRET,
    ...overrides,
  };
}

function target(dir: string, vars: Record<string, string>): DeployTarget {
  const built = createTarget(loadProject(dir, vars).config);
  if ("problems" in built) throw new Error(built.problems.join("\n"));
  expect(built).toBeInstanceOf(ConfluentTarget);
  return built;
}

describe("deploy to Confluent Cloud (local fake of the Statements API)", () => {
  it("deploys, reports status across pages, and undeploys", async () => {
    const server = await cloud();
    const dir = copyShop();
    const vars = env(server);
    const cc = target(dir, vars);
    const project = loadProject(dir, vars);
    const report = await runDeploy(project, SHOP, cc, { ...WAIT, parallel: false, plan: PLAN });
    if ("error" in report) throw new Error(report.error);
    expect(report.ok).toBe(true);
    expect(report.declared).toEqual([]);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:deployed",
      "int_shop_customer_totals:deployed",
      "shop_fct_big_customers:deployed",
      "src_shop_refunds:deployed",
    ]);
    const created = server.requests.filter((r) => r.method === "POST").map((r) => JSON.parse(r.body));
    expect(created.map((c) => c.name)).toEqual([
      "dev-usw2-shop-drop-src-shop-orders",
      "dev-usw2-shop-ddl-src-shop-orders",
      "dev-usw2-shop-dml-src-shop-orders",
      "dev-usw2-shop-drop-int-shop-customer-totals",
      "dev-usw2-shop-ddl-int-shop-customer-totals",
      "dev-usw2-shop-dml-int-shop-customer-totals",
      "dev-usw2-shop-drop-shop-fct-big-customers",
      "dev-usw2-shop-ddl-shop-fct-big-customers",
      "dev-usw2-shop-dml-shop-fct-big-customers",
      "dev-usw2-shop-drop-src-shop-refunds",
      "dev-usw2-shop-ddl-src-shop-refunds",
      "dev-usw2-shop-dml-src-shop-refunds",
    ]);
    expect(created[2]).toMatchObject({
      organization_id: "0b5c1d2e-0000-4000-8000-00000000abcd",
      environment_id: "env-x1y2z3",
      spec: {
        statement:
          "INSERT INTO src_shop_orders\nSELECT order_id, UPPER(TRIM(customer)) AS customer, amount\nFROM raw_orders\nWHERE amount > 0",
        properties: { "sql.current-catalog": "shop-env", "sql.current-database": "shop-cluster" },
        compute_pool_id: "lfcp-ready",
        principal: "sa-deployer",
        stopped: false,
      },
    });
    // drops are deleted once done; DDL and DML statements stay
    expect([...server.statements.keys()].filter((n) => n.includes("-drop-"))).toEqual([]);

    const listed = await cc.list();
    expect(listed).toHaveLength(8);
    expect(server.requests.filter((r) => r.url.includes("page_token=")).length).toBeGreaterThanOrEqual(2);
    const status = await collectStatus(project, SHOP, cc);
    if ("error" in status) throw new Error(status.error);
    expect(status.tables.map((t) => `${t.ddl?.status?.phase}/${t.dml?.status?.phase}`)).toEqual([
      "COMPLETED/RUNNING",
      "COMPLETED/RUNNING",
      "COMPLETED/RUNNING",
      "COMPLETED/RUNNING",
    ]);
    expect(Date.parse(status.tables[0]!.dml!.status!.startedAt!)).not.toBeNaN();
    const health = await healthcheck(project, cc);
    if ("error" in health) throw new Error(health.error);
    expect(health.healthy).toBe(true);

    const undeploy = await runUndeploy(project, SHOP, cc, WAIT);
    if ("error" in undeploy) throw new Error(undeploy.error);
    expect(undeploy.ok).toBe(true);
    expect(undeploy.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "src_shop_refunds:undeployed",
      "shop_fct_big_customers:undeployed",
      "int_shop_customer_totals:undeployed",
      "src_shop_orders:undeployed",
    ]);
    expect(server.statements.size).toBe(0);
    expect(server.requests.filter((r) => r.method === "DELETE")).not.toHaveLength(0);
  });

  it("stops at a statement that fails in the middle of the plan, with Confluent's detail", async () => {
    const server = await cloud({
      failures: {
        "dev-usw2-shop-dml-int-shop-customer-totals": "Topic authorization failed: int_shop_customer_totals",
      },
    });
    const dir = copyShop();
    const report = await runDeploy(loadProject(dir, env(server)), SHOP, target(dir, env(server)), {
      ...WAIT,
      parallel: false,
      plan: PLAN,
    });
    if ("error" in report) throw new Error(report.error);
    expect(report.ok).toBe(false);
    expect(report.outcomes.map((o) => `${o.table}:${o.result}`)).toEqual([
      "raw_orders:unchanged",
      "src_shop_orders:deployed",
      "int_shop_customer_totals:failed",
      "shop_fct_big_customers:skipped",
      "src_shop_refunds:skipped",
    ]);
    expect(report.outcomes[2]).toMatchObject({
      statement: "dev-usw2-shop-dml-int-shop-customer-totals",
      error: "FAILED: Topic authorization failed: int_shop_customer_totals",
    });
  });

  it("surfaces error responses: refused credentials, a compute pool not ready, a rejected statement", async () => {
    const server = await cloud();
    const dir = copyShop();
    const wrong = target(dir, env(server, { HEADWATER_FLINK_API_SECRET: "not-the-secret-x9" }));
    const refused = runDeploy(loadProject(dir), SHOP, wrong, { ...WAIT, parallel: false, plan: PLAN });
    await expect(refused).rejects.toThrow(
      /HTTP 401: Authentication Required: Valid authentication credentials must be provided \(check flink\.api_key/,
    );
    await expect(refused).rejects.not.toThrow(/not-the-secret-x9|FLINKKEY4QZ7XW2M/);

    const busy = target(dir, env(server, { HEADWATER_DEPLOY_COMPUTE_POOL_ID: "lfcp-busy" }));
    await expect(busy.check()).rejects.toThrow("compute pool lfcp-busy is PROVISIONING, not PROVISIONED");
    const gone = target(dir, env(server, { HEADWATER_DEPLOY_COMPUTE_POOL_ID: "lfcp-gone" }));
    await expect(gone.check()).rejects.toThrow(
      "compute pool lfcp-gone does not exist in environment env-x1y2z3",
    );

    // without the Cloud API key the pool is not checked first: the Statements API rejects it
    const unchecked = env(server, {
      HEADWATER_DEPLOY_COMPUTE_POOL_ID: "lfcp-gone",
      HEADWATER_CONFLUENT_CLOUD_API_KEY: "",
    });
    const report = await runDeploy(loadProject(dir, unchecked), SHOP, target(dir, unchecked), {
      ...WAIT,
      parallel: false,
      plan: PLAN,
    });
    if ("error" in report) throw new Error(report.error);
    expect(report.outcomes[1]).toMatchObject({
      table: "src_shop_orders",
      result: "failed",
      statement: "dev-usw2-shop-drop-src-shop-orders",
    });
    const text = renderDeployReport(report);
    expect(text).toContain("HTTP 422: Validation Failed: compute pool 'lfcp-gone' not found");

    const missing = createTarget(loadProject(dir, { HEADWATER_DEPLOY_TARGET: "confluent" }).config);
    expect(missing).toEqual({
      problems: [
        "deploy.organization_id is not set (headwater.yaml or HEADWATER_DEPLOY_ORGANIZATION_ID); the confluent target needs it",
        "deploy.environment_id is not set (headwater.yaml or HEADWATER_DEPLOY_ENVIRONMENT_ID); the confluent target needs it",
        "flink.api_key is not set (headwater.yaml or HEADWATER_FLINK_API_KEY); the confluent target needs it",
        "flink.api_secret is not set (headwater.yaml or HEADWATER_FLINK_API_SECRET); the confluent target needs it",
      ],
    });
  });

  it("never shows the API keys or secrets: CLI output, errors and request bodies", async () => {
    const server = await cloud();
    const dir = copyShop();
    const secrets = [KEY, SECRET, CLOUD_KEY, CLOUD_SECRET];
    const ok = await headwater(["deploy", "--product", "shop", "--project", dir, "--json"], env(server));
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const status = await headwater(["status", "--product", "shop", "--project", dir], env(server));
    expect(status.stdout).toContain("dev-usw2-shop-dml-src-shop-orders");
    const config = await headwater(["project", "config", "--project", dir], env(server));
    expect(config.stdout).toContain('api_secret: "*****MASKED*****"');
    const refused = await headwater(
      ["status", "--product", "shop", "--project", dir, "--json"],
      env(server, { HEADWATER_FLINK_API_SECRET: `${SECRET}x` }),
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false });
    expect(refused.stderr).toContain("Authentication Required");
    for (const run of [ok, status, config, refused])
      for (const secret of [...secrets, `${SECRET}x`]) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
    for (const request of server.requests)
      for (const secret of secrets) {
        expect(request.url).not.toContain(secret);
        expect(request.body).not.toContain(secret);
      }
    expect(server.requests.every((r) => r.authorization?.startsWith("Basic "))).toBe(true);
  });

  it("never shows secrets written in headwater.yaml, in any command that reads the configuration", async () => {
    const server = await cloud();
    const dir = copyShop();
    const fromFile = [
      "flink:",
      `  api_key: ${KEY}`,
      `  api_secret: "${SECRET}"`,
      "confluent:",
      `  cloud_api_key: ${CLOUD_KEY}`,
      `  cloud_api_secret: "${CLOUD_SECRET}"`,
      "kafka:",
      "  api_key: KAFKAKEY7TT2",
      "  api_secret: kafka+Secret/9",
    ].join("\n");
    appendFileSync(join(dir, "headwater.yaml"), `\n${fromFile}\n`);
    const vars = env(server);
    for (const name of Object.keys(vars)) if (/API_(KEY|SECRET)$/.test(name)) delete vars[name];
    const secrets = [KEY, SECRET, CLOUD_KEY, CLOUD_SECRET, "KAFKAKEY7TT2", "kafka+Secret/9"];
    const shop = ["--product", "shop", "--project", dir];
    // Independent commands run side by side: each is a Node process of its own.
    const offline = Promise.all([
      headwater(["project", "config", "--project", dir], vars),
      headwater(["project", "config", "--project", dir, "--json"], vars),
      headwater(["report", ...shop, "--format", "yaml"], vars),
      headwater(["report", ...shop, "--format", "json"], vars),
      headwater(["plan", ...shop, "--json"], vars),
      headwater(["lint", "--project", dir, "--json"], vars),
    ]);
    const deployed = await headwater(["deploy", ...shop], vars);
    const observed = await Promise.all([
      headwater(["status", ...shop], vars),
      headwater(["status", ...shop, "--json"], vars),
      headwater(["healthcheck", ...shop], vars),
    ]);
    const undeployed = await headwater(["undeploy", ...shop, "--json"], vars);
    const runs = [...(await offline), deployed, ...observed, undeployed];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(JSON.parse(runs[1]!.stdout).config.flink.api_secret).toBe("*****MASKED*****");
    expect(server.requests.some((r) => r.method === "DELETE")).toBe(true);
    for (const run of runs)
      for (const secret of secrets) {
        expect(run.stdout).not.toContain(secret);
        expect(run.stderr).not.toContain(secret);
      }
  }, 180_000);
});

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** The CLI in a child process, asynchronously: the fake answers from this process. */
function headwater(
  args: string[],
  vars: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      join(ROOT, "node_modules", ".bin", "node"),
      ["--no-warnings", join(ROOT, "src", "cli", "main.ts"), ...args],
      { env: { ...process.env, ...vars }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
