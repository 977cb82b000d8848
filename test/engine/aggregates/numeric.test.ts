import { describe, expect, it } from "vitest";
import { t } from "../../../src/sql/types/constructors.ts";
import { agg, minus, over, plus, trace } from "./helpers.ts";

describe("COUNT", () => {
  it("COUNT(*) counts rows, retraction subtracts", () => {
    expect(trace(agg("COUNT", []), [plus(), plus(), minus(), plus()])).toEqual([1, 2, 1, 2]);
  });

  it("COUNT(x) skips NULLs; COUNT(x, y) needs all non-NULL", () => {
    expect(trace(agg("COUNT", [t.int()]), [plus(1), plus(null), plus(3), minus(null), minus(1)])).toEqual([
      1, 1, 2, 2, 1,
    ]);
    expect(trace(agg("COUNT", [t.int(), t.int()]), [plus(1, 2), plus(1, null), plus(null, null)])).toEqual([
      1, 1, 1,
    ]);
  });

  it("COUNT(DISTINCT x) counts each value once and survives retraction of duplicates", () => {
    const fn = agg("COUNT", [t.string()], { distinct: true });
    expect(
      trace(fn, [plus("a"), plus("a"), plus("b"), minus("a"), minus("a"), plus(null), minus("b")]),
    ).toEqual([1, 1, 2, 2, 1, 1, 0]);
  });

  it("COUNT(DISTINCT a, b) distinguishes tuples", () => {
    const fn = agg("COUNT", [t.int(), t.string()], { distinct: true });
    expect(trace(fn, [plus(1, "x"), plus(1, "y"), plus(1, "x"), minus(1, "x"), minus(1, "x")])).toEqual([
      1, 2, 2, 2, 1,
    ]);
  });
});

describe("SUM and SUM0", () => {
  it("SUM is NULL without non-NULL input and again once everything is retracted", () => {
    expect(trace(agg("SUM", [t.int()]), [plus(null), plus(5), plus(7), minus(5), minus(7)])).toEqual([
      null,
      5,
      12,
      7,
      null,
    ]);
  });

  it("SUM0 is 0 for an empty group", () => {
    expect(trace(agg("SUM0", [t.bigint()]), [plus(null), plus(4), minus(4)])).toEqual([0, 4, 0]);
  });

  it("SUM of INT wraps as Java int arithmetic; TINYINT and SMALLINT likewise", () => {
    expect(over(agg("SUM", [t.int()]), [2147483647, 1])).toBe(-2147483648);
    expect(over(agg("SUM", [t.tinyint()]), [127, 1])).toBe(-128);
    expect(over(agg("SUM", [t.smallint()]), [32767, 2])).toBe(-32767);
  });

  it("SUM of BIGINT past ±2^53 is an error naming the function", () => {
    expect(() => over(agg("SUM", [t.bigint()]), [Number.MAX_SAFE_INTEGER, 1])).toThrow(
      "SUM: overflowed the supported BIGINT range ±2^53",
    );
  });

  it("SUM of FLOAT rounds to float32 at every step, DOUBLE does not", () => {
    expect(over(agg("SUM", [t.float()]), [Math.fround(0.1), Math.fround(0.2)])).toBe(
      Math.fround(Math.fround(0.1) + Math.fround(0.2)),
    );
    expect(over(agg("SUM", [t.double()]), [0.1, 0.2])).toBe(0.1 + 0.2);
  });

  it("SUM of DECIMAL(10, 2) keeps the scale: 1.25 + 2.50 - 1.25", () => {
    expect(trace(agg("SUM", [t.decimal(10, 2)]), [plus(125n), plus(250n), minus(125n)])).toEqual([
      125n,
      375n,
      250n,
    ]);
  });

  it("SUM of DECIMAL overflows to NULL and restarts from the next value, as Flink", () => {
    const max = 10n ** 38n - 1n;
    expect(trace(agg("SUM", [t.decimal(38, 0)]), [plus(max), plus(max), plus(1n)])).toEqual([max, null, 1n]);
  });

  it("SUM0 of DECIMAL stays NULL after an overflow", () => {
    const max = 10n ** 38n - 1n;
    expect(trace(agg("SUM0", [t.decimal(38, 0)]), [plus(max), plus(1n), plus(1n)])).toEqual([
      max,
      null,
      null,
    ]);
  });

  it("SUM(DISTINCT x) adds each value once", () => {
    expect(
      trace(agg("SUM", [t.int()], { distinct: true }), [plus(3), plus(3), plus(4), minus(3), minus(3)]),
    ).toEqual([3, 3, 7, 7, 4]);
  });
});

