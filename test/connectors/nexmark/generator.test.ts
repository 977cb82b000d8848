import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import {
  AUCTION,
  BID,
  DEFAULT_BASE_TIME,
  NexmarkGenerator,
  PERSON,
} from "../../../src/connectors/nexmark/index.ts";

const fields = (row: SqlValue[], type: number): SqlValue[] => row[type + 1] as SqlValue[];

describe("nexmark generator: determinism", () => {
  it("gives identical rows for the same seed, and different rows for another seed", () => {
    const a = new NexmarkGenerator().generate(0, 2_000);
    const b = new NexmarkGenerator().generate(0, 2_000);
    expect(b).toEqual(a);
    const other = NexmarkGenerator.fromWithOptions({ seed: "7" }).generate(0, 2_000);
    expect(other.map((r) => r[0])).toEqual(a.map((r) => r[0]));
    expect(other).not.toEqual(a);
  });

  it("gives event N the same value whatever range it is generated in", () => {
    const generator = new NexmarkGenerator();
    const serial = generator.generate(0, 5_000);
    expect(generator.generate(1_234, 3_000)).toEqual(serial.slice(1_234, 4_234));
    expect(generator.event(4_321)).toEqual(serial[4_321]);
    const fresh = new NexmarkGenerator();
    expect(fresh.generate(4_990, 10)).toEqual(serial.slice(4_990));
  });
});

describe("nexmark generator: the Flink layout", () => {
  const generator = new NexmarkGenerator();
  const rows = generator.generate(0, 50_000);

  it("has exactly 1 person, 3 auctions and 46 bids in every 50 consecutive events", () => {
    for (const start of [0, 17, 49, 12_345]) {
      const counts = [0, 0, 0];
      for (const row of rows.slice(start, start + 50)) counts[row[0] as number]!++;
      expect(counts).toEqual([1, 3, 46]);
    }
  });

  it("starts like Flink's source: event id 2 is auction 1001, the first person is 1001 at index 48", () => {
    expect(rows[0]![0]).toBe(AUCTION);
    expect(fields(rows[0]!, AUCTION)[0]).toBe(1001);
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual([AUCTION, AUCTION, BID]);
    expect(rows.findIndex((r) => r[0] === PERSON)).toBe(48);
    expect(fields(rows[48]!, PERSON)[0]).toBe(1001);
    expect(fields(rows[49]!, AUCTION)[0]).toBe(1003);
  });

  it("puts exactly one entity per row, and the top-level dateTime is the entity's", () => {
    for (const row of rows.slice(0, 500)) {
      const type = row[0] as number;
      expect(row).toHaveLength(5);
      [PERSON, AUCTION, BID].forEach((t) => {
        expect(row[t + 1] === null).toBe(t !== type);
      });
      const entity = fields(row, type);
      const dateTimeField = type === PERSON ? 6 : 5;
      expect(entity[dateTimeField]).toBe(row[4]);
    }
  });

  it("numbers people and auctions consecutively", () => {
    const ids = (type: number) => rows.filter((r) => r[0] === type).map((r) => fields(r, type)[0] as number);
    const people = ids(PERSON);
    const auctions = ids(AUCTION);
    expect(people).toEqual(people.map((_, i) => 1001 + i));
    expect(auctions).toEqual(auctions.map((_, i) => 1001 + i));
  });

  it("refers only to ids already created or at most 10 ahead (Nexmark's id lead)", () => {
    let lastPerson = 1000;
    let lastAuction = 1000;
    let sellersKnown = 0;
    let auctionsKnown = 0;
    let biddersKnown = 0;
    for (const row of rows) {
      const type = row[0] as number;
      const entity = fields(row, type);
      if (type === PERSON) lastPerson = entity[0] as number;
      if (type === AUCTION) {
        lastAuction = entity[0] as number;
        const seller = entity[7] as number;
        expect(seller).toBeGreaterThanOrEqual(1000);
        expect(seller).toBeLessThanOrEqual(lastPerson + 10);
        if (seller <= lastPerson) sellersKnown++;
      }
      if (type === BID) {
        const auction = entity[0] as number;
        // Flink adds the first person id twice to bidders: bidder = person id + 1000.
        const bidderPerson = (entity[1] as number) - 1000;
        expect(auction).toBeGreaterThanOrEqual(1000);
        expect(auction).toBeLessThanOrEqual(lastAuction + 10);
        expect(bidderPerson).toBeGreaterThanOrEqual(1000);
        expect(bidderPerson).toBeLessThanOrEqual(lastPerson + 10);
        if (auction <= lastAuction) auctionsKnown++;
        if (bidderPerson <= lastPerson) biddersKnown++;
      }
    }
    const auctionCount = rows.filter((r) => r[0] === AUCTION).length;
    const bidCount = rows.filter((r) => r[0] === BID).length;
    expect(sellersKnown / auctionCount).toBeGreaterThan(0.97);
    expect(auctionsKnown / bidCount).toBeGreaterThan(0.95);
    expect(biddersKnown / bidCount).toBeGreaterThan(0.97);
  });

  it("sends about half the bids to the hot auction and three quarters from hot bidders", () => {
    const bids = rows.filter((r) => r[0] === BID).map((r) => fields(r, BID));
    const hotAuction = bids.filter((b) => (b[0] as number) % 100 === 0).length / bids.length;
    const hotBidder = bids.filter((b) => (b[1] as number) % 100 === 1).length / bids.length;
    expect(hotAuction).toBeGreaterThan(0.48);
    expect(hotAuction).toBeLessThan(0.53);
    expect(hotBidder).toBeGreaterThan(0.73);
    expect(hotBidder).toBeLessThan(0.78);
  });

  it("draws prices from 100 to 100,000,000 cents, reserves above the initial bid, 5 categories", () => {
    const auctions = rows.filter((r) => r[0] === AUCTION).map((r) => fields(r, AUCTION));
    const bids = rows.filter((r) => r[0] === BID).map((r) => fields(r, BID));
    for (const price of bids.map((b) => b[2] as number)) {
      expect(Number.isInteger(price) && price >= 100 && price <= 100_000_000).toBe(true);
    }
    for (const a of auctions) {
      expect(a[4] as number).toBeGreaterThan(a[3] as number);
      expect(a[6] as number).toBeGreaterThan(a[5] as number);
    }
    expect(new Set(auctions.map((a) => a[8]))).toEqual(new Set([10, 11, 12, 13, 14]));
  });
});

