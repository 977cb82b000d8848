import { describe, expect, it } from "vitest";
import { OldestFirst } from "../../../src/engine/runtime/state/oldest-first.ts";

describe("OldestFirst", () => {
  it("walks oldest first and resumes where the previous walk stopped", () => {
    const map = new Map([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    const walk = new OldestFirst(map);
    expect(walk.next()).toEqual(["a", 1]);
    map.delete("a");
    // Moved to the back, as a read in the live tier does.
    map.delete("b");
    map.set("b", 2);
    map.set("d", 4);
    expect(walk.next()).toEqual(["c", 3]);
    map.delete("c");
    expect(walk.next()).toEqual(["b", 2]);
    expect(walk.next()).toEqual(["d", 4]);
  });

  it("starts again once it has walked past the last entry", () => {
    const map = new Map([["a", 1]]);
    const walk = new OldestFirst(map);
    expect(walk.next()).toEqual(["a", 1]);
    map.delete("a");
    expect(walk.next()).toBeUndefined();
    map.set("e", 5);
    expect(walk.next()).toEqual(["e", 5]);
  });

  it("keeps its place across the rehashes of a Map that grows and shrinks", () => {
    const map = new Map<number, number>();
    const walk = new OldestFirst(map);
    for (let i = 0; i < 10; i++) map.set(i, i);
    const seen: number[] = [];
    for (let round = 0; round < 1000; round++) {
      const [key] = walk.next()!;
      seen.push(key);
      map.delete(key);
      map.set(10 + round, 10 + round);
    }
    expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
