// The three tiers of a SpillableMap: live values, encoded values in memory (within a budget the
// states share, counted exactly), then disk. Entries move down least recently used first and come back equal when
// read; checkpoints see every tier (incremental changes and whole snapshots); a codec that loses
// information is caught by the same round trip.
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Row, SqlValue } from "../../../src/common/value.ts";
import { EncodedTierBudget } from "../../../src/engine/runtime/state/encoded-tier-budget.ts";
import {
  SpillableMap,
  type StateCodec,
  sqlValueCodec,
} from "../../../src/engine/runtime/state/spillable-map.ts";
import { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { decodeRow, encodeRow } from "../../../src/store/row-codec.ts";
import { tempDir } from "../../store/temp-dir.ts";

const LIVE_BUDGET = 16 * 1024;
const ENCODED_BUDGET = 256 * 1024;

const spills: StateSpill[] = [];
afterEach(() => {
  for (const spill of spills.splice(0)) spill.close();
});

function tiered<V>(codec: StateCodec<V>, encodedBudget = ENCODED_BUDGET): SpillableMap<string, V> {
  const tier = encodedBudget > 0 ? new EncodedTierBudget(encodedBudget) : undefined;
  const spill = new StateSpill(path.join(tempDir(), "spill"), LIVE_BUDGET, tier);
  spills.push(spill);
  return new SpillableMap(codec, spill);
}

/**
 * A row of mixed types of about 130 encoded bytes: a number, a bigint, a NULL, text beyond latin1 (the
 * encoded tier keeps UTF-8 bytes as latin1 characters: every byte value must come back), bytes, a boolean.
 */
const row = (i: number): Row => [
  i,
  BigInt(i) * 1_000_000_007n,
  null,
  `customer-${i}-é✓😀-${"x".repeat(80)}`,
  new Uint8Array([i & 255, 0, 255, 128]),
  i % 2 === 0,
];

const KEYS = 6000;

function filled<V>(
  codec: StateCodec<V>,
  value: (i: number) => V,
  encodedBudget?: number,
): SpillableMap<string, V> {
  const state = tiered(codec, encodedBudget);
  for (let i = 0; i < KEYS; i++) state.set(`k${i}`, value(i));
  return state;
}

function tiersOf(state: SpillableMap<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = { live: 0, encoded: 0, disk: 0 };
  for (let i = 0; i < KEYS; i++) counts[state.tierOf(`k${i}`) ?? "none"]! += 1;
  return counts;
}

function firstIn(state: SpillableMap<string, unknown>, tier: "live" | "encoded" | "disk"): string {
  for (let i = 0; i < KEYS; i++) if (state.tierOf(`k${i}`) === tier) return `k${i}`;
  throw new Error(`no key in the ${tier} tier`);
}

describe("SpillableMap's encoded tier", () => {
  it("keeps entries beyond the live budget encoded in memory, the oldest beyond its budget on disk", () => {
    const state = filled(sqlValueCodec<Row>(), row);
    const counts = tiersOf(state);
    expect(counts.live! + counts.encoded! + counts.disk!).toBe(KEYS);
    expect(counts.live).toBeGreaterThan(0);
    expect(counts.encoded).toBeGreaterThan(500);
    expect(counts.disk).toBeGreaterThan(500);
    expect(state.encodedCount).toBe(counts.encoded);
    expect(state.spilled).toBe(counts.disk);
    expect(state.encodedSize).toBeLessThanOrEqual(ENCODED_BUDGET);
    // Least recently used first: the first keys written went furthest, the last stayed live.
    expect(state.tierOf("k0")).toBe("disk");
    expect(state.tierOf(`k${KEYS - 1}`)).toBe("live");
  });

  it("reads every entry back equal, from each tier, into the live tier", () => {
    const state = filled(sqlValueCodec<Row>(), row);
    const encodedKey = firstIn(state, "encoded");
    expect(state.get(encodedKey)).toEqual(row(Number(encodedKey.slice(1))));
    expect(state.tierOf(encodedKey)).toBe("live");
    expect(state.get("k0")).toEqual(row(0));
    expect(state.tierOf("k0")).toBe("live");
    for (let i = 0; i < KEYS; i += 3) expect(state.get(`k${i}`)).toEqual(row(i));
    expect(state.size).toBe(KEYS);
    expect(state.encodedSize).toBeLessThanOrEqual(ENCODED_BUDGET);
    // Overwrites, deletes and takes reach whichever tier holds the key.
    for (let i = 1; i < KEYS; i += 3) state.set(`k${i}`, row(i + 1));
    for (let i = 2; i < KEYS; i += 6) state.delete(`k${i}`);
    for (let i = 5; i < KEYS; i += 6) expect(state.take(`k${i}`)).toEqual(row(i));
    const expected = new Map<string, Row>();
    for (let i = 0; i < KEYS; i++) {
      if (i % 6 === 2 || i % 6 === 5) continue;
      expected.set(`k${i}`, i % 3 === 1 ? row(i + 1) : row(i));
    }
    expect(state.size).toBe(expected.size);
    expect(new Map(state.entries())).toEqual(expected);
  });

  it("shares one encoded budget between states: the state whose entries are read back least spills", () => {
    const tier = new EncodedTierBudget(ENCODED_BUDGET);
    const [hot, cold] = [1, 2].map((n) => {
      const spill = new StateSpill(path.join(tempDir(), `spill-${n}`), LIVE_BUDGET, tier);
      spills.push(spill);
      return new SpillableMap(sqlValueCodec<Row>(), spill);
    });
    const HOT_KEYS = 1000;
    for (let i = 0; i < HOT_KEYS; i++) hot!.set(`k${i}`, row(i));
    expect(hot!.encodedSize).toBeGreaterThan(0);
    // The cold state writes keys seen once (transactions); the hot one reads its keys back all the
    // time (customers): both churn through the encoded tier, only the cold one goes to disk.
    for (let i = 0; i < KEYS; i++) {
      cold!.set(`k${i}`, row(i));
      expect(hot!.get(`k${(i * 7) % HOT_KEYS}`)).toEqual(row((i * 7) % HOT_KEYS));
    }
    expect(tier.usedBytes).toBe(hot!.encodedSize + cold!.encodedSize);
    expect(tier.usedBytes).toBeLessThanOrEqual(ENCODED_BUDGET);
    expect(cold!.spilled).toBeGreaterThan(KEYS / 2);
    expect(hot!.spilled).toBe(0);
    for (let i = 0; i < KEYS; i += 13) expect(cold!.get(`k${i}`)).toEqual(row(i));
    for (let i = 0; i < HOT_KEYS; i += 13) expect(hot!.get(`k${i}`)).toEqual(row(i));
    // Whatever leaves the tier is counted out of it: emptied, both states give back all they counted.
    hot!.clear();
    expect(tier.usedBytes).toBe(cold!.encodedSize);
    // A closed spill (its job ended) gives back what its states still counted, and its states are
    // never chosen to make room again.
    spills.at(-1)!.close();
    expect(tier.usedBytes).toBe(0);
    for (let i = 0; i < KEYS; i++) hot!.set(`k${i}`, row(i));
    expect(tier.usedBytes).toBeLessThanOrEqual(ENCODED_BUDGET);
    expect(hot!.spilled).toBeGreaterThan(0);
  });

  it("with no encoded tier, goes straight from live to disk", () => {
    const state = filled(sqlValueCodec<Row>(), row, 0);
    expect(state.encodedCount).toBe(0);
    expect(state.spilled).toBeGreaterThan(KEYS - 200);
    for (let i = 0; i < KEYS; i += 11) expect(state.get(`k${i}`)).toEqual(row(i));
  });

  it("gives checkpoints the keys touched in every tier, and a whole snapshot that restores equal", () => {
    const state = filled(sqlValueCodec<Row>(), row);
    state.checkpointed();
    const encodedKey = firstIn(state, "encoded");
    const touched = ["k0", encodedKey, `k${KEYS - 1}`];
    expect(touched.map((k) => state.tierOf(k))).toEqual(["disk", "encoded", "live"]);
    // Peeking (what a checkpoint does) moves nothing and marks nothing.
    for (const key of touched) {
      expect(state.peekEncoded(key)).toEqual(row(Number(key.slice(1))));
      expect(state.changesSinceCheckpoint()!.size).toBe(0);
    }
    expect(state.tierOf(encodedKey)).toBe("encoded");
    state.set("k0", row(-1));
    state.delete(encodedKey);
    state.get(`k${KEYS - 1}`);
    expect([...state.changesSinceCheckpoint()!].sort()).toEqual([...touched].sort());
    expect(state.peekEncoded("k0")).toEqual(row(-1));
    expect(state.peekEncoded(encodedKey)).toBeUndefined();

    // A whole snapshot through the row codec, as a checkpoint file holds it, restored into a fresh map.
    const snapshot = decodeRow(encodeRow([state.checkpointView()]))[0] as Map<SqlValue, SqlValue>;
    expect(snapshot.size).toBe(KEYS - 1);
    const restored = tiered(sqlValueCodec<Row>());
    for (const [key, value] of snapshot) restored.set(key as string, value as Row);
    expect(new Map(restored.entries())).toEqual(new Map(state.entries()));
    expect(restored.encodedCount).toBeGreaterThan(0);
    expect(restored.spilled).toBeGreaterThan(0);
  });

  it("keeps the entries of a codec's own encoding (an aggregate's accumulators) equal through the tiers", () => {
    // A value that is no SQL value as such: a class instance with a bigint sum, encoded as a row.
    class Sum {
      readonly count: number;
      readonly total: bigint;
      constructor(count: number, total: bigint) {
        this.count = count;
        this.total = total;
      }
    }
    const codec: StateCodec<Sum> = {
      encode: (v) => [v.count, v.total],
      decode: (saved) => {
        const [count, total] = saved as [number, bigint];
        return new Sum(count, total);
      },
    };
    const state = filled(codec, (i) => new Sum(i, BigInt(i) ** 3n));
    expect(state.encodedCount).toBeGreaterThan(0);
    for (let i = 0; i < KEYS; i += 5) {
      const sum = state.get(`k${i}`)!;
      expect(sum).toBeInstanceOf(Sum);
      expect(sum).toEqual(new Sum(i, BigInt(i) ** 3n));
    }
  });

  it("fails the round trip with a codec that loses information", () => {
    const lossy: StateCodec<Row> = {
      encode: (value) => value.slice(0, -1),
      decode: (saved) => [...(saved as Row), false],
    };
    const state = filled(lossy, row);
    const wrong = [...Array(KEYS).keys()].filter((i) => {
      const read = state.get(`k${i}`)!;
      return (
        JSON.stringify(read, (_, v) => (typeof v === "bigint" ? String(v) : v)) !==
        JSON.stringify(row(i), (_, v) => (typeof v === "bigint" ? String(v) : v))
      );
    });
    // Every even key that left the live tier comes back with its last column changed.
    expect(wrong.length).toBeGreaterThan(KEYS / 2 - 200);
  });
});
