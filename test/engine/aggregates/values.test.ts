import { describe, expect, it } from "vitest";
import { UnsupportedAggregateOperation } from "../../../src/engine/runtime/aggregates/index.ts";
import { t } from "../../../src/sql/types/constructors.ts";
import { agg, minus, over, plus, trace } from "./helpers.ts";

describe("MIN and MAX", () => {
  it("MAX over 5, 3, 7 then retract 7 → 5", () => {
    expect(trace(agg("MAX", [t.int()]), [plus(5), plus(3), plus(7), minus(7)])).toEqual([5, 5, 7, 5]);
  });

  it("keeps duplicates: retracting one of two copies of the extreme keeps it", () => {
    expect(trace(agg("MIN", [t.int()]), [plus(2), plus(2), plus(9), minus(2), minus(2), minus(9)])).toEqual([
      2,
      2,
      2,
      2,
      9,
      null,
    ]);
  });

  it("ignores NULLs", () => {
    expect(trace(agg("MAX", [t.int()]), [plus(null), plus(1), minus(null)])).toEqual([null, 1, 1]);
  });

  it("orders strings by code point, not UTF-16 unit", () => {
    // U+FF5E (a BMP character above the surrogates) is below U+1F600 (a surrogate pair) by code point.
    expect(over(agg("MAX", [t.string()]), ["\uff5e", "😀", "a"])).toBe("😀");
    expect(over(agg("MIN", [t.string()]), ["b", "ab", "abc"])).toBe("ab");
  });

  it("orders DECIMAL bigints, timestamps and booleans", () => {
    expect(over(agg("MAX", [t.decimal(20, 2)]), [10n ** 19n, -5n, 3n])).toBe(10n ** 19n);
    expect(over(agg("MIN", [t.timestamp(3)]), [1_700_000_000_000, 1_600_000_000_000])).toBe(
      1_600_000_000_000,
    );
    expect(over(agg("MIN", [t.boolean()]), [true, false])).toBe(false);
  });

  it("a retraction that arrives before its row is cancelled by it", () => {
    expect(trace(agg("MAX", [t.int()]), [minus(9), plus(1), plus(9)])).toEqual([null, 1, 1]);
  });

  it("the insert-only variant refuses retraction", () => {
    const fn = agg("MAX", [t.int()], { retraction: false });
    expect(over(fn, [1, 3, 2])).toBe(3);
    expect(() => fn.retract(fn.createAccumulator(), [1])).toThrow(UnsupportedAggregateOperation);
  });
});

describe("FIRST_VALUE and LAST_VALUE", () => {
  it("FIRST_VALUE after retracting the first is the next-earliest still present", () => {
    expect(
      trace(agg("FIRST_VALUE", [t.string()]), [plus("a"), plus("b"), plus("c"), minus("a"), minus("c")]),
    ).toEqual(["a", "a", "a", "b", "b"]);
  });

  it("LAST_VALUE after retracting the last is the next-latest still present", () => {
    expect(
      trace(agg("LAST_VALUE", [t.int()]), [plus(1), plus(2), plus(3), minus(3), minus(1), minus(2)]),
    ).toEqual([1, 2, 3, 2, 2, null]);
  });

  it("retracting a duplicated value removes its oldest copy", () => {
    // x y x: retracting x removes the first x, so FIRST_VALUE is y and LAST_VALUE stays x.
    const steps = [plus("x"), plus("y"), plus("x"), minus("x")];
    expect(trace(agg("FIRST_VALUE", [t.string()]), steps).at(-1)).toBe("y");
    expect(trace(agg("LAST_VALUE", [t.string()]), steps).at(-1)).toBe("x");
  });

  it("NULLs are skipped, as Flink always does", () => {
    expect(over(agg("FIRST_VALUE", [t.int()]), [null, 4, 5])).toBe(4);
    expect(over(agg("LAST_VALUE", [t.int()]), [4, 5, null])).toBe(5);
    expect(over(agg("LAST_VALUE", [t.int()], { retraction: false }), [4, 5, null])).toBe(5);
    expect(over(agg("FIRST_VALUE", [t.int()], { retraction: false }), [null, 4, 5])).toBe(4);
  });
});

describe("LISTAGG", () => {
  it("joins in arrival order with ',' and keeps order after retraction", () => {
    expect(
      trace(agg("LISTAGG", [t.string()]), [plus("a"), plus("b"), plus("c"), minus("b"), plus("b")]),
    ).toEqual(["a", "a,b", "a,b,c", "a,c", "a,c,b"]);
  });

  it("uses the separator of the latest row and is NULL when empty", () => {
    expect(
      trace(agg("LISTAGG", [t.string(), t.string()]), [
        plus("a", "-"),
        plus("b", "|"),
        minus("a", "|"),
        minus("b", "|"),
      ]),
    ).toEqual(["a", "a|b", "b", null]);
  });

  it("skips NULL values", () => {
    expect(over(agg("LISTAGG", [t.string()]), ["a", null, "b"])).toBe("a,b");
  });

  it("a retraction without a match waits for a merge to cancel a value", () => {
    const fn = agg("LISTAGG", [t.string()]);
    const left = fn.createAccumulator();
    fn.accumulate(left, ["a"]);
    fn.accumulate(left, ["b"]);
    const right = fn.createAccumulator();
    fn.retract(right, ["a"]);
    fn.accumulate(right, ["c"]);
    fn.merge(left, right);
    expect(fn.getValue(left)).toBe("b,c");
  });
});