describe("nexmark generator: event time", () => {
  it("starts at base-time and advances at first-event.rate, never backwards", () => {
    const generator = new NexmarkGenerator();
    const rows = generator.generate(0, 30_001);
    expect(rows[0]![4]).toBe(DEFAULT_BASE_TIME);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]![4] as number).toBeGreaterThanOrEqual(rows[i - 1]![4] as number);
    // 10,000 events/s: event number i + 1 is at (i + 1) × 100 µs.
    expect(rows[9_999]![4]).toBe(DEFAULT_BASE_TIME + 1_000);
    expect(rows[30_000]![4]).toBe(DEFAULT_BASE_TIME + 3_000);
  });

  it("follows the configured rate and base time", () => {
    const generator = NexmarkGenerator.fromWithOptions({
      "first-event.rate": "1000",
      "base-time": "2024-01-01T00:00:00Z",
    });
    const start = Date.UTC(2024, 0, 1);
    expect(generator.layout.timestamp(0)).toBe(start + 1);
    expect(generator.event(999)[4]).toBe(start + 1_000);
    expect(generator.event(59_999)[4]).toBe(start + 60_000);
  });

  it("lets auctions run about the time 100 more auctions take to open (~167 ms at 10,000/s)", () => {
    const auctions = new NexmarkGenerator()
      .generate(0, 100_000)
      .filter((r) => r[0] === AUCTION)
      .map((r) => fields(r, AUCTION));
    const lengths = auctions.map((a) => (a[6] as number) - (a[5] as number));
    const mean = lengths.reduce((s, x) => s + x, 0) / lengths.length;
    expect(Math.max(...lengths)).toBeLessThanOrEqual(334);
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(185);
  });
});

describe("nexmark generator: stream length", () => {
  it("ends at events.num, cut short by stop-at", () => {
    expect(NexmarkGenerator.fromWithOptions({ "events.num": "100" }).generate(90, 50)).toHaveLength(10);
    expect(NexmarkGenerator.fromWithOptions({ "events.num": "100", "stop-at": "40" }).eventCount).toBe(40);
    expect(new NexmarkGenerator().eventCount).toBe(Number.POSITIVE_INFINITY);
    expect(() => NexmarkGenerator.fromWithOptions({ "events.num": "100" }).event(100)).toThrow(RangeError);
  });
});

