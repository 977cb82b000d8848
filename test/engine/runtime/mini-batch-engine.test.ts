// Mini-batch aggregation through the engine on an unbounded input: every bundle ends once the engine
// has run, even when one aggregate's bundle feeds another's (nothing waits for more input).
import { describe, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";

const NESTED = "SELECT n, COUNT(*) AS keys FROM (SELECT k, COUNT(*) AS n FROM t GROUP BY k) GROUP BY n";

async function running(settings: readonly string[], query: string) {
  const engine = createEngine();
  await engine.execute("CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'headwater')");
  for (const setting of settings) await engine.execute(setting);
  const result = (await engine.execute(query)) as QueryResult;
  return {
    insert(rows: [string, number][]) {
      engine.insertRows("t", rows);
      engine.runUntilIdle();
    },
    table: () =>
      result
        .table()
        .map((row) => row.join(" "))
        .sort(),
    changes: () => result.changelog().length,
  };
}

const MINI_BATCH = [
  "SET 'table.exec.mini-batch.enabled' = 'true'",
  "SET 'table.exec.mini-batch.allow-latency' = '1 s'",
  "SET 'table.exec.mini-batch.size' = '1000'",
];

describe("mini-batch aggregation in a running query", () => {
  it("cascaded bundles reach the result after each batch of input, as without mini-batch", async () => {
    const batched = await running(MINI_BATCH, NESTED);
    const plain = await running([], NESTED);
    const batches: [string, number][][] = [
      [
        ["a", 1],
        ["b", 2],
        ["a", 3],
      ],
      [["c", 1]],
      [
        ["b", 5],
        ["c", 6],
        ["c", 7],
        ["d", 1],
      ],
    ];
    for (const rows of batches) {
      batched.insert(rows);
      plain.insert(rows);
      expect(batched.table()).toEqual(plain.table());
    }
    expect(batched.table()).toEqual(["1 1", "2 2", "3 1"].sort());
    expect(batched.changes()).toBeLessThan(plain.changes());
  });
});
