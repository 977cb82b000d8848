/**
 * DuckDB oracle for the Nexmark joins (q3, q4, q9, q13, q20), each checked against a TypeScript
 * hash join over the generated events.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import type { Row } from "../../src/common/value.ts";
import {
  type Auction,
  type Bid,
  createNexmarkFixture,
  expectSameRows,
  type NexmarkFixture,
} from "./nexmark-fixture.ts";

let fixture: NexmarkFixture;
beforeAll(() => {
  fixture = createNexmarkFixture();
});
afterAll(() => fixture.cleanup());

const auctionRow = (a: Auction): Row => [
  a.id,
  a.itemName,
  a.description,
  a.initialBid,
  a.reserve,
  a.dateTime,
  a.expires,
  a.seller,
  a.category,
  a.extra,
];

/** Each auction's bids placed within its lifetime, in arrival order. */
function bidsInLifetime(): Map<Auction, Bid[]> {
  const auctionsById = new Map(fixture.auctions.map((a) => [a.id, a]));
  const result = new Map<Auction, Bid[]>();
  for (const b of fixture.bids) {
    const a = auctionsById.get(b.auction);
    if (a === undefined || b.dateTime < a.dateTime || b.dateTime > a.expires) continue;
    result.set(a, [...(result.get(a) ?? []), b]);
  }
  return result;
}

describe("DuckDB Nexmark oracle, joins", () => {
  it("q3 joins category-10 auctions with their OR / ID / CA sellers", async () => {
    const people = new Map(fixture.people.map((p) => [p.id, p]));
    const expected: Row[] = [];
    for (const a of fixture.auctions) {
      const p = people.get(a.seller);
      if (a.category === 10 && p !== undefined && ["OR", "ID", "CA"].includes(p.state)) {
        expected.push([p.name, p.city, p.state, a.id]);
      }
    }
    expect(expected.length).toBeGreaterThan(0);
    expectSameRows(await runNexmarkOracle("q3", fixture.dataDir), expected);
  });

  it("q4 averages (truncating) each category's winning prices", async () => {
    const finals = new Map<number, number[]>();
    for (const [a, bids] of bidsInLifetime()) {
      finals.set(a.category, [...(finals.get(a.category) ?? []), Math.max(...bids.map((b) => b.price))]);
    }
    const expected = [...finals].map(
      ([category, prices]): Row => [category, Math.trunc(prices.reduce((x, y) => x + y, 0) / prices.length)],
    );
    expectSameRows(await runNexmarkOracle("q4", fixture.dataDir), expected);
  });

  it("q9 pairs each auction with its highest, earliest, first-arrived valid bid", async () => {
    const expected: Row[] = [];
    for (const [a, bids] of bidsInLifetime()) {
      const best = bids.reduce((x, y) =>
        y.price > x.price || (y.price === x.price && y.dateTime < x.dateTime) ? y : x,
      );
      expected.push([...auctionRow(a), best.auction, best.bidder, best.price, best.dateTime, best.extra]);
    }
    expect(expected.length).toBeGreaterThan(100);
    expectSameRows(await runNexmarkOracle("q9", fixture.dataDir), expected);
  });

  it("q13 joins bids with the side input on auction mod 10000", async () => {
    // Every third key is missing, so the join drops some bids.
    const side = new Map<number, string>();
    for (let key = 0; key < 10_000; key++) if (key % 3 !== 0) side.set(key, `value-${key}`);
    writeFileSync(
      join(fixture.dataDir, "side_input.txt"),
      [...side].map(([key, value]) => `${key},${value}\n`).join(""),
    );
    const expected: Row[] = [];
    for (const b of fixture.bids) {
      const value = side.get(b.auction % 10_000);
      if (value !== undefined) expected.push([b.auction, b.bidder, b.price, b.dateTime, value]);
    }
    expect(expected.length).toBeLessThan(fixture.bids.length);
    expectSameRows(await runNexmarkOracle("q13", fixture.dataDir), expected);
  });

  it("q20 expands category-10 bids with their auction", async () => {
    const auctions = new Map(fixture.auctions.map((a) => [a.id, a]));
    const expected: Row[] = [];
    for (const b of fixture.bids) {
      const a = auctions.get(b.auction);
      if (a === undefined || a.category !== 10) continue;
      expected.push([
        b.auction,
        b.bidder,
        b.price,
        b.channel,
        b.url,
        b.dateTime,
        b.extra,
        a.itemName,
        a.description,
        a.initialBid,
        a.reserve,
        a.dateTime,
        a.expires,
        a.seller,
        a.category,
        a.extra,
      ]);
    }
    expect(expected.length).toBeGreaterThan(0);
    expectSameRows(await runNexmarkOracle("q20", fixture.dataDir), expected);
  });
});
