import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyShop, edit, INT_DDL } from "./shop-fixture.ts";

/** `headwater serve` and the deploy commands as a user runs them: child processes, exit codes, JSON. */
const ROOT = join(import.meta.dirname, "..", "..", "..");
const NODE = join(ROOT, "node_modules", ".bin", "node");
const MAIN = join(ROOT, "src", "cli", "main.ts");

let daemon: ChildProcess | undefined;
afterEach(() => {
  daemon?.kill("SIGTERM");
  daemon = undefined;
});

/** Starts `headwater serve --port 0` and returns the URL it prints. */
function serve(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ["--no-warnings", MAIN, "serve", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    daemon = child;
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /control API on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

function headwater(
  args: string[],
  url = "http://127.0.0.1:9",
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      NODE,
      ["--no-warnings", MAIN, ...args],
      { env: { ...process.env, HEADWATER_DEPLOY_LOCAL_URL: url }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("deploy commands", () => {
  it("serve, deploy, status, healthcheck, undeploy: exit 0 and reports scripts can read", async () => {
    const url = await serve();
    const dir = copyShop();
    const deploy = await headwater(["deploy", "--product", "shop", "--project", dir, "--json"], url);
    expect(deploy.code).toBe(0);
    const report = JSON.parse(deploy.stdout);
    expect(report.ok).toBe(true);
    expect(report.target).toEqual({ kind: "local", endpoint: url });
    const status = await headwater(["status", "--table", "src_shop_orders", "--project", dir], url);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(
      /src_shop_orders\s+COMPLETED\s+dev-usw2-shop-dml-src-shop-orders\s+RUNNING/,
    );
    const health = await headwater(["healthcheck", "--project", dir, "--json"], url);
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout).healthy).toBe(true);
    const undeploy = await headwater(
      ["undeploy", "--table", "int_shop_customer_totals", "--project", dir],
      url,
    );
    expect(undeploy.code).toBe(0);
    expect(undeploy.stdout).toContain("ok: 2 undeployed");
    const unhealthy = await headwater(["healthcheck", "--product", "shop", "--project", dir], url);
    expect(unhealthy.code).toBe(1);
    expect(unhealthy.stdout).toContain("missing       int_shop_customer_totals");
  }, 180_000);

  it("exit 1 with the failing statement when a deployment fails; 1 when the daemon is down; 2 for usage", async () => {
    const url = await serve();
    const dir = copyShop();
    edit(dir, INT_DDL, "NOT ENFORCED\n)", "NOT ENFORCED\n) WITH ('connector' = 'no-such-connector')");
    const failed = await headwater(["deploy", "--product", "shop", "--project", dir], url);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      "FAILED int_shop_customer_totals: dev-usw2-shop-dml-int-shop-customer-totals",
    );
    expect(failed.stdout).toContain("FAILED: 1 deployed, 1 failed, 2 skipped, 1 kept as is");

    const down = await headwater(["status", "--product", "shop", "--project", dir, "--json"]);
    expect(down.code).toBe(1);
    expect(JSON.parse(down.stdout).error).toMatch(
      /Headwater daemon at http:\/\/127\.0\.0\.1:9.*start one with `headwater serve`/,
    );

    // The rest are independent: side by side, as each CLI start is slow on a loaded machine.
    const usage = await Promise.all(
      [
        ["deploy", "--project", dir],
        ["deploy", "--table", "x", "--product", "y", "--project", dir],
        ["deploy", "--table", "x", "--target", "mars", "--project", dir],
        ["serve", "--port", "99999"],
      ].map((args) => headwater(args)),
    );
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    const unknown = await headwater(["deploy", "--table", "nope", "--project", dir], url);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no table 'nope' in the project");
    const helps = await Promise.all(
      ["deploy", "undeploy", "status", "healthcheck", "serve"].map((command) =>
        headwater([command, "--help"]),
      ),
    );
    for (const help of helps) {
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("--");
    }
  }, 180_000);

  it("refuses to deploy a project with errors", async () => {
    const dir = copyShop();
    edit(
      dir,
      "pipelines/facts/shop/big_customers/sql-scripts/dml.shop_fct_big_customers.sql",
      "total >= 100",
      "totl >= 100",
    );
    const result = await headwater(["deploy", "--product", "shop", "--project", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("unknown column 'totl'");
    expect(result.stderr).toContain("fix them before deploying");
  });
});
