import { describe, expect, it } from "vitest";
import type { Row } from "../../src/common/value.ts";
import { type AggregateFunction, PkTable, Store } from "../../src/store/index.ts";
import { tempDir } from "./temp-dir.ts";

describe("primary-key tables", () => {
  it("last_row: +I for a new key, -U/+U for an update, -D for a delete, nothing for an absent key", () => {
    const store = Store.open(tempDir());
    const table = PkTable.open(store, "customers", { keyColumns: [0] });
    expect(table.upsert([1, "ann", 10])).toEqual([{ kind: "+I", row: [1, "ann", 10] }]);
    expect(table.upsert([1, "ann", 20])).toEqual([
      { kind: "-U", row: [1, "ann", 10] },
      { kind: "+U", row: [1, "ann", 20] },
    ]);
    expect(table.get([1])).toEqual([1, "ann", 20]);
    expect(table.delete([1, null, null])).toEqual([{ kind: "-D", row: [1, "ann", 20] }]);
    expect(table.delete([1, null, null])).toEqual([]);
    expect(table.get([1])).toBeUndefined();
    store.close();
  });

  it("applies an input changelog in one append, ignoring -U, with composite keys", () => {
    const store = Store.open(tempDir());
    const table = PkTable.open(store, "t", { keyColumns: [0, 1] });
    const out = table.apply([
      { kind: "+I", row: ["a", 1, "x"] },
      { kind: "+I", row: ["a", 2, "y"] },
      { kind: "-U", row: ["a", 1, "x"] },
      { kind: "+U", row: ["a", 1, "z"] },
      { kind: "-D", row: ["a", 2, "y"] },
    ]);
    expect(out.map((c) => c.kind)).toEqual(["+I", "+I", "-U", "+U", "-D"]);
    expect([...table.scan()]).toEqual([["a", 1, "z"]]);
    expect(store.topic("t").partition(0).nextOffset).toBe(4);
    store.close();
  });

  it("first_row keeps the first row per key and emits nothing for later ones; deletes are ignored", () => {
    const store = Store.open(tempDir());
    const table = PkTable.open(store, "first", { keyColumns: [0], mergeEngine: { kind: "first_row" } });
    expect(table.upsert(["o1", "created"])).toEqual([{ kind: "+I", row: ["o1", "created"] }]);
    expect(table.upsert(["o1", "shipped"])).toEqual([]);
    expect(table.delete(["o1", null])).toEqual([]);
    expect(table.get(["o1"])).toEqual(["o1", "created"]);
    const strict = PkTable.open(store, "strict", {
      keyColumns: [0],
      mergeEngine: { kind: "first_row" },
      deleteBehavior: "disable",
    });
    expect(() => strict.delete(["o1"])).toThrow(/does not accept deletes/);
    store.close();
  });

  it("aggregation combines each non-key column with its function (default last_value_ignore_nulls)", () => {
    const store = Store.open(tempDir());
    const fns: AggregateFunction[] = [
      { kind: "sum" },
      { kind: "max" },
      { kind: "min" },
      { kind: "last_value" },
      { kind: "last_value_ignore_nulls" },
      { kind: "first_value" },
      { kind: "first_value_ignore_nulls" },
      { kind: "listagg" },
      { kind: "bool_and" },
      { kind: "bool_or" },
    ];
    const functions = Object.fromEntries(fns.map((fn, i) => [i + 1, fn]));
    const table = PkTable.open(store, "agg", {
      keyColumns: [0],
      mergeEngine: { kind: "aggregation", functions },
    });
    //           key sum  max  min  last  lastnn first firstnn listagg bool_and bool_or default
    const rows: Row[] = [
      ["k", 1, 5, 5, "a", "a", null, null, "x", true, false, "d1"],
      ["k", 2, 9, 3, null, null, "f", "g", null, true, null, null],
      ["k", null, 7, 4, "c", "c", "h", "i", "y", false, true, "d3"],
    ];
    table.upsert(rows[0]!);
    table.upsert(rows[1]!);
    const out = table.upsert(rows[2]!);
    const expected: Row = ["k", 3, 9, 3, "c", "c", null, "g", "x,y", false, true, "d3"];
    expect(table.get(["k"])).toEqual(expected);
    expect(out).toEqual([
      { kind: "-U", row: ["k", 3, 9, 3, null, "a", null, "g", "x", true, false, "d1"] },
      { kind: "+U", row: expected },
    ]);
    const decimals = PkTable.open(store, "dec", {
      keyColumns: [0],
      mergeEngine: {
        kind: "aggregation",
        functions: { 1: { kind: "sum" }, 2: { kind: "listagg", delimiter: "|" } },
      },
    });
    decimals.upsert([1, 10n, "a"]);
    decimals.upsert([1, 25n, "b"]);
    expect(decimals.get([1])).toEqual([1, 35n, "a|b"]);
    expect(decimals.delete([1])).toEqual([]); // aggregation ignores deletes by default
    // MAX/MIN order values as Flink does: strings by code point (U+1F600 above U+E000, which UTF-16
    // units would reverse), bytes unsigned.
    const ordered = PkTable.open(store, "ordered", {
      keyColumns: [0],
      mergeEngine: { kind: "aggregation", functions: { 1: { kind: "max" }, 2: { kind: "min" } } },
    });
    ordered.upsert([1, "\u{1F600}", new Uint8Array([0x80])]);
    ordered.upsert([1, "\uE000", new Uint8Array([0x7f, 0xff])]);
    expect(ordered.get([1])).toEqual([1, "\u{1F600}", new Uint8Array([0x7f, 0xff])]);
    store.close();
  });

  it("versioned keeps every version and reads the one valid at a time", () => {
    const store = Store.open(tempDir());
    const rates = PkTable.open(store, "rates", {
      keyColumns: [0],
      mergeEngine: { kind: "versioned", timeColumn: 2 },
    });
    expect(rates.upsert(["EUR", 1.1, 1_000])).toEqual([{ kind: "+I", row: ["EUR", 1.1, 1_000] }]);
    expect(rates.upsert(["EUR", 1.2, 3_000])).toEqual([
      { kind: "-U", row: ["EUR", 1.1, 1_000] },
      { kind: "+U", row: ["EUR", 1.2, 3_000] },
    ]);
    // A late version changes history but not the current row: no changelog.
    expect(rates.upsert(["EUR", 1.15, 2_000])).toEqual([]);
    expect(rates.getAsOf(["EUR"], 999)).toBeUndefined();
    expect(rates.getAsOf(["EUR"], 1_000)).toEqual(["EUR", 1.1, 1_000]);
    expect(rates.getAsOf(["EUR"], 2_500)).toEqual(["EUR", 1.15, 2_000]);
    expect(rates.getAsOf(["EUR"], 9_999)).toEqual(["EUR", 1.2, 3_000]);
    expect(rates.delete(["EUR", null, 4_000])).toEqual([{ kind: "-D", row: ["EUR", 1.2, 3_000] }]);
    expect(rates.get(["EUR"])).toBeUndefined();
    expect(rates.getAsOf(["EUR"], 3_999)).toEqual(["EUR", 1.2, 3_000]);
    expect(rates.getAsOf(["EUR"], 4_000)).toBeUndefined();

    const byWriteTime = PkTable.open(store, "plain", { keyColumns: [0], mergeEngine: { kind: "versioned" } });
    byWriteTime.upsert(["a", 1], 100);
    byWriteTime.upsert(["a", 2], 200);
    expect(byWriteTime.getAsOf(["a"], 150)).toEqual(["a", 1]);
    store.close();
  });

  it("rebuilds its state on reopen, from the log alone or from a snapshot plus the log after it", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    let table = PkTable.open(store, "t", { keyColumns: [0] });
    for (let i = 0; i < 100; i++) table.upsert([i % 10, `v${i}`, BigInt(i), new Map([["i", i]])]);
    table.delete([3]);
    store.close();

    store = Store.open(dir);
    table = PkTable.open(store, "t", { keyColumns: [0] });
    expect(table.size).toBe(9);
    expect(table.get([7])).toEqual([7, "v97", 97n, new Map([["i", 97]])]);
    expect(table.get([3])).toBeUndefined();
    table.snapshot();
    table.upsert([3, "back", 0n, new Map()]);
    table.delete([4]);
    store.close();

    store = Store.open(dir);
    table = PkTable.open(store, "t", { keyColumns: [0] });
    expect(table.get([3])).toEqual([3, "back", 0n, new Map()]);
    expect(table.get([4])).toBeUndefined();
    expect(table.size).toBe(9);
    store.close();

    store = Store.open(dir);
    const versioned = PkTable.open(store, "v", {
      keyColumns: [0],
      mergeEngine: { kind: "versioned", timeColumn: 1 },
    });
    versioned.upsert(["k", 10]);
    versioned.upsert(["k", 20]);
    versioned.snapshot();
    versioned.delete(["k", 30]);
    store.close();
    store = Store.open(dir);
    const reopened = PkTable.open(store, "v", {
      keyColumns: [0],
      mergeEngine: { kind: "versioned", timeColumn: 1 },
    });
    expect(reopened.getAsOf(["k"], 25)).toEqual(["k", 20]);
    expect(reopened.getAsOf(["k"], 15)).toEqual(["k", 10]);
    expect(reopened.get(["k"])).toBeUndefined();
    store.close();
  });

  it("keeps its state through compaction of the backing topic", () => {
    const dir = tempDir();
    let store = Store.open(dir);
    let table = PkTable.open(store, "t", {
      keyColumns: [0],
      topic: { segmentBytes: 300, deleteRetentionMs: 0 },
    });
    for (let i = 0; i < 200; i++) table.upsert([i % 7, i]);
    table.delete([0]);
    table.upsert([99, "last"]);
    const result = store.runCleanup(Date.now() + 1);
    expect(result.recordsRemoved).toBeGreaterThan(150);
    store.close();
    store = Store.open(dir);
    table = PkTable.open(store, "t", { keyColumns: [0] });
    expect([...table.scan()].sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [1, 197],
      [2, 198],
      [3, 199],
      [4, 193],
      [5, 194],
      [6, 195],
      [99, "last"],
    ]);
    store.close();
  });
});
