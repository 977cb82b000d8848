import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runParity } from "../../../src/pipelines/index.ts";

const C360 = join(import.meta.dirname, "..", "..", "..", "examples", "c360");
const VIEW = "customer_analytics_c360";
const SOAK = process.env.HEADWATER_SOAK === "1";

describe("Customer 360 batch parity", () => {
  it("the streaming view equals the DuckDB batch view at the seed's size", async () => {
    const result = await runParity({ dir: C360, view: VIEW, customers: 15 });
    expect(result.streamingRows).toBe(15);
    expect(result.differences).toEqual([]);
  });

  it.each([2_000, ...(SOAK ? [100_000] : [])])(
    "holds with duplicates, late updates and NULLs at %i customers",
    async (customers) => {
      const result = await runParity({ dir: C360, view: VIEW, customers, seed: 7 });
      expect(result.streamingRows).toBeGreaterThan(customers * 0.9);
      expect(result.batchRows).toBe(result.streamingRows);
      expect(result.differences).toEqual([]);
    },
    600_000,
  );

  it("holds with the engine's state spilling and DuckDB capped, and reports where the state is", async () => {
    const result = await runParity({
      dir: C360,
      view: VIEW,
      customers: 2_000,
      seed: 7,
      // Budgets far below the state: joins, aggregates and the keyed tables keep most keys encoded in
      // memory or on disk (the shared encoded tier holds a fraction) and read them back.
      stateMemoryBudget: 32 * 1024,
      stateEncodedBudget: 512 * 1024,
      batch: { memoryLimit: "64MB", threads: 1 },
      reportState: true,
    });
    expect(result.differences).toEqual([]);
    const statements = result.state!.map((s) => /INSERT INTO (\S+)/.exec(s.statement)?.[1]);
    expect(statements).toContain("c360_fct_customer_profile");
    const customers = result.state!.find((s) => s.statement.includes("INSERT INTO src_c360_customers"))!;
    expect(customers.operators).toEqual([
      expect.objectContaining({ operator: expect.stringMatching(/^Deduplicate/), entries: 2_000 }),
    ]);
  }, 600_000);

  it("reports the rows and columns where a batch definition disagrees", async () => {
    const changed = readFileSync(join(C360, "batch", `${VIEW}.sql`), "utf8").replace(
      "WHEN days_since_last_purchase <= 30 THEN 'Active'",
      "WHEN days_since_last_purchase <= 31 THEN 'Active'",
    );
    const file = join(mkdtempSync(join(tmpdir(), "parity-")), `${VIEW}.sql`);
    writeFileSync(file, changed);
    const result = await runParity({ dir: C360, view: VIEW, customers: 2_000, seed: 7, batchSql: file });
    const statusDiffs = result.differences.filter(
      (d) => d.kind === "value" && d.column === "customer_status",
    );
    expect(result.differenceCount).toBeGreaterThan(0);
    expect(statusDiffs.length).toBeGreaterThan(0);
    for (const d of statusDiffs) if (d.kind === "value") expect([d.streaming, d.batch]).toContain("Active");
  }, 600_000);
});
