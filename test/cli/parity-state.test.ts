// `headwater parity --state`: the operators' state and the in-memory tables' live rows once the view is
// complete, where their entries are under a state budget, and the total beside the encoded tier's count.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ParityResult } from "../../src/pipelines/index.ts";

const main = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
const C360 = join(import.meta.dirname, "..", "..", "examples", "c360");
const CUSTOMERS = 200;

function parity(...args: string[]): string {
  const child = spawnSync(
    process.execPath,
    ["--no-warnings", main, "parity", C360, "--customers", String(CUSTOMERS), "--state", ...args],
    { encoding: "utf8" },
  );
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  return child.stdout;
}

/** The numbers of a table's line: rows, then live/encoded tier/disk when a budget is set. */
function tableLine(text: string, table: string): string {
  const line = text.split("\n").find((l) => l.endsWith(`default_catalog.default_database.${table}`));
  expect(line).toBeDefined();
  return line!;
}

describe("headwater parity --state", () => {
  it("lists the tables' live rows and their tiers, and the total beside the encoded tier's count", () => {
    const text = parity("--state-budget", "4kb", "--encoded-budget", "32kb");
    const customers = tableLine(text, "src_c360_customers");
    const [rows, live, encoded, disk] = /^\s+(\d+) rows\s+\S+ KiB\s+(\d+)\/(\d+)\/(\d+)\s/
      .exec(customers)!
      .slice(1)
      .map(Number);
    expect(rows).toBe(CUSTOMERS);
    expect(live! + encoded! + disk!).toBe(CUSTOMERS);
    // A 4 KB budget keeps about the 64 entries a state never spills (eviction goes a batch below), the rest below.
    expect(live).toBeGreaterThanOrEqual(60);
    expect(live).toBeLessThanOrEqual(64);
    expect(encoded! + disk!).toBeGreaterThan(0);
    expect(text).toMatch(
      /^total: operators [\d.]+ KiB \+ tables [\d.]+ KiB = [\d.]+ KiB encoded \(estimated\); the encoded tier counts [\d.]+ KiB for \d+ entries estimated at [\d.]+ KiB \(\d+ bytes per entry beyond their encoding\)$/m,
    );
    // The customers' deduplication keeps as many rows as their table, split the same way.
    expect(text).toMatch(
      new RegExp(
        `^\\s+${CUSTOMERS} entries\\s+\\S+ KiB\\s+6\\d/\\d+/\\d+\\s+Deduplicate\\(keep=\\[LastRow\\], key=\\[customer_id\\]`,
        "m",
      ),
    );
  }, 120_000);

  it("gives the same as JSON, and no tiers without a budget", () => {
    const result = JSON.parse(parity("--json")) as ParityResult;
    const customers = result.tables!.find((t) => t.table.endsWith(".src_c360_customers"))!;
    expect(customers).toMatchObject({ entries: CUSTOMERS, tiers: { live: CUSTOMERS, encoded: 0, disk: 0 } });
    expect(customers.encodedBytes).toBeGreaterThan(0);
    expect(result.stateTiers).toBeUndefined();
    const text = parity();
    expect(tableLine(text, "src_c360_customers")).toMatch(
      new RegExp(`^\\s+${CUSTOMERS} rows\\s+\\S+ KiB\\s+\\d+ changes kept`),
    );
    expect(text).toMatch(
      /^total: operators [\d.]+ KiB \+ tables [\d.]+ KiB = [\d.]+ KiB encoded \(estimated\)$/m,
    );
  }, 120_000);
});