describe("ARRAY_AGG", () => {
  it("keeps NULLs unless IGNORE NULLS, NULL when empty", () => {
    expect(over(agg("ARRAY_AGG", [t.int()]), [1, null, 2])).toEqual([1, null, 2]);
    expect(over(agg("ARRAY_AGG", [t.int()], { ignoreNulls: true }), [1, null, 2])).toEqual([1, 2]);
    expect(over(agg("ARRAY_AGG", [t.int()]), [])).toBeNull();
  });

  it("retraction removes the oldest equal element", () => {
    expect(trace(agg("ARRAY_AGG", [t.int()]), [plus(1), plus(2), plus(1), minus(1)]).at(-1)).toEqual([2, 1]);
  });

  it("returns a fresh array each time", () => {
    const fn = agg("ARRAY_AGG", [t.int()]);
    const acc = fn.createAccumulator();
    fn.accumulate(acc, [1]);
    const first = fn.getValue(acc);
    fn.accumulate(acc, [2]);
    expect(first).toEqual([1]);
  });
});

describe("COLLECT", () => {
  it("counts values in a MULTISET, removing them at 0", () => {
    const values = trace(agg("COLLECT", [t.string()]), [
      plus("a"),
      plus("a"),
      plus("b"),
      plus(null),
      minus("a"),
      minus("b"),
    ]);
    expect(values.at(2)).toEqual(
      new Map([
        ["a", 2],
        ["b", 1],
      ]),
    );
    expect(values.at(-1)).toEqual(new Map([["a", 1]]));
  });

  it("an empty group is an empty multiset", () => {
    expect(over(agg("COLLECT", [t.int()]), [])).toEqual(new Map());
  });

  it("collects composite values by content", () => {
    const value = over(agg("COLLECT", [t.array(t.int())]), [[1, 2], [1, 2], [3]]);
    expect([...(value as Map<unknown, number>).values()]).toEqual([2, 1]);
  });
});

describe("JSON_ARRAYAGG and JSON_OBJECTAGG", () => {
  it("JSON_ARRAYAGG writes JSON text of each item; ABSENT ON NULL skips NULLs", () => {
    expect(over(agg("JSON_ARRAYAGG", [t.string()], { ignoreNulls: true }), ["a", null, 'q"'])).toBe(
      '["a","q\\""]',
    );
    expect(over(agg("JSON_ARRAYAGG", [t.int()]), [1, null])).toBe("[1,null]");
    expect(over(agg("JSON_ARRAYAGG", [t.double()]), [1, 1.5, 1e20])).toBe("[1.0,1.5,1.0E20]");
    expect(over(agg("JSON_ARRAYAGG", [t.decimal(5, 2)]), [150n])).toBe("[1.50]");
    expect(over(agg("JSON_ARRAYAGG", [t.int()]), [])).toBe("[]");
  });

  it("JSON_ARRAYAGG retraction removes the oldest equal item", () => {
    expect(trace(agg("JSON_ARRAYAGG", [t.int()]), [plus(1), plus(2), plus(1), minus(1)]).at(-1)).toBe(
      "[2,1]",
    );
  });

  it("JSON_OBJECTAGG keeps insertion order; NULL ON NULL writes null, ABSENT ON NULL drops it", () => {
    const steps = [plus("b", "1"), plus("a", "x"), plus("c", null)];
    expect(trace(agg("JSON_OBJECTAGG", [t.string(), t.string()]), steps).at(-1)).toBe(
      '{"b":"1","a":"x","c":null}',
    );
    expect(trace(agg("JSON_OBJECTAGG", [t.string(), t.string()], { ignoreNulls: true }), steps).at(-1)).toBe(
      '{"b":"1","a":"x"}',
    );
  });

  it("JSON_OBJECTAGG rejects a duplicate key and allows it again after retraction", () => {
    const fn = agg("JSON_OBJECTAGG", [t.string(), t.int()]);
    expect(() => trace(fn, [plus("k", 1), plus("k", 2)])).toThrow("Key 'k' is already present");
    expect(trace(fn, [plus("k", 1), minus("k", 1), plus("k", 2)]).at(-1)).toBe('{"k":2}');
    expect(trace(fn, [plus("k", null), minus("k", null), plus("k", 2)]).at(-1)).toBe('{"k":2}');
    expect(trace(fn, []).length).toBe(0);
    expect(over(fn, [])).toBe("{}");
  });

  it("nested values become nested JSON", () => {
    const rowType = t.row([
      { name: "id", type: t.int() },
      { name: "tags", type: t.array(t.string()) },
    ]);
    expect(over(agg("JSON_ARRAYAGG", [rowType]), [[1, ["a", "b"]]])).toBe('[{"id":1,"tags":["a","b"]}]');
  });
});
