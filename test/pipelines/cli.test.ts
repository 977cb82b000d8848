import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "./golden.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const NODE = join(ROOT, "node_modules", ".bin", "node");
const MAIN = join(ROOT, "src", "cli", "main.ts");

function headwater(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(NODE, ["--no-warnings", MAIN, ...args], { encoding: "utf8", cwd: tmpdir() });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("pipeline commands", () => {
  it("project init, table init, inventory and lint on a fresh project", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hw-cli-")), "shop");
    expect(headwater("project", "init", dir, "--type", "kimball").code).toBe(0);
    expect(existsSync(join(dir, "headwater.yaml"))).toBe(true);
    const table = headwater(
      "table",
      "init",
      "orders",
      "--layer",
      "sources",
      "--product",
      "sales",
      "--project",
      dir,
      "--json",
    );
    expect(table.code).toBe(0);
    expect(JSON.parse(table.stdout).table).toBe("src_sales_orders");
    const inventory = headwater("inventory", "--project", dir, "--json");
    expect(inventory.code).toBe(0);
    expect(Object.keys(JSON.parse(inventory.stdout))).toEqual(["src_sales_orders"]);
    expect(existsSync(join(dir, "pipelines/sources/sales/orders/pipeline_definition.json"))).toBe(true);
    const lint = headwater("lint", "--project", dir, "--json");
    expect(lint.code).toBe(0);
    expect(JSON.parse(lint.stdout).findings).toEqual([]);
  });

  it("exit code 1 for project errors, 2 for usage errors, 0 for --help", () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-cli-"));
    writeFileSync(join(dir, "headwater.yaml"), "deploy:\n  max_cfu: 3\n");
    expect(headwater("project", "config", "--project", dir).code).toBe(1);
    expect(headwater("plan", "--project", dir).code).toBe(2);
    expect(headwater("plan", "--frobnicate").code).toBe(2);
    expect(headwater("table", "init", "x", "--layer", "attic", "--product", "p").code).toBe(2);
    const help = headwater("lineage", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--downstream");
  });

  it("project config masks secrets from the environment", () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-cli-"));
    const result = spawnSync(NODE, ["--no-warnings", MAIN, "project", "config", "--project", dir, "--json"], {
      encoding: "utf8",
      env: { ...process.env, HEADWATER_KAFKA_API_SECRET: "very-secret-value" },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain("very-secret-value");
    expect(JSON.parse(result.stdout).config.kafka.api_secret).toBe("*****MASKED*****");
  });

  it("plan reads running statements and writes its JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "hw-cli-"));
    const running = join(dir, "running.json");
    writeFileSync(
      running,
      JSON.stringify({ statements: { "dev-usw2-p2-dml-src-x": "RUNNING", x: { status_phase: "RUNNING" } } }),
    );
    const output = join(dir, "plan.json");
    const project = join(FIXTURES, "shift-left-graph");
    const result = headwater(
      "plan",
      "--project",
      project,
      "--table",
      "z",
      "--running",
      running,
      "--output",
      output,
    );
    expect(result.code).toBe(0);
    const plan = JSON.parse(readFileSync(output, "utf8"));
    expect(
      plan.nodes.map((n: { table_name: string; action: string }) => `${n.table_name}:${n.action}`),
    ).toEqual(["src_x:skip", "src_y:run", "x:skip", "y:run", "z:restart"]);
    writeFileSync(running, '{"x": "SLEEPING"}');
    expect(headwater("plan", "--project", project, "--table", "z", "--running", running).code).toBe(2);
  });

  it("lineage writes a self-contained html graph", () => {
    const output = join(mkdtempSync(join(tmpdir(), "hw-cli-")), "c360.html");
    const result = headwater(
      "lineage",
      "customers_mv_c360",
      "--project",
      join(FIXTURES, "retail"),
      "--format",
      "html",
      "--output",
      output,
    );
    expect(result.code).toBe(0);
    expect(readFileSync(output, "utf8")).toContain("<svg");
    expect(
      headwater("lineage", "customers_mv_c360", "--project", join(FIXTURES, "retail"), "--column", "nope")
        .code,
    ).toBe(2);
  });
});
