import { describe, expect, it } from "vitest";
import type { SqlValue } from "../../../src/common/value.ts";
import { createWindowFunction, type OrderedPartition } from "../../../src/engine/runtime/aggregates/index.ts";

/** A partition sorted by `keys`; each row's call arguments are `args[i]`. */
function partition(keys: readonly number[], args: readonly SqlValue[][] = []): OrderedPartition {
  return {
    size: keys.length,
    isPeer: (a, b) => keys[a] === keys[b],
    args: (i) => args[i] ?? [],
  };
}

function all(name: string, p: OrderedPartition): SqlValue[] {
  const out: SqlValue[] = [];
  createWindowFunction(name).evaluateAll(p, out);
  return out;
}

function byRow(name: string, p: OrderedPartition): SqlValue[] {
  const fn = createWindowFunction(name);
  return Array.from({ length: p.size }, (_, i) => fn.evaluateRow(p, i));
}

describe("ranking functions", () => {
  // ORDER BY key: 10, 20, 20, 30, 30, 30, 40
  const ranked = partition([10, 20, 20, 30, 30, 30, 40]);
  const cases: [string, SqlValue[]][] = [
    ["ROW_NUMBER", [1, 2, 3, 4, 5, 6, 7]],
    ["RANK", [1, 2, 2, 4, 4, 4, 7]],
    ["DENSE_RANK", [1, 2, 2, 3, 3, 3, 4]],
    ["PERCENT_RANK", [0, 1 / 6, 1 / 6, 3 / 6, 3 / 6, 3 / 6, 1]],
    ["CUME_DIST", [1 / 7, 3 / 7, 3 / 7, 6 / 7, 6 / 7, 6 / 7, 1]],
  ];

  it.each(cases)("%s over a partition with ties", (name, expected) => {
    expect(all(name, ranked)).toEqual(expected);
    expect(byRow(name, ranked)).toEqual(expected);
  });

  it("a single row: PERCENT_RANK 0, CUME_DIST 1", () => {
    expect(all("PERCENT_RANK", partition([1]))).toEqual([0]);
    expect(all("CUME_DIST", partition([1]))).toEqual([1]);
  });
});

describe("NTILE", () => {
  const ntile = (n: number, k: SqlValue) =>
    partition(
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, () => [k]),
    );

  it("puts the extra rows in the first buckets: 10 rows into 4 → 3, 3, 2, 2", () => {
    expect(all("NTILE", ntile(10, 4))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4]);
    expect(byRow("NTILE", ntile(10, 4))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4]);
  });

  it("more buckets than rows gives one row per bucket; even split is even", () => {
    expect(all("NTILE", ntile(3, 5))).toEqual([1, 2, 3]);
    expect(all("NTILE", ntile(6, 3))).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it("NULL bucket count gives NULL", () => {
    expect(all("NTILE", ntile(2, null))).toEqual([null, null]);
  });
});

describe("LAG and LEAD", () => {
  const values = [[10], [20], [30], [40]];
  it("default offset 1, NULL past the edge", () => {
    const p = partition([1, 2, 3, 4], values);
    expect(all("LAG", p)).toEqual([null, 10, 20, 30]);
    expect(all("LEAD", p)).toEqual([20, 30, 40, null]);
    expect(byRow("LAG", p)).toEqual([null, 10, 20, 30]);
  });

  it("offset and default from the row's arguments", () => {
    const p = partition(
      [1, 2, 3, 4],
      values.map(([v]) => [v!, 2, -1]),
    );
    expect(all("LAG", p)).toEqual([-1, -1, 10, 20]);
    expect(all("LEAD", p)).toEqual([30, 40, -1, -1]);
  });

  it("a NULL value is returned as is, not replaced by the default", () => {
    const p = partition(
      [1, 2],
      [
        [null, 1, 0],
        [5, 1, 0],
      ],
    );
    expect(all("LAG", p)).toEqual([0, null]);
  });
});
