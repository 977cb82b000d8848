import { describe, expect, it } from "vitest";
import { parseDuration, parseMemorySize } from "../../../src/connectors/framework/option-values.ts";

describe("Flink option values", () => {
  it("reads durations in every unit spelling Flink accepts, a bare number as milliseconds", () => {
    expect(parseDuration("500")).toBe(500);
    expect(parseDuration("10s")).toBe(10_000);
    expect(parseDuration("1 min")).toBe(60_000);
    expect(parseDuration("2 hours")).toBe(7_200_000);
    expect(parseDuration("7 d")).toBe(604_800_000);
    expect(parseDuration("250 µs")).toBeCloseTo(0.25);
    expect(parseDuration("5000000 ns")).toBeCloseTo(5);
    expect(parseDuration("3 fortnights")).toBeUndefined();
    expect(parseDuration("-1 s")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });

  it("reads memory sizes as binary multiples, a bare number as bytes", () => {
    expect(parseMemorySize("4096")).toBe(4096);
    expect(parseMemorySize("2kb")).toBe(2048);
    expect(parseMemorySize("128 mebibytes")).toBe(128 * 1024 ** 2);
    expect(parseMemorySize("1 gb")).toBe(1024 ** 3);
    expect(parseMemorySize("1 tb")).toBeUndefined();
    expect(parseMemorySize("1.5 mb")).toBeUndefined();
  });
});
