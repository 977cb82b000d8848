// The per-join-key arrival lists and the identity hash table of record-grain join state, against a
// plain model (arrays and Maps) through long random sequences of adds and removals: every join key's
// records in arrival order after each step, every identity's record found, none lost by a compaction
// or a backward shift.
import { describe, expect, it } from "vitest";
import { ArrivalsByIdentity } from "../../../../src/engine/runtime/operators/join/arrivals-by-identity.ts";
import { JoinKeyArrivals } from "../../../../src/engine/runtime/operators/join/join-key-arrivals.ts";
import type { StateKey } from "../../../../src/engine/runtime/operators/join/join-matcher.ts";

function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

function arrivalsOf(index: JoinKeyArrivals, joinKey: StateKey): number[] {
  const into: number[] = [];
  return into.slice(0, index.arrivalsOf(joinKey, into));
}

describe("JoinKeyArrivals", () => {
  it("keeps each join key's records in arrival order through removals anywhere and compactions", () => {
    const rand = random(3);
    const index = new JoinKeyArrivals();
    const model = new Map<number, number[]>();
    let next = 0;
    for (let step = 0; step < 20_000; step++) {
      // Few join keys with many records (the compaction of large lists) and many with one or two.
      const joinKey = rand(2) === 0 ? rand(3) : 3 + rand(200);
      const held = model.get(joinKey) ?? [];
      if (held.length > 0 && rand(5) < 2) {
        const arrival = held.splice(rand(held.length), 1)[0]!;
        index.remove(joinKey, arrival);
      } else {
        index.append(joinKey, next);
        held.push(next++);
      }
      if (held.length === 0) model.delete(joinKey);
      else model.set(joinKey, held);
      if (step % 97 === 0)
        for (const [key, arrivals] of model) expect(arrivalsOf(index, key)).toEqual(arrivals);
    }
    for (const [key, arrivals] of model) expect(arrivalsOf(index, key)).toEqual(arrivals);
    expect(index.joinKeys).toBe(model.size);
    expect(model.get(0)!.length).toBeGreaterThan(500);
  });

  it("removes a record once: a second removal, or one under another join key, changes nothing", () => {
    const index = new JoinKeyArrivals();
    for (let arrival = 0; arrival < 10; arrival++) index.append("k", arrival);
    index.remove("k", 4);
    index.remove("k", 4);
    index.remove("other", 5);
    index.append("one", 20);
    index.remove("one", 21);
    expect(arrivalsOf(index, "one")).toEqual([20]);
    expect(arrivalsOf(index, "k")).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    for (const arrival of [0, 1, 2, 3, 5, 6, 7, 8]) index.remove("k", arrival);
    expect(arrivalsOf(index, "k")).toEqual([9]);
    index.append("k", 10);
    expect(arrivalsOf(index, "k")).toEqual([9, 10]);
    index.remove("k", 10);
    index.remove("k", 9);
    expect(arrivalsOf(index, "k")).toEqual([]);
    expect(index.joinKeys).toBe(1);
  });
});

describe("ArrivalsByIdentity", () => {
  it("finds every stored arrival by its hash through growth and backward-shift deletions", () => {
    const rand = random(5);
    const table = new ArrivalsByIdentity();
    const model = new Map<number, number>();
    // Few distinct hashes (many records share one) and clustered ones (long probe runs).
    const hashOf = (arrival: number): number => (rand(4) === 0 ? 7 : (arrival * 16) % 4096);
    const hashes = new Map<number, number>();
    let next = 0;
    for (let step = 0; step < 30_000; step++) {
      if (model.size > 0 && rand(5) < 2) {
        const arrival = [...model.keys()][rand(model.size)]!;
        table.delete(model.get(arrival)!, arrival);
        model.delete(arrival);
      } else {
        const hash = hashOf(next);
        table.add(hash, next);
        model.set(next++, hash);
      }
      hashes.clear();
      if (step % 199 !== 0) continue;
      for (const hash of model.values()) hashes.set(hash, (hashes.get(hash) ?? 0) + 1);
      const into: number[] = [];
      for (const [hash, count] of hashes) {
        const found = into.slice(0, table.candidates(hash, into));
        expect(found.length).toBe(count);
        for (const arrival of found) expect(model.get(arrival)).toBe(hash);
      }
    }
    expect(table.size).toBe(model.size);
    const into: number[] = [];
    for (const [arrival, hash] of model)
      expect(into.slice(0, table.candidates(hash, into))).toContain(arrival);
    expect(table.candidates(12345, into)).toBe(0);
  });

  it("deleting an arrival not stored under the hash changes nothing", () => {
    const table = new ArrivalsByIdentity();
    table.add(1, 10);
    table.add(1, 11);
    table.delete(1, 12);
    table.delete(2, 10);
    const into: number[] = [];
    expect(into.slice(0, table.candidates(1, into))).toEqual([10, 11]);
    table.delete(1, 10);
    expect(into.slice(0, table.candidates(1, into))).toEqual([11]);
  });
});
