import { describe, expect, it } from "vitest";
import { ValueCounts } from "../../../src/engine/runtime/aggregates/value-counts.ts";

describe("ValueCounts", () => {
  it("gives back composite values as first seen, and scalars as themselves, through retractions", () => {
    const counts = new ValueCounts();
    const bytes = new Uint8Array([1, 2, 3]);
    counts.add(7, 1);
    counts.add("seven", 2);
    counts.add([1, "a"], 1);
    counts.add(bytes, 1);
    // An equal array arriving later counts toward the same value, which keeps its first instance.
    const first = counts.toPairs().find((p) => Array.isArray((p as unknown[])[0]))!;
    expect(counts.add([1, "a"], 1)).toBe(1);
    expect(counts.toPairs()).toEqual([
      [7, 1],
      ["seven", 2],
      [[1, "a"], 2],
      [bytes, 1],
    ]);
    expect((counts.toPairs()[2] as unknown[])[0]).toBe((first as unknown[])[0]);
    counts.add([1, "a"], -2);
    counts.add(7, -1);
    expect(counts.toPairs()).toEqual([
      ["seven", 2],
      [bytes, 1],
    ]);
    // A retraction before its row is kept as a negative count, and restored as such.
    counts.add([2], -1);
    const restored = ValueCounts.fromPairs(counts.toPairs());
    expect(restored.toPairs()).toEqual([
      ["seven", 2],
      [bytes, 1],
      [[2], -1],
    ]);
    expect(restored.size).toBe(3);
  });
});
