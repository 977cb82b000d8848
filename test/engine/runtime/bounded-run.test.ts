import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";

describe("Engine.runBounded", () => {
  it("drains a chain of INSERT jobs in order: a table ends only after its writers have finished", async () => {
    const engine = createEngine({ clock: () => 0 });
    await engine.execute(`
      CREATE TABLE raw (k STRING, v INT);
      CREATE TABLE cleaned (k STRING, v INT);
      CREATE TABLE totals (k STRING, total INT, PRIMARY KEY (k) NOT ENFORCED);
      INSERT INTO totals SELECT k, SUM(v) FROM cleaned GROUP BY k;
      INSERT INTO cleaned SELECT UPPER(k), v FROM raw WHERE v > 0;`);
    const result = (await engine.execute("SELECT k, total FROM totals")) as QueryResult;
    engine.insertRows("raw", [
      ["a", 1],
      ["b", -1],
      ["a", 2],
    ]);
    engine.runBounded();
    expect(engine.jobs.map((j) => j.status)).toEqual(["finished", "finished", "finished"]);
    expect(result.table()).toEqual([["A", 3]]);
    // Rows written after the bounded run are not read: every source ended.
    engine.insertRows("raw", [["c", 5]]);
    engine.runUntilIdle();
    expect(result.table()).toEqual([["A", 3]]);
  });
});
