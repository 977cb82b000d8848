import { describe, expect, it } from "vitest";
import { createEngine, type OffsetChange } from "../../src/engine/index.ts";

describe("Engine.table", () => {
  it("reads a primary-key table's rows, lookups and changelog from an offset", async () => {
    const engine = createEngine({ clock: () => 1000 });
    await engine.execute(`CREATE TABLE t (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED);
      INSERT INTO t VALUES (1, 'a'), (2, 'b');`);
    const view = engine.table("t");
    const seen: OffsetChange[] = [];
    const stop = view.subscribe((c) => seen.push(c));
    await engine.execute("INSERT INTO t VALUES (1, 'c')");
    stop();
    await engine.execute("INSERT INTO t VALUES (2, 'd')");
    expect(view.columns.map((c) => c.name)).toEqual(["k", "v"]);
    expect(view.primaryKey).toEqual(["k"]);
    expect(view.rows()).toEqual([
      [1, "c"],
      [2, "d"],
    ]);
    expect(view.lookup([2])).toEqual([2, "d"]);
    expect(view.lookup([3])).toBeUndefined();
    expect(seen.map((c) => [c.offset, c.kind, c.row])).toEqual([
      [2, "-U", [1, "a"]],
      [3, "+U", [1, "c"]],
    ]);
    expect(view.changes(4).map((c) => c.kind)).toEqual(["-U", "+U"]);
    expect(view.changes(0, 1)).toEqual([{ kind: "+I", row: [1, "a"], timestamp: 1000, offset: 0 }]);
    expect(view.endOffset).toBe(6);
  });

  it("names an unknown table", () => {
    expect(() => createEngine().table("nope")).toThrow(/unknown table 'nope'/);
  });
});
