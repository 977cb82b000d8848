import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { valueKey } from "../../../src/engine/runtime/aggregates/value-key.ts";
import { random } from "../../infra/seeded-random.ts";
import { CASES, type Case, isPlainValue, sameValue } from "./cases.ts";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function rowKey(args: readonly SqlValue[]): string {
  return args.map((a) => String(valueKey(a))).join("\u0000");
}

function accumulateAll(c: Case, rows: readonly SqlValue[][]): SqlValue {
  const acc = c.fn.createAccumulator();
  for (const args of rows) c.fn.accumulate(acc, args);
  return c.fn.getValue(acc);
}

/**
 * A random changelog: inserts, and retractions of rows inserted earlier. A retraction names a value, and
 * the function removes the oldest live row equal to it (Flink's semantics), so the model does the same.
 */
function interleave(c: Case, seed: number): { ops: ["+" | "-", SqlValue[]][]; survivors: SqlValue[][] } {
  const rand = random(seed);
  const live: SqlValue[][] = [];
  const ops: ["+" | "-", SqlValue[]][] = [];
  for (let i = 0; i < 300; i++) {
    if (live.length > 0 && rand() < 0.4) {
      const victim = live[Math.floor(rand() * live.length)]!;
      const oldest = live.findIndex((row) => rowKey(row) === rowKey(victim));
      ops.push(["-", live[oldest]!]);
      live.splice(oldest, 1);
    } else {
      const args = c.row(rand, i);
      ops.push(["+", args]);
      live.push(args);
    }
  }
  return { ops, survivors: live };
}

describe.each(CASES.filter((c) => c.fn.supportsRetraction))("retraction property: $label", (c) => {
  it.each(SEEDS)("accumulate/retract interleaving equals accumulating the survivors (seed %i)", (seed) => {
    const { ops, survivors } = interleave(c, seed);
    const acc = c.fn.createAccumulator();
    for (const [op, args] of ops) {
      if (op === "+") c.fn.accumulate(acc, args);
      else c.fn.retract(acc, args);
    }
    const actual = c.fn.getValue(acc);
    const expected = accumulateAll(c, survivors);
    expect(sameValue(actual, expected, c.approximate), `${String(actual)} vs ${String(expected)}`).toBe(true);
  });
});

describe.each(CASES)("snapshot and restore: $label", (c) => {
  it.each(SEEDS.slice(0, 4))(
    "a restored accumulator continues exactly like the original (seed %i)",
    (seed) => {
      const { ops } = interleave(c, seed);
      const half = ops.length / 2;
      const original = c.fn.createAccumulator();
      const apply = (acc: unknown, [op, args]: ["+" | "-", SqlValue[]]) => {
        if (op === "+") c.fn.accumulate(acc, args);
        else if (c.fn.supportsRetraction) c.fn.retract(acc, args);
      };
      for (const op of ops.slice(0, half)) apply(original, op);
      const snapshot = c.fn.snapshot(original);
      expect(isPlainValue(snapshot)).toBe(true);
      const restored = c.fn.restore(structuredClone(snapshot));
      expect(sameValue(c.fn.getValue(restored), c.fn.getValue(original), c.approximate)).toBe(true);
      for (const op of ops.slice(half)) {
        apply(original, op);
        apply(restored, op);
        expect(sameValue(c.fn.getValue(restored), c.fn.getValue(original), c.approximate)).toBe(true);
      }
    },
  );
});

describe.each(CASES.filter((c) => c.fn.supportsMerge))("merge: $label", (c) => {
  it.each(SEEDS)("merge(acc(a), acc(b)) equals acc(a ∪ b) (seed %i)", (seed) => {
    const rand = random(seed);
    const rows = Array.from({ length: 120 }, (_, i) => c.row(rand, i));
    const split = Math.floor(rand() * rows.length);
    const a = c.fn.createAccumulator();
    const b = c.fn.createAccumulator();
    for (const [i, args] of rows.entries()) c.fn.accumulate(i < split ? a : b, args);
    c.fn.merge(a, b);
    expect(sameValue(c.fn.getValue(a), accumulateAll(c, rows), c.approximate)).toBe(true);
  });

  it("merging an empty accumulator changes nothing, either way round", () => {
    const rand = random(99);
    const rows = Array.from({ length: 20 }, (_, i) => c.row(rand, i));
    const expected = accumulateAll(c, rows);
    const full = c.fn.createAccumulator();
    for (const args of rows) c.fn.accumulate(full, args);
    c.fn.merge(full, c.fn.createAccumulator());
    expect(sameValue(c.fn.getValue(full), expected, c.approximate)).toBe(true);
    const empty = c.fn.createAccumulator();
    const other = c.fn.createAccumulator();
    for (const args of rows) c.fn.accumulate(other, args);
    c.fn.merge(empty, other);
    expect(sameValue(c.fn.getValue(empty), expected, c.approximate)).toBe(true);
  });
});

/**
 * Two-phase aggregation with retractions: each change lands in one of two partial accumulators, so a
 * partial may see a retraction without its row; merging must still cancel them. Not for order-dependent
 * results, nor for the Welford statistics, whose partials drop values once their count goes negative
 * (as Flink's WelfordM2AggFunction does).
 */
const TWO_PHASE = CASES.filter(
  (c) => c.fn.supportsMerge && c.fn.supportsRetraction && !c.ordered && !/^(VAR|STDDEV)/.test(c.label),
);

describe.each(TWO_PHASE)("merge with retractions: $label", (c) => {
  it.each(SEEDS)("partials split at random merge to the survivors' value (seed %i)", (seed) => {
    const { ops, survivors } = interleave(c, seed);
    const rand = random(seed + 1000);
    const parts = [c.fn.createAccumulator(), c.fn.createAccumulator()];
    for (const [op, args] of ops) {
      const acc = parts[rand() < 0.5 ? 0 : 1];
      if (op === "+") c.fn.accumulate(acc, args);
      else c.fn.retract(acc, args);
    }
    c.fn.merge(parts[0], parts[1]);
    expect(sameValue(c.fn.getValue(parts[0]), accumulateAll(c, survivors), c.approximate)).toBe(true);
  });
});

it("every case is covered by at least one property", () => {
  expect(CASES.every((c) => c.fn.supportsRetraction || c.fn.supportsMerge)).toBe(true);
});
