import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const main = join(root, "src", "cli", "main.ts");
const products = join(root, "test", "fixtures", "products");
const script = join(products, "valid", "tables.sql");
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--no-warnings", main, "rest", ...args], { encoding: "utf8" });

describe("headwater rest", () => {
  it("runs the script, serves the products on 127.0.0.1 and stops cleanly on Ctrl-C", async () => {
    const child = spawn(
      process.execPath,
      [
        "--no-warnings",
        main,
        "rest",
        "-f",
        script,
        "--product",
        join(products, "valid"),
        "--port",
        "0",
        "--json",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
    const started = JSON.parse(line) as { url: string; host: string; products: string[] };
    expect(started.host).toBe("127.0.0.1");
    expect(started.products).toEqual(["customer.analytics.C360", "sales.orders.OrderLines"]);
    const record = await fetch(`${started.url}/products/customer.analytics.C360/records/CUST002`);
    expect(await record.json()).toMatchObject({
      customer_id: "CUST002",
      total_transactions: 4,
      total_spent: "410.10",
    });
    const lines = await fetch(`${started.url}/products/sales.orders.OrderLines/records/9007199254740991,2`);
    expect(await lines.json()).toEqual({
      order_id: 9007199254740991,
      line: 2,
      sku: "SKU-B",
      quantity: 1,
      amount: "5.50",
    });
    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("reports every problem of a product with its place, and exits 1", () => {
    const result = run(
      "-f",
      script,
      "--product",
      join(products, "invalid", "schema-mismatch"),
      "--port",
      "0",
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/contract\.yaml:15:23: error: schema\[0\]\.properties\[1\]\.physicalType/);
    expect(result.stderr.match(/: error: /g)).toHaveLength(10);
  });

  it("reports a contract naming a table the script does not create", () => {
    const other = join(root, "test", "fixtures", "products", "valid", "customer.analytics.C360");
    const result = spawnSync(
      process.execPath,
      ["--no-warnings", main, "rest", "-f", "/dev/null", "--product", other, "--port", "0"],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /contract\.yaml:\d+:\d+: error: schema\[0\]: table 'customer_analytics_c360' does not exist/,
    );
  });

  it("rejects a wrong command line with exit code 2", () => {
    expect(run("-f", script, "--product", products, "--port", "http").status).toBe(2);
    expect(run("-f", "missing.sql", "--product", products).stderr).toMatch(
      /no such SQL script: missing\.sql/,
    );
    const empty = run("-f", script, "--product", join(root, "test", "cli"));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/no product\.yaml in/);
  });
});