describe("AVG", () => {
  it("AVG of INT truncates toward zero: (1 + 2) / 2 = 1, (-1 + -2) / 2 = -1", () => {
    expect(over(agg("AVG", [t.int()]), [1, 2])).toBe(1);
    expect(over(agg("AVG", [t.int()]), [-1, -2])).toBe(-1);
  });

  it("AVG follows retraction and is NULL when empty", () => {
    expect(trace(agg("AVG", [t.bigint()]), [plus(10), plus(20), plus(null), minus(10), minus(20)])).toEqual([
      10,
      15,
      15,
      20,
      null,
    ]);
  });

  it("AVG of INT sums as BIGINT, so it does not wrap at 2^31", () => {
    expect(over(agg("AVG", [t.int()]), [2147483647, 2147483647])).toBe(2147483647);
  });

  it("AVG of DOUBLE and FLOAT", () => {
    expect(over(agg("AVG", [t.double()]), [1, 2])).toBe(1.5);
    expect(over(agg("AVG", [t.float()]), [Math.fround(0.1), Math.fround(0.2)])).toBe(
      Math.fround((Math.fround(0.1) + Math.fround(0.2)) / 2),
    );
  });

  it("AVG of DECIMAL(10, 2) is DECIMAL(38, 6), rounded HALF_UP", () => {
    // (1.00 + 1.00 + 2.00) / 3 = 1.333333(3) → 1.333333; (0.01 + 0.00 + 0.00) / 3 → 0.003333
    expect(over(agg("AVG", [t.decimal(10, 2)]), [100n, 100n, 200n])).toBe(1333333n);
    expect(over(agg("AVG", [t.decimal(10, 2)]), [1n, 0n, 0n])).toBe(3333n);
    // 2 / 3 = 0.6666666... → 0.666667 (half up); -2 / 3 → -0.666667
    expect(over(agg("AVG", [t.decimal(10, 0)]), [2n, 0n, 0n])).toBe(666667n);
    expect(over(agg("AVG", [t.decimal(10, 0)]), [-2n, 0n, 0n])).toBe(-666667n);
  });

  it("AVG of DECIMAL(10, 8) keeps scale 8", () => {
    expect(over(agg("AVG", [t.decimal(10, 8)]), [1n, 2n])).toBe(2n); // 0.000000015 → 0.00000002
  });
});

describe("variance and standard deviation", () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];
  it("population and sample statistics of DOUBLE", () => {
    expect(over(agg("VAR_POP", [t.double()]), values)).toBeCloseTo(4, 12);
    expect(over(agg("STDDEV_POP", [t.double()]), values)).toBeCloseTo(2, 12);
    expect(over(agg("VAR_SAMP", [t.double()]), values)).toBeCloseTo(32 / 7, 12);
    expect(over(agg("STDDEV_SAMP", [t.double()]), values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(over(agg("VARIANCE", [t.double()]), values)).toBeCloseTo(32 / 7, 12);
    expect(over(agg("STDDEV", [t.double()]), values)).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it("sample statistics of one value are NULL, population ones 0; empty is NULL", () => {
    expect(over(agg("VAR_SAMP", [t.double()]), [3])).toBeNull();
    expect(over(agg("VAR_POP", [t.double()]), [3])).toBe(0);
    expect(over(agg("STDDEV_POP", [t.double()]), [])).toBeNull();
  });

  it("INT input gives an INT result, truncated", () => {
    expect(over(agg("VAR_SAMP", [t.int()]), values)).toBe(4); // 4.571...
    expect(over(agg("STDDEV_SAMP", [t.int()]), values)).toBe(2); // 2.138...
  });

  it("DECIMAL input gives DECIMAL(38, 6)", () => {
    expect(over(agg("VAR_SAMP", [t.decimal(5, 1)]), [10n, 20n])).toBe(500000n); // (1.0, 2.0) → 0.5
  });

  it("retraction restores the statistics of the remaining values", () => {
    const fn = agg("VAR_POP", [t.double()]);
    const acc = fn.createAccumulator();
    for (const v of [1, 100, 2, 3]) fn.accumulate(acc, [v]);
    fn.retract(acc, [100]);
    expect(fn.getValue(acc)).toBeCloseTo(2 / 3, 10);
    fn.retract(acc, [1]);
    fn.retract(acc, [2]);
    fn.retract(acc, [3]);
    expect(fn.getValue(acc)).toBeNull();
  });
});
