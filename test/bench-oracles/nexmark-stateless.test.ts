/**
 * DuckDB oracle for the stateless Nexmark queries (q0, q1, q2, q10, q14, q21, q22), each checked
 * against the same result recomputed in TypeScript from the generated events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexmarkOracle } from "../../bench/nexmark/duckdb/run.ts";
import type { Row } from "../../src/common/value.ts";
import {
  createNexmarkFixture,
  expectSameRows,
  type NexmarkFixture,
  utcDay,
  utcMinute,
} from "./nexmark-fixture.ts";

let fixture: NexmarkFixture;
beforeAll(() => {
  fixture = createNexmarkFixture();
});
afterAll(() => fixture.cleanup());

/** 0.908 × price as DECIMAL(23, 3), unscaled: exactly 908 × price. */
const euros = (price: number): bigint => 908n * BigInt(price);

describe("DuckDB Nexmark oracle, stateless queries", () => {
  it("q0 passes every bid through", async () => {
    const expected = fixture.bids.map((b): Row => [b.auction, b.bidder, b.price, b.dateTime, b.extra]);
    expectSameRows(await runNexmarkOracle("q0", fixture.dataDir), expected);
  });

  it("q1 converts prices exactly to DECIMAL(23, 3)", async () => {
    const expected = fixture.bids.map((b): Row => [b.auction, b.bidder, euros(b.price), b.dateTime, b.extra]);
    expectSameRows(await runNexmarkOracle("q1", fixture.dataDir), expected);
  });

  it("q2 keeps bids on auctions divisible by 123", async () => {
    const expected = fixture.bids.filter((b) => b.auction % 123 === 0).map((b): Row => [b.auction, b.price]);
    expect(expected.length).toBeGreaterThan(0);
    expectSameRows(await runNexmarkOracle("q2", fixture.dataDir), expected);
  });

  it("q10 writes every bid with its day and hour:minute partition", async () => {
    const expected = fixture.bids.map(
      (b): Row => [
        b.auction,
        b.bidder,
        b.price,
        b.dateTime,
        b.extra,
        utcDay(b.dateTime),
        utcMinute(b.dateTime),
      ],
    );
    expect(new Set(expected.map((row) => row[5])).size).toBe(2);
    expectSameRows(await runNexmarkOracle("q10", fixture.dataDir), expected);
  });

  it("q14 keeps the price band, classifies the hour and counts 'c's", async () => {
    const timeType = (hour: number): string =>
      hour >= 8 && hour <= 18 ? "dayTime" : hour <= 6 || hour >= 20 ? "nightTime" : "otherTime";
    const expected = fixture.bids
      .filter((b) => euros(b.price) > 1_000_000_000n && euros(b.price) < 50_000_000_000n)
      .map(
        (b): Row => [
          b.auction,
          b.bidder,
          euros(b.price),
          timeType(new Date(b.dateTime).getUTCHours()),
          b.dateTime,
          b.extra,
          [...b.extra].filter((ch) => ch === "c").length,
        ],
      );
    expect(expected.length).toBeGreaterThan(0);
    expectSameRows(await runNexmarkOracle("q14", fixture.dataDir), expected);
  });

  it("q21 maps known channels and extracts channel_id from the URL", async () => {
    const known: Record<string, string> = { apple: "0", google: "1", facebook: "2", baidu: "3" };
    const expected: Row[] = [];
    for (const b of fixture.bids) {
      const fromUrl = /(&|^)channel_id=([^&]*)/.exec(b.url)?.[2] ?? null;
      const id = known[b.channel.toLowerCase()] ?? fromUrl;
      if (fromUrl !== null || b.channel.toLowerCase() in known)
        expected.push([b.auction, b.bidder, b.price, b.channel, id]);
    }
    expect(expected.length).toBeLessThan(fixture.bids.length);
    expectSameRows(await runNexmarkOracle("q21", fixture.dataDir), expected);
  });

  it("q22 splits the URL into its first three directories", async () => {
    const expected = fixture.bids.map((b): Row => {
      const tokens = b.url.split("/");
      return [
        b.auction,
        b.bidder,
        b.price,
        b.channel,
        tokens[3] ?? null,
        tokens[4] ?? null,
        tokens[5] ?? null,
      ];
    });
    expectSameRows(await runNexmarkOracle("q22", fixture.dataDir), expected);
  });
});
