import { describe, expect, it } from "vitest";
import {
  DEFAULT_NEXMARK_OPTIONS,
  NexmarkOptionError,
  parseNexmarkOptions,
} from "../../../src/connectors/nexmark/index.ts";

const errorOf = (withOptions: Record<string, string>): NexmarkOptionError => {
  try {
    parseNexmarkOptions(withOptions);
  } catch (error) {
    if (error instanceof NexmarkOptionError) return error;
    throw error;
  }
  throw new Error("expected a NexmarkOptionError");
};

describe("nexmark options", () => {
  it("defaults to Flink's connector defaults, base-time 2015-07-15 and seed 0", () => {
    expect(parseNexmarkOptions({ connector: "nexmark" })).toEqual(DEFAULT_NEXMARK_OPTIONS);
    expect(DEFAULT_NEXMARK_OPTIONS).toMatchObject({
      firstEventRate: 10_000,
      nextEventRate: 10_000,
      rateShape: "SQUARE",
      ratePeriodMs: 600_000,
      rateLimited: false,
      eventsNum: 0,
      personProportion: 1,
      auctionProportion: 3,
      bidProportion: 46,
      hotAuctionRatio: 2,
      hotBiddersRatio: 4,
      hotSellersRatio: 4,
      personAvgSize: 200,
      auctionAvgSize: 500,
      bidAvgSize: 100,
      keepAlive: false,
      stopAt: -1,
      maxEmitSpeed: true,
      seed: 0,
    });
    expect(new Date(DEFAULT_NEXMARK_OPTIONS.baseTime).toISOString()).toBe("2015-07-15T00:00:00.000Z");
  });

  it("reads every option in Flink's syntax", () => {
    const options = parseNexmarkOptions({
      "first-event.rate": "10000000",
      "next-event.rate": " 500 ",
      "rate.shape": "sine",
      "rate.period": "10 min",
      "rate.limited": "TRUE",
      "events.num": "100000000",
      "person.proportion": "2",
      "auction.proportion": "6",
      "bid.proportion": "92",
      "bid.hot-ratio.auctions": "3",
      "bid.hot-ratio.bidders": "5",
      "auction.hot-ratio.sellers": "6",
      "person.avg-size": "1kb",
      "auction.avg-size": "2 k",
      "bid.avg-size": "64",
      "keep-alive": "true",
      "stop-at": "5000",
      "max-emit-speed": "false",
      "base-time": "2024-03-01 12:00:00",
      seed: "42",
    });
    expect(options).toEqual({
      firstEventRate: 10_000_000,
      nextEventRate: 500,
      rateShape: "SINE",
      ratePeriodMs: 600_000,
      rateLimited: true,
      eventsNum: 100_000_000,
      personProportion: 2,
      auctionProportion: 6,
      bidProportion: 92,
      hotAuctionRatio: 3,
      hotBiddersRatio: 5,
      hotSellersRatio: 6,
      personAvgSize: 1024,
      auctionAvgSize: 2048,
      bidAvgSize: 64,
      keepAlive: true,
      stopAt: 5000,
      maxEmitSpeed: false,
      baseTime: Date.UTC(2024, 2, 1, 12),
      seed: 42,
    });
  });

  it("reads durations without a unit as milliseconds and base-time as epoch millis or ISO-8601", () => {
    expect(parseNexmarkOptions({ "rate.period": "1500" }).ratePeriodMs).toBe(1500);
    expect(parseNexmarkOptions({ "rate.period": "2h" }).ratePeriodMs).toBe(7_200_000);
    expect(parseNexmarkOptions({ "base-time": "0" }).baseTime).toBe(0);
    expect(parseNexmarkOptions({ "base-time": "2020-01-01" }).baseTime).toBe(Date.UTC(2020, 0, 1));
    expect(parseNexmarkOptions({ "base-time": "2020-01-01T01:00:00+01:00" }).baseTime).toBe(
      Date.UTC(2020, 0, 1),
    );
  });

  it.each([
    [{ "first-event.rate": "fast" }, "first-event.rate", "fast", "expected an integer"],
    [{ "first-event.rate": "0" }, "first-event.rate", "0", "[1, 2147483647]"],
    [{ "first-event.rate": "1.5" }, "first-event.rate", "1.5", "expected an integer"],
    [{ "events.num": "-1" }, "events.num", "-1", "[0, "],
    [{ "bid.hot-ratio.auctions": "0" }, "bid.hot-ratio.auctions", "0", "[1, "],
    [{ "rate.shape": "TRIANGLE" }, "rate.shape", "TRIANGLE", "SQUARE or SINE"],
    [{ "rate.period": "10 fortnights" }, "rate.period", "10 fortnights", "duration"],
    [{ "keep-alive": "yes" }, "keep-alive", "yes", "'true' or 'false'"],
    [{ "bid.avg-size": "100 parsecs" }, "bid.avg-size", "100 parsecs", "size"],
    [{ "person.avg-size": "4gb" }, "person.avg-size", "4gb", "at most"],
    [{ "base-time": "yesterday" }, "base-time", "yesterday", "ISO-8601"],
    [{ seed: "-3" }, "seed", "-3", "[0, "],
    [{ "first-event.rates": "10" }, "first-event.rates", "10", "did you mean 'first-event.rate'?"],
    [{ frobnicate: "1" }, "frobnicate", "1", "supported: first-event.rate"],
    [
      { "person.proportion": "0", "auction.proportion": "0", "bid.proportion": "0" },
      "bid.proportion",
      "0",
      "sum to 0",
    ],
  ])("rejects %o naming the option and the value", (withOptions, option, value, problem) => {
    const error = errorOf(withOptions);
    expect(error.option).toBe(option);
    expect(error.value).toBe(value);
    expect(error.message).toContain(`'${option}' = '${value}'`);
    expect(error.message).toContain(problem);
  });
});
