import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateRetail, RETAIL_SCHEMAS } from "../../src/connectors/retail/index.ts";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const run = (...args: string[]): string =>
  execFileSync(process.execPath, ["--no-warnings", main, ...args], { encoding: "utf8" });

describe("headwater demo tour", () => {
  it("prints per-customer spend equal to a direct sum over the generated transactions", () => {
    const output = run("demo", "tour", "--customers", "15", "--seed", "7");
    const schema = RETAIL_SCHEMAS.find((s) => s.name === "transactions")!;
    const id = schema.columns.findIndex((c) => c.name === "transaction_id");
    const customer = schema.columns.findIndex((c) => c.name === "customer_id");
    const total = schema.columns.findIndex((c) => c.name === "total_amount");
    // The demo's table has a primary key, so a later row with the same transaction_id replaces the earlier one.
    const latest = new Map<unknown, readonly unknown[]>();
    for (const e of generateRetail({ seed: 7, customers: 15 })) {
      if (e.dataSet === "transactions" && !e.malformed) latest.set(e.row[id], e.row);
    }
    const spend = new Map<string, bigint>();
    for (const row of latest.values()) {
      const key = row[customer] as string;
      spend.set(key, (spend.get(key) ?? 0n) + (row[total] as bigint));
    }
    const shown = [...output.matchAll(/^ {3}(CUST\d+), (\d+), (-?\d+\.\d\d), /gm)];
    expect(shown.length).toBeGreaterThan(0);
    for (const [, who, , amount] of shown) {
      expect(amount).toBe((Number(spend.get(who!)) / 100).toFixed(2));
    }
    expect(output).toContain("unknown column 'custmer_id'");
    expect(output).toContain("= hint: did you mean customer_id?");
    expect(output).toMatch(/GroupAggregate\(groupBy=\[channel\].*changelogMode=\[I,UB,UA,D\]/);
  });

  it("rejects a bad option with exit code 2", () => {
    expect(() => run("demo", "tour", "--customers", "zero")).toThrow(
      /--customers must be a positive integer/,
    );
  });
});
