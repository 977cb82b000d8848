/**
 * Flink semantics the generated fixture does not happen to exercise, on hand-written bids:
 * session windows that touch, equal-time dedup, equal-price Top-N, a bid exactly at a window end,
 * and files without a header line (as the Flink benchmark writes them).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import { formatTimestamp } from "../../src/connectors/nexmark/index.ts";

const T0 = Date.parse("2015-07-15T00:00:00Z");

/** [auction, bidder, price, ms after T0]; written in this (arrival) order. */
const BIDS: readonly (readonly [number, number, number, number])[] = [
  [1, 7, 500, 0],
  [1, 7, 400, 10_000], // exactly one gap after the previous bid: same session in Flink
  [1, 7, 300, 20_001], // one millisecond more than a gap: new session
  [2, 8, 100, 1_000],
  [2, 8, 200, 1_000], // same time as the previous bid on (8, 2): the later arrival is the last bid
  ...Array.from({ length: 11 }, (_, i) => [3, 20 + i, 900, 2_000 + i] as const), // 11 equal prices
  [4, 9, 400, 20_000], // exactly at the end of window [10 s, 20 s), whose maximum is also 400
];

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "nexmark-oracle-edges-"));
  const bidLines = BIDS.map(([auction, bidder, price, offset]) =>
    [auction, bidder, price, "Apple", "https://x/a/b/c", formatTimestamp(T0 + offset), `e${bidder}`].join(
      ",",
    ),
  );
  writeFileSync(join(dataDir, "bid.csv"), bidLines.map((line) => `${line}\n`).join(""));
  writeFileSync(join(dataDir, "person.csv"), "");
  writeFileSync(join(dataDir, "auction.csv"), "");
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("DuckDB Nexmark oracle, edge cases", () => {
  it("q11 merges sessions whose windows touch and splits them one millisecond later", async () => {
    const sessions = (await runNexmarkOracle("q11", dataDir)).filter((row) => row[0] === 7);
    expect(sessions).toEqual([
      [7, 1, T0 + 20_001, T0 + 30_001],
      [7, 2, T0, T0 + 20_000],
    ]);
  });

  it("q18 keeps the later arrival among equal-time bids", async () => {
    const last = (await runNexmarkOracle("q18", dataDir)).filter((row) => row[1] === 8);
    expect(last.map((row) => row[2])).toEqual([200]);
  });

  it("q19 ranks equal prices by arrival and keeps the first ten", async () => {
    const top = (await runNexmarkOracle("q19", dataDir)).filter((row) => row[0] === 3);
    expect(top.map((row) => [row[1], row[7]])).toEqual(Array.from({ length: 10 }, (_, i) => [20 + i, i + 1]));
  });

  it("q7 matches a bid exactly at a window end against both windows' maxima", async () => {
    const rows = await runNexmarkOracle("q7", dataDir);
    // [0 s, 10 s) has maximum 900: eleven bids. [10 s, 20 s) has maximum 400 and its range
    // [10 s, 20 s] holds two 400 bids, the second one exactly at its end, though that bid belongs
    // to [20 s, 30 s), whose maximum is 400 as well and matches it again.
    // Rows come sorted by all columns, auction first.
    expect(rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      [1, 400, T0 + 10_000],
      ...Array.from({ length: 11 }, (_, i) => [3, 900, T0 + 2_000 + i]),
      [4, 400, T0 + 20_000],
      [4, 400, T0 + 20_000],
    ]);
  });
});
