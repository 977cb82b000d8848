// The spill file's Bloom filter: it must never hide a key that was added (a lost state entry), and
// its false positives — absent keys that pass — must stay near the 1 % it is sized for.
import { describe, expect, it } from "vitest";
import { KeyFilter } from "../../../src/store/spill/key-filter.ts";

describe("KeyFilter", () => {
  it("passes every key added to it", () => {
    const filter = new KeyFilter(50_000);
    for (let i = 0; i < 50_000; i++) filter.add(`TXN${String(i).padStart(9, "0")}`);
    for (let i = 0; i < 50_000; i++)
      expect(filter.mightContain(`TXN${String(i).padStart(9, "0")}`)).toBe(true);
  });

  it("lets about 1 % of absent keys through at its capacity, and says when it is past it", () => {
    const filter = new KeyFilter(100_000);
    for (let i = 0; i < 100_000; i++) filter.add(`ITEM-${i}`);
    expect(filter.full).toBe(false);
    let passed = 0;
    const probes = 100_000;
    for (let i = 0; i < probes; i++) if (filter.mightContain(`ITEM-${100_000 + i}`)) passed++;
    // Ten bits and seven probes per key: 0.8 % in theory.
    expect(passed / probes).toBeGreaterThan(0);
    expect(passed / probes).toBeLessThan(0.02);
    filter.add("one more");
    filter.add("and another");
    expect(filter.full).toBe(true);
  });

  it("tells apart keys that differ in one character, including non-ASCII ones", () => {
    const filter = new KeyFilter(1024);
    filter.add("Zürich\u0000a");
    expect(filter.mightContain("Zürich\u0000a")).toBe(true);
    let passed = 0;
    for (const k of ["Zürich\u0000b", "Zurich\u0000a", "Zürich\u0000", "Zürich\u0000aa"])
      if (filter.mightContain(k)) passed++;
    expect(passed).toBe(0);
  });
});