describe("nexmark generator: sizes and strings", () => {
  const rows = new NexmarkGenerator().generate(0, 100_000);
  const mean = (values: number[]) => values.reduce((s, x) => s + x, 0) / values.length;
  const of = (type: number) => rows.filter((r) => r[0] === type).map((r) => fields(r, type));
  const len = (value: SqlValue | undefined) => (value as string).length;

  it("pads events to the configured average size (Flink's accounting) within ±20 %", () => {
    // Flink counts 8 bytes per number and the string lengths it lists in each generator.
    const personSizes = of(PERSON).map(
      (p) => 8 + len(p[1]) + len(p[2]) + len(p[3]) + len(p[4]) + len(p[5]) + len(p[7]),
    );
    const auctionSizes = of(AUCTION).map((a) => 8 + len(a[1]) + len(a[2]) + 40 + len(a[9]));
    const bidSizes = of(BID).map((b) => 32 + len(b[6]));
    expect(Math.abs(mean(personSizes) / 200 - 1)).toBeLessThan(0.2);
    expect(Math.abs(mean(auctionSizes) / 500 - 1)).toBeLessThan(0.2);
    expect(Math.abs(mean(bidSizes) / 100 - 1)).toBeLessThan(0.2);
    const big = NexmarkGenerator.fromWithOptions({ "bid.avg-size": "1kb" }).generate(0, 5_000);
    const bigBids = big.filter((r) => r[0] === BID).map((r) => 32 + len(fields(r, BID)[6]));
    expect(Math.abs(mean(bigBids) / 1024 - 1)).toBeLessThan(0.2);
  });

  it("builds people from the fixed name, city and state lists", () => {
    for (const p of of(PERSON)) {
      expect(p[1]).toMatch(/^(Peter|Paul|Luke|John|Saul|Vicky|Kate|Julie|Sarah|Deiter|Walter) [A-Z][a-z]+$/);
      expect(p[2]).toMatch(/^[a-z ]{1,6}@[a-z ]{1,4}\.com$/);
      expect(p[3]).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(["AZ", "CA", "ID", "OR", "WA", "WY"]).toContain(p[5]);
    }
    expect(new Set(of(PERSON).map((p) => p[4])).size).toBe(10);
  });

  it("gives item names under 20 and descriptions under 100 characters, trimmed", () => {
    for (const a of of(AUCTION)) {
      expect(len(a[1])).toBeLessThan(20);
      expect(len(a[2])).toBeLessThan(100);
      expect((a[1] as string).trim()).toBe(a[1]);
    }
  });

  it("shapes bid URLs for q21 (channel_id) and q22 (three directories)", () => {
    const bids = of(BID);
    const channelId = (url: string) => /(&|^)channel_id=([^&]*)/.exec(url)?.[2];
    let withId = 0;
    let ordinary = 0;
    for (const b of bids) {
      const channel = b[3] as string;
      const url = b[4] as string;
      // SPLIT_INDEX(url, '/', 3..5) are the three directories.
      const parts = url.split("/");
      expect(parts.slice(0, 3)).toEqual(["https:", "", "www.nexmark.com"]);
      for (const dir of parts.slice(3, 6)) expect(dir).toMatch(/^[a-z_]{3,4}$/);
      expect(parts[6]).toMatch(/^item\.htm\?query=1(&channel_id=-?\d+)?$/);
      if (["Google", "Facebook", "Baidu", "Apple"].includes(channel)) {
        expect(channelId(url)).toBeUndefined();
      } else {
        expect(channel).toMatch(/^channel-\d{1,4}$/);
        ordinary++;
        if (channelId(url) !== undefined) withId++;
      }
    }
    expect(ordinary / bids.length).toBeGreaterThan(0.47);
    expect(ordinary / bids.length).toBeLessThan(0.53);
    expect(withId / ordinary).toBeGreaterThan(0.87);
    expect(withId / ordinary).toBeLessThan(0.93);
    // The id is Java's Math.abs(Integer.reverse(i)): channel 2 → 2^30, channel 1 stays negative.
    const urlOf = (name: string) => bids.find((b) => b[3] === name)?.[4] as string | undefined;
    const two = urlOf("channel-2");
    if (two !== undefined && channelId(two) !== undefined) expect(channelId(two)).toBe("1073741824");
    const one = urlOf("channel-1");
    if (one !== undefined && channelId(one) !== undefined) expect(channelId(one)).toBe("-2147483648");
  });

  it("keeps the same hot URLs and channel URLs across generators with one seed", () => {
    const url = (rowsOf: SqlValue[][]) =>
      new Map(rowsOf.filter((r) => r[0] === BID).map((r) => [fields(r, BID)[3], fields(r, BID)[4]]));
    const first = url(rows.slice(0, 20_000));
    const second = url(new NexmarkGenerator().generate(50_000, 20_000));
    for (const [channel, u] of second) if (first.has(channel)) expect(first.get(channel)).toBe(u);
  });
});
