/**
 * DuckDB oracle for the windowed Nexmark queries (q5 HOP, q7 and q8 TUMBLE, q11 SESSION), each
 * checked against window assignment done event by event in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import type { Row } from "../../src/common/value.ts";
import { createNexmarkFixture, expectSameRows, groupBy, type NexmarkFixture } from "./nexmark-fixture.ts";

let fixture: NexmarkFixture;
beforeAll(() => {
  fixture = createNexmarkFixture();
});
afterAll(() => fixture.cleanup());

const TEN_SECONDS = 10_000;
const tumbleStart = (millis: number): number => Math.floor(millis / TEN_SECONDS) * TEN_SECONDS;

describe("DuckDB Nexmark oracle, windowed queries", () => {
  it("q5 finds the auctions with the most bids per 10 s window sliding by 2 s", async () => {
    // Windows [start, start + 10 s) with start a multiple of 2 s: those containing the bid.
    const counts = new Map<number, Map<number, number>>();
    for (const b of fixture.bids) {
      for (
        let start = Math.floor(b.dateTime / 2000) * 2000;
        start > b.dateTime - TEN_SECONDS;
        start -= 2000
      ) {
        const perAuction = counts.get(start) ?? new Map<number, number>();
        perAuction.set(b.auction, (perAuction.get(b.auction) ?? 0) + 1);
        counts.set(start, perAuction);
      }
    }
    const expected: Row[] = [];
    for (const perAuction of counts.values()) {
      const max = Math.max(...perAuction.values());
      for (const [auction, num] of perAuction) if (num === max) expected.push([auction, num]);
    }
    expect(counts.size).toBeGreaterThan(40);
    expectSameRows(await runNexmarkOracle("q5", fixture.dataDir), expected);
  });

  it("q7 returns the bids carrying a 10 s window's maximum price within that window's range", async () => {
    const maxByWindowEnd = new Map<number, number>();
    for (const b of fixture.bids) {
      const end = tumbleStart(b.dateTime) + TEN_SECONDS;
      maxByWindowEnd.set(end, Math.max(maxByWindowEnd.get(end) ?? 0, b.price));
    }
    const expected: Row[] = [];
    for (const [end, max] of maxByWindowEnd) {
      for (const b of fixture.bids) {
        if (b.price === max && b.dateTime >= end - TEN_SECONDS && b.dateTime <= end) {
          expected.push([b.auction, b.bidder, b.price, b.dateTime, b.extra]);
        }
      }
    }
    expect(maxByWindowEnd.size).toBeGreaterThan(5);
    expectSameRows(await runNexmarkOracle("q7", fixture.dataDir), expected);
  });

  it("q8 finds people who opened an auction in the 10 s window they registered in", async () => {
    const sellerWindows = new Set(fixture.auctions.map((a) => `${a.seller}@${tumbleStart(a.dateTime)}`));
    const people = new Map<string, Row>();
    for (const p of fixture.people) {
      const start = tumbleStart(p.dateTime);
      if (sellerWindows.has(`${p.id}@${start}`))
        people.set(`${p.id}|${p.name}|${start}`, [p.id, p.name, start]);
    }
    expect(people.size).toBeGreaterThan(0);
    expectSameRows(await runNexmarkOracle("q8", fixture.dataDir), [...people.values()]);
  });

  it("q11 counts bids per bidder session (10 s gap, touching windows merge)", async () => {
    const expected: Row[] = [];
    for (const bids of groupBy(fixture.bids, (b) => String(b.bidder)).values()) {
      const times = bids.map((b) => b.dateTime).sort((x, y) => x - y);
      let first = times[0] ?? 0;
      let count = 0;
      let last = first;
      for (const time of times) {
        if (time > last + TEN_SECONDS) {
          expected.push([bids[0]?.bidder ?? null, count, first, last + TEN_SECONDS]);
          first = time;
          count = 0;
        }
        count++;
        last = time;
      }
      expected.push([bids[0]?.bidder ?? null, count, first, last + TEN_SECONDS]);
    }
    expect(expected.length).toBeGreaterThan(new Set(fixture.bids.map((b) => b.bidder)).size);
    expectSameRows(await runNexmarkOracle("q11", fixture.dataDir), expected);
  });
});
