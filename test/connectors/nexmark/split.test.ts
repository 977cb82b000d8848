import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { NexmarkGenerator, NexmarkSplit } from "../../../src/connectors/nexmark/index.ts";

describe("nexmark splits", () => {
  const generator = NexmarkGenerator.fromWithOptions({ "events.num": "10007" });
  const serial = generator.generate(0, 20_000);

  it.each([1, 2, 3, 8])("are disjoint and together equal the serial stream (p = %i)", (parallelism) => {
    const byIndex = new Map<number, Row>();
    for (let i = 0; i < parallelism; i++) {
      const split = new NexmarkSplit(generator, i, parallelism);
      let position = split.position;
      while (split.hasNext()) {
        for (const row of split.nextBatch(997)) {
          expect(byIndex.has(position)).toBe(false);
          byIndex.set(position, row);
          position += parallelism;
        }
      }
      expect(split.nextBatch(10)).toEqual([]);
    }
    expect(serial).toHaveLength(10_007);
    expect(byIndex.size).toBe(serial.length);
    serial.forEach((row, index) => {
      expect(byIndex.get(index)).toEqual(row);
    });
  });

  it("keeps every split's event time non-decreasing", () => {
    const split = new NexmarkSplit(generator, 2, 3);
    const times = split.nextBatch(5_000).map((r) => r[4] as number);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
  });

  it("resumes from a saved position with the same rows", () => {
    const first = new NexmarkSplit(generator, 1, 4);
    first.nextBatch(100);
    const saved = first.position;
    const rest = first.nextBatch(50);
    expect(new NexmarkSplit(generator, 1, 4, saved).nextBatch(50)).toEqual(rest);
    expect(() => new NexmarkSplit(generator, 1, 4, saved + 1)).toThrow(RangeError);
    expect(() => new NexmarkSplit(generator, 4, 4)).toThrow(RangeError);
  });
});
