/**
 * DuckDB oracle for the Nexmark aggregations, dedup and Top-N (q15–q19), each checked against
 * per-key results recomputed in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import type { Row } from "../../src/common/value.ts";
import {
  type Bid,
  createNexmarkFixture,
  expectSameRows,
  groupBy,
  type NexmarkFixture,
  utcDay,
  utcMinute,
} from "./nexmark-fixture.ts";

let fixture: NexmarkFixture;
beforeAll(() => {
  fixture = createNexmarkFixture();
});
afterAll(() => fixture.cleanup());

/** The price bands of q15–q17: all, < 10,000, [10,000, 1,000,000), ≥ 1,000,000. */
const BANDS: readonly ((price: number) => boolean)[] = [
  () => true,
  (p) => p < 10_000,
  (p) => p >= 10_000 && p < 1_000_000,
  (p) => p >= 1_000_000,
];

/** q15 / q16's twelve counts: bids, distinct bidders, distinct auctions, each per band. */
function bandCounts(bids: readonly Bid[]): number[] {
  const inBand = BANDS.map((band) => bids.filter((b) => band(b.price)));
  return [
    ...inBand.map((group) => group.length),
    ...inBand.map((group) => new Set(group.map((b) => b.bidder)).size),
    ...inBand.map((group) => new Set(group.map((b) => b.auction)).size),
  ];
}

describe("DuckDB Nexmark oracle, aggregations and Top-N", () => {
  it("q15 counts bids, bidders and auctions per day and price band", async () => {
    const expected = [...groupBy(fixture.bids, (b) => utcDay(b.dateTime))].map(
      ([day, bids]): Row => [day, ...bandCounts(bids)],
    );
    expect(expected.length).toBe(2);
    expectSameRows(await runNexmarkOracle("q15", fixture.dataDir), expected);
  });

  it("q16 counts per channel and day, with the last minute seen", async () => {
    const groups = groupBy(fixture.bids, (b) => `${b.channel}\u0000${utcDay(b.dateTime)}`);
    const expected = [...groups.values()].map((bids): Row => {
      const first = bids[0] as Bid;
      const minute = bids
        .map((b) => utcMinute(b.dateTime))
        .sort()
        .at(-1);
      return [first.channel, utcDay(first.dateTime), minute ?? null, ...bandCounts(bids)];
    });
    expectSameRows(await runNexmarkOracle("q16", fixture.dataDir), expected);
  });

  it("q17 summarises prices per auction and day", async () => {
    const groups = groupBy(fixture.bids, (b) => `${b.auction}@${utcDay(b.dateTime)}`);
    const expected = [...groups.values()].map((bids): Row => {
      const prices = bids.map((b) => b.price);
      const sum = prices.reduce((x, y) => x + y, 0);
      const first = bids[0] as Bid;
      return [
        first.auction,
        utcDay(first.dateTime),
        ...BANDS.map((band) => prices.filter(band).length),
        Math.min(...prices),
        Math.max(...prices),
        Math.trunc(sum / prices.length),
        sum,
      ];
    });
    expectSameRows(await runNexmarkOracle("q17", fixture.dataDir), expected);
  });

  it("q18 keeps each bidder's latest bid per auction, the later arrival on equal times", async () => {
    const latest = new Map<string, Bid>();
    for (const b of fixture.bids) {
      const key = `${b.bidder}/${b.auction}`;
      const kept = latest.get(key);
      if (kept === undefined || b.dateTime >= kept.dateTime) latest.set(key, b);
    }
    const expected = [...latest.values()].map(
      (b): Row => [b.auction, b.bidder, b.price, b.channel, b.url, b.dateTime, b.extra],
    );
    expect(expected.length).toBeLessThan(fixture.bids.length);
    expectSameRows(await runNexmarkOracle("q18", fixture.dataDir), expected);
  });

  it("q19 ranks the ten highest bids per auction, earlier arrival first on equal prices", async () => {
    const expected: Row[] = [];
    for (const bids of groupBy(fixture.bids, (b) => String(b.auction)).values()) {
      const top = [...bids].sort((x, y) => y.price - x.price || x.arrival - y.arrival).slice(0, 10);
      top.forEach((b, i) => {
        expected.push([b.auction, b.bidder, b.price, b.channel, b.url, b.dateTime, b.extra, i + 1]);
      });
    }
    expectSameRows(await runNexmarkOracle("q19", fixture.dataDir), expected);
  });
});
