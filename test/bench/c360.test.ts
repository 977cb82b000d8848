import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { C360Outcome, C360Report } from "../../bench/c360/model.ts";
import { compareC360WithPreviousIn, renderC360Markdown } from "../../bench/c360/report.ts";
import { resultBaseName } from "../../bench/lib/result-files.ts";
import { runWorker } from "../../bench/lib/worker.ts";
import type { StateTiers } from "../../src/engine/index.ts";

const dir = mkdtempSync(join(tmpdir(), "bench-c360-"));
const MIB = 2 ** 20;

/** A state's size whose encoded-tier entries are estimated pro rata, and counted at that exactly. */
const sized = (entries: number, encodedBytes: number, tiers: StateTiers) => {
  const encodedTierEstimate = (encodedBytes * tiers.encoded) / entries;
  return { entries, encodedBytes, tiers, encodedTierEstimate, encodedTierCounted: encodedTierEstimate };
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ok = (ratio: number, differenceCount = 0): C360Outcome => ({
  status: "ok",
  records: 20_000,
  streamingSeconds: 2,
  recordsPerSecond: 10_000,
  batchSeconds: 2 * ratio,
  ratio,
  viewRows: 1000,
  differenceCount,
  differences: differenceCount > 0 ? ["c1.status: streaming 'active' ≠ batch 'lapsed'"] : [],
  peakRssBytes: 512 * 2 ** 20,
  batchPeakRssBytes: 256 * 2 ** 20,
  stateHeapBytes: 128 * 2 ** 20,
  generationSeconds: 1,
});

const run = (startedAt: string, outcome: C360Outcome, customers = 1000): Omit<C360Report, "previous"> => ({
  benchmark: "c360",
  startedAt,
  finishedAt: startedAt,
  machine: {
    cores: 2,
    cpuModel: "Test CPU",
    memoryBytes: 2 ** 33,
    os: "Linux",
    node: "v24",
    loadAverage: [1, 1, 1],
  },
  settings: { customers, transactionsPerCustomer: undefined, seed: 1 },
  outcome,
});

describe("the Customer 360 benchmark report", () => {
  it("compares with the newest earlier run of the same size and flags a ratio down by more than 10 %", () => {
    const save = (r: Omit<C360Report, "previous">) =>
      writeFileSync(
        join(dir, `${resultBaseName("c360", r.startedAt)}.json`),
        JSON.stringify({ ...r, previous: {} }),
      );
    save(run("2026-01-01T10:00:00.000Z", ok(4)));
    save(run("2026-01-02T10:00:00.000Z", ok(5)));
    save(run("2026-01-03T10:00:00.000Z", ok(9), 50));
    const now = run("2026-01-04T10:00:00.000Z", ok(4));
    const previous = compareC360WithPreviousIn(dir, now);
    expect(previous).toMatchObject({
      status: "compared",
      previousFile: "c360-2026-01-02T100000Z.json",
      regression: true,
    });
    expect(previous.status === "compared" && previous.change).toBeCloseTo(-0.2);
    expect(compareC360WithPreviousIn(dir, run("2026-01-04T10:00:00.000Z", ok(4.6)))).toMatchObject({
      regression: false,
    });
    expect(compareC360WithPreviousIn(dir, run("2026-01-04T10:00:00.000Z", ok(4), 7))).toMatchObject({
      status: "none",
    });
  });

  it("renders the figures, parity differences loudly, and a run the engine cannot do yet", () => {
    const text = renderC360Markdown({
      ...run("2026-01-04T10:00:00.000Z", ok(3, 1)),
      previous: { status: "none", reason: "first" },
    });
    expect(text).toContain(
      "| 20,000 | 2.0 s | 10.0K | 6.0 s | 3.00× | 1,000 | 512 MiB | 256 MiB | 128 MiB | 1.0 s | **✗ 1 differences** |",
    );
    expect(text).toContain("c1.status: streaming 'active' ≠ batch 'lapsed'");
    const unsupported = renderC360Markdown({
      ...run("2026-01-04T10:00:00.000Z", {
        status: "unsupported",
        reason: "OVER aggregation is not supported yet",
      }),
      previous: { status: "none", reason: "no figures in this run" },
    });
    expect(unsupported).toContain("Not supported yet: OVER aggregation is not supported yet");
  });

  it("states the limits of a run, lists its largest operator states and tables, and where their entries are", () => {
    const text = renderC360Markdown({
      ...run("2026-01-04T10:00:00.000Z", {
        ...(ok(2) as Extract<C360Outcome, { status: "ok" }>),
        state: [
          {
            table: "facts",
            operator: "Join(joinType=[LeftOuterJoin])",
            ...sized(2_000, 3 * MIB, { live: 100, encoded: 1_500, disk: 400 }),
          },
          {
            table: "src",
            operator: "Deduplicate(keep=[LastRow])",
            ...sized(1_000, MIB, { live: 1_000, encoded: 0, disk: 0 }),
          },
        ],
        tables: [
          {
            table: "default_catalog.default_database.src_customers",
            ...sized(1_000, 2 * MIB, { live: 200, encoded: 800, disk: 0 }),
            keptChanges: 17,
          },
        ],
        // What the tier counts beyond the estimate of its 2,300 entries: 230 KiB, 102 bytes each.
        stateTiers: {
          encodedBytes: (3 * MIB * 1_500) / 2_000 + (2 * MIB * 800) / 1_000 + 230 * 1024,
          spilledEntries: 400,
        },
      }),
      settings: {
        customers: 1000,
        transactionsPerCustomer: undefined,
        seed: 1,
        stateBudgetMb: 64,
        duckdbMemoryLimit: "4GB",
      },
      previous: { status: "none", reason: "first" },
    });
    expect(text).toContain(
      "Limits: state.memory-budget 64 MiB of live state per stateful operator and keyed table, then encoded in memory up to half the heap (the default), then disk · DuckDB memory_limit 4GB.",
    );
    expect(text).toContain("4 MiB over 2 stateful operators, the 2 largest");
    expect(text).toContain(
      "| facts | `Join(joinType=[LeftOuterJoin])` | 2,000 | 3 MiB | 100 | 1,500 | 400 |",
    );
    expect(text).toContain("| src_customers | 1,000 | 2 MiB | 200 | 800 | 0 | 17 |");
    expect(text).toContain(
      "Total: operators 4 MiB + tables' live rows 2 MiB = 6 MiB encoded (estimated), 4,000 entries. " +
        "The encoded tier counts 4 MiB for the 2,300 entries in it, estimated at 4 MiB: 102 bytes per entry beyond their encoding",
    );
  });

  it("lists operator states and tables without tier columns when all state is live", () => {
    const text = renderC360Markdown({
      ...run("2026-01-04T10:00:00.000Z", {
        ...(ok(2) as Extract<C360Outcome, { status: "ok" }>),
        state: [
          {
            table: "src",
            operator: "Deduplicate",
            ...sized(1_000, MIB, { live: 1_000, encoded: 0, disk: 0 }),
          },
        ],
        tables: [{ table: "t", ...sized(10, 0, { live: 10, encoded: 0, disk: 0 }), keptChanges: 0 }],
      }),
      previous: { status: "none", reason: "first" },
    });
    expect(text).toContain("| Statement writing | Operator | Entries | Encoded |\n");
    expect(text).toContain("| src | `Deduplicate` | 1,000 | 1 MiB |\n");
    expect(text).toContain("| t | 10 | 0 MiB | 0 |\n");
    expect(text).toContain(
      "Total: operators 1 MiB + tables' live rows 0 MiB = 1 MiB encoded (estimated), 1,010 entries.\n",
    );
  });

  it("runs parity on examples/c360 and reports figures with no difference, or what the engine lacks", async () => {
    const worker = fileURLToPath(new URL("../../bench/c360/worker.ts", import.meta.url));
    const outcome = await runWorker<C360Outcome>(worker, ["--customers", "15", "--state-report"], {
      timeoutMs: 120_000,
      exposeGc: true,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    const result = outcome.value;
    if (result.status === "ok") {
      expect(result.differenceCount).toBe(0);
      expect(result.records).toBeGreaterThan(15);
      expect(result.batchPeakRssBytes).toBeGreaterThan(0);
      expect(result.batchPeakRssBytes).toBeLessThanOrEqual(result.peakRssBytes);
      expect(result.stateHeapBytes).toBeGreaterThan(0);
      expect(result.stateHeapBytes).toBeLessThan(result.peakRssBytes);
      // Every generated customer is kept once by the customers' deduplication.
      const customers = result.state?.find(
        (s) => s.table === "src_c360_customers" && s.operator.startsWith("Deduplicate"),
      );
      expect(customers?.entries).toBe(15);
      expect(result.state?.every((s, i, all) => i === 0 || all[i - 1]!.encodedBytes >= s.encodedBytes)).toBe(
        true,
      );
      // ... and its table keeps each customer's live row, all live without a state budget.
      const table = result.tables?.find((t) => t.table.endsWith(".src_c360_customers"));
      expect(table).toMatchObject({ entries: 15, tiers: { live: 15, encoded: 0, disk: 0 } });
      expect(table!.encodedBytes).toBeGreaterThan(0);
    } else {
      expect(result).toMatchObject({ status: "unsupported", reason: expect.stringMatching(/not supported/) });
    }
  }, 180_000);
});
