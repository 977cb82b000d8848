// Processing-time deduplication, OVER and sort through the engine with an injected clock: results
// depend on when rows arrive and when the clock moves, and are the same on every run.
import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";

const DDL = "CREATE TABLE t (k STRING, v INT, pt AS PROCTIME()) WITH ('connector' = 'headwater')";

async function setup(query: string): Promise<{
  at: (now: number, rows: [string, number][]) => void;
  tick: (now: number) => void;
  end: () => void;
  changes: () => string[];
}> {
  let now = 1_000;
  const engine = createEngine({ clock: () => now });
  await engine.execute(DDL);
  const result = (await engine.execute(query)) as QueryResult;
  return {
    at(time, rows) {
      now = time;
      engine.insertRows("t", rows);
      engine.runUntilIdle();
    },
    tick(time) {
      now = time;
      engine.runUntilIdle();
    },
    end: () => engine.runBounded(),
    changes: () => result.changelog().map((c) => `${c.kind} ${c.row.join(" ")}`),
  };
}

describe("processing time with an injected clock", () => {
  it("RANGE OVER: rows of one millisecond go out together at the next, with the rows of the last interval", async () => {
    const s = await setup(
      "SELECT k, v, SUM(v) OVER (PARTITION BY k ORDER BY pt RANGE BETWEEN INTERVAL '0.010' SECOND PRECEDING AND CURRENT ROW) AS s FROM t",
    );
    s.at(1_000, [
      ["a", 1],
      ["a", 2],
    ]);
    expect(s.changes()).toEqual([]);
    s.at(1_005, [["a", 3]]);
    expect(s.changes()).toEqual(["+I a 1 3", "+I a 2 3"]);
    s.tick(1_006);
    expect(s.changes()).toEqual(["+I a 1 3", "+I a 2 3", "+I a 3 6"]);
    // 1_000 is more than 10 ms before 1_012: those rows have left the window.
    s.at(1_012, [
      ["a", 4],
      ["b", 9],
    ]);
    s.tick(1_013);
    expect(s.changes().slice(3)).toEqual(["+I a 4 7", "+I b 9 9"]);
  });

  it("ROWS OVER and UNBOUNDED answer at once", async () => {
    const s = await setup(
      "SELECT k, v, COUNT(*) OVER (PARTITION BY k ORDER BY pt ROWS 1 PRECEDING) AS c, SUM(v) OVER (PARTITION BY k ORDER BY pt ROWS 1 PRECEDING) AS s FROM t",
    );
    s.at(1_000, [["a", 1]]);
    s.at(1_001, [
      ["a", 2],
      ["a", 5],
    ]);
    expect(s.changes()).toEqual(["+I a 1 1 1", "+I a 2 2 3", "+I a 5 2 7"]);
  });

  it("temporal sort on proctime: sorted by the other keys each millisecond; rows still waiting at the end are dropped, as in Flink", async () => {
    const s = await setup("SELECT k, v FROM t ORDER BY pt, v DESC");
    s.at(1_000, [
      ["a", 1],
      ["b", 3],
      ["c", 2],
    ]);
    s.at(1_001, [["d", 7]]);
    expect(s.changes()).toEqual(["+I b 3", "+I c 2", "+I a 1"]);
    s.end();
    expect(s.changes()).toEqual(["+I b 3", "+I c 2", "+I a 1"]);
  });

  it("deduplication follows arrival, whatever the clock says", async () => {
    const first = await setup(
      "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt) AS rn FROM t) WHERE rn = 1",
    );
    const last = await setup(
      "SELECT k, v FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY pt DESC) AS rn FROM t) WHERE rn = 1",
    );
    for (const s of [first, last]) {
      s.at(2_000, [["a", 1]]);
      s.at(1_000, [
        ["a", 2],
        ["a", 2],
      ]);
    }
    expect(first.changes()).toEqual(["+I a 1"]);
    expect(last.changes()).toEqual(["+I a 1", "-U a 1", "+U a 2"]);
  });
});
