import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult, type StatementResult } from "../../../src/engine/index.ts";

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

describe("engine API", () => {
  it("runs VALUES → Calc → GroupAggregate with Flink's changelog", async () => {
    const engine = createEngine({ clock: () => 0 });
    const result = query(
      await engine.execute(
        "SELECT a, SUM(b) AS s FROM (VALUES (1, 2), (1, 3), (2, 5)) AS t(a, b) WHERE b > 1 GROUP BY a",
      ),
    );
    expect(result.columns.map((c) => c.name)).toEqual(["a", "s"]);
    expect(result.changelog()).toEqual([
      { kind: "+I", row: [1, 2] },
      { kind: "-U", row: [1, 2] },
      { kind: "+U", row: [1, 5] },
      { kind: "+I", row: [2, 5] },
    ]);
    expect(result.table()).toEqual([
      [1, 5],
      [2, 5],
    ]);
  });

  it("keeps a query running: rows inserted later update its result", async () => {
    const engine = createEngine({ clock: () => 0 });
    await engine.execute("CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'headwater')");
    const counts = query(await engine.execute("SELECT k, COUNT(*) AS n FROM t GROUP BY k"));
    await engine.execute("INSERT INTO t VALUES ('a', 1), ('b', 2)");
    engine.insertRows("t", [["a", 3]]);
    engine.runUntilIdle();
    // An updated row moves to the end, as in the Flink SQL client's table view.
    expect(counts.table()).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
  });

  it("stops a failing statement with the statement, operator and row, and keeps the others", async () => {
    const engine = createEngine({ clock: () => 0 });
    const results = await engine.executeScript(
      "SELECT 10 / b FROM (VALUES (1), (0)) AS t(b);\nSELECT b + 1 FROM (VALUES (1), (0)) AS t(b);",
    );
    const [failed, ok] = results.map(query);
    expect(failed!.status).toBe("failed");
    expect(failed!.error!.message).toContain("SELECT 10 / b FROM (VALUES (1), (0)) AS t(b)");
    expect(failed!.error!.message).toMatch(
      /Calc\(select=\[\/\(10, b\) AS EXPR\$0\]\) failed on row \+I\[0\]/,
    );
    expect(ok!.status).toBe("finished");
    expect(ok!.table()).toEqual([[2], [1]]);
  });
});
