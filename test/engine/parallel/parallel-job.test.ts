// A statement at parallelism 2: how it is configured and explained, and how it ends — a failing row
// on a worker fails the statement with the error named, a canceled one stops, and neither hangs.
import { afterEach, describe, expect, it } from "vitest";
import { nexmarkTableSql } from "../../../src/connectors/nexmark/index.ts";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

function engine(parallelism?: number): Engine {
  const e = createEngine({ clock: () => 0, ...(parallelism ? { parallelism } : {}) });
  engines.push(e);
  return e;
}

const TABLE = "CREATE TABLE t (k STRING, v INT) WITH ('connector' = 'headwater')";
const GROUP_BY = "SELECT k, SUM(v) AS s FROM t GROUP BY k";

describe("parallel statements", () => {
  it("EXPLAIN shows the exchanges Flink would print, at parallelism > 1 only", async () => {
    const e = engine();
    await e.execute(TABLE);
    const plan = async () => ((await e.execute(`EXPLAIN ${GROUP_BY}`)) as { plan: string }).plan;
    expect(await plan()).not.toContain("Exchange");
    await e.execute("SET 'parallelism.default' = '2'");
    expect(await plan()).toBe(
      [
        "GroupAggregate(groupBy=[k], select=[k, SUM(v) AS s], changelogMode=[I,UB,UA], upsertKeys=[[0]])",
        "+- Exchange(distribution=[hash[k]], changelogMode=[I])",
        "   +- TableSourceScan(table=[[default_catalog, default_database, t]], fields=[k, v], changelogMode=[I])",
      ].join("\n"),
    );
    // Flink's table-level key wins over parallelism.default; -1 means "not set".
    await e.execute("SET 'table.exec.resource.default-parallelism' = '1'");
    expect(await plan()).not.toContain("Exchange");
    await e.execute("SET 'table.exec.resource.default-parallelism' = '-1'");
    expect(await plan()).toContain("Exchange(distribution=[hash[k]]");
    await expect(e.execute("SET 'table.exec.resource.default-parallelism' = '0'")).rejects.toThrow(
      /expected a positive integer, or -1/,
    );
    // Read on the main thread, an in-memory table's global aggregate stays there: no exchange.
    expect(((await e.execute("EXPLAIN SELECT COUNT(*) FROM t")) as { plan: string }).plan).not.toContain(
      "Exchange",
    );
    // Read on every worker, the nexmark stream's global aggregate gathers into one instance.
    await e.execute(nexmarkTableSql({ "events.num": "10" }));
    expect(((await e.execute("EXPLAIN SELECT COUNT(*) FROM nexmark")) as { plan: string }).plan).toContain(
      "+- Exchange(distribution=[single], changelogMode=[I])",
    );
  });

  it("keeps rows in place where the input is already partitioned by the key (a forward edge)", async () => {
    const e = engine(2);
    await e.execute(TABLE);
    const plan = async (sql: string) => ((await e.execute(`EXPLAIN ${sql}`)) as { plan: string }).plan;
    const exchanges = (text: string) => text.split("\n").filter((l) => l.includes("Exchange(")).length;
    // Same key twice: one exchange. Another key (s) or a NULL-padded key (RIGHT JOIN): one more.
    expect(
      exchanges(await plan("SELECT k, MAX(s) FROM (SELECT k, SUM(v) AS s FROM t GROUP BY k) GROUP BY k")),
    ).toBe(1);
    expect(
      exchanges(await plan("SELECT s, COUNT(*) FROM (SELECT k, SUM(v) AS s FROM t GROUP BY k) GROUP BY s")),
    ).toBe(2);
    expect(exchanges(await plan("SELECT a.k, COUNT(*) FROM t a JOIN t b ON a.k = b.k GROUP BY a.k"))).toBe(2);
    expect(
      exchanges(await plan("SELECT b.k, COUNT(*) FROM t a RIGHT JOIN t b ON a.k = b.k GROUP BY b.k")),
    ).toBe(3);
  });

  it("runs a statement calling a TypeScript UDF in the engine's thread, where the function is loaded", async () => {
    const results = [];
    for (const e of [engine(), engine(2)]) {
      e.registerFunction("twice", {
        kind: "scalar",
        params: ["INT"],
        result: "INT",
        eval: (v) => (v as number) * 2,
      });
      await e.execute(TABLE);
      await e.execute("INSERT INTO t VALUES ('a', 1), ('b', 2), ('a', 3)");
      const sql = "SELECT k, SUM(twice(v)) AS s FROM t GROUP BY k";
      expect(((await e.execute(`EXPLAIN ${sql}`)) as { plan: string }).plan).not.toContain("Exchange");
      const result = (await e.execute(sql)) as QueryResult;
      await e.runBounded();
      results.push(result.table().sort());
    }
    expect(results[1]).toEqual([
      ["a", 8],
      ["b", 4],
    ]);
    expect(results[1]).toEqual(results[0]);
  });

  it("keeps each key's changelog in order while rows keep arriving", async () => {
    const serial = engine();
    const parallel = engine(2);
    const runs: QueryResult[] = [];
    for (const e of [serial, parallel]) {
      await e.execute(TABLE);
      const result = (await e.execute(GROUP_BY)) as QueryResult;
      for (let i = 0; i < 20; i++) await e.execute(`INSERT INTO t VALUES ('k${i % 5}', ${i}), ('x', 1)`);
      runs.push(result);
    }
    const perKey = (r: QueryResult) => {
      const keys = new Map<string, string[]>();
      for (const { kind, row } of r.changelog()) {
        const k = row[0] as string;
        keys.set(k, [...(keys.get(k) ?? []), `${kind}${row[1]}`]);
      }
      return Object.fromEntries([...keys].sort(([a], [b]) => a.localeCompare(b)));
    };
    expect(perKey(runs[1]!)).toEqual(perKey(runs[0]!));
    expect(runs[1]!.changelog().length).toBe(runs[0]!.changelog().length);
  });

  it("fails the statement when a worker's operator fails on a row, naming the statement, operator and row", async () => {
    const e = engine(2);
    await e.execute(TABLE);
    await e.execute("INSERT INTO t VALUES ('a', 1), ('b', 2), ('b', -2)");
    const result = (await e.execute("SELECT k, 10 / SUM(v) AS q FROM t GROUP BY k")) as QueryResult;
    await e.runBounded();
    expect(result.status).toBe("failed");
    expect(result.error?.message).toMatch(
      /^statement failed: SELECT k, 10 \/ SUM\(v\) AS q FROM t GROUP BY k\n {2}Calc\(.*\) failed on row .*b.*: .*division by zero/is,
    );
    // The session goes on: the next statement runs on the same workers.
    const next = (await e.execute("SELECT k, COUNT(*) AS c FROM t GROUP BY k")) as QueryResult;
    await e.runBounded();
    expect(next.table().sort()).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("counts the rows its sources read on every thread, and the rows it wrote, as parallelism 1 does", async () => {
    const counts = [];
    for (const e of [engine(), engine(2)]) {
      await e.execute(nexmarkTableSql({ "events.num": "3000" }));
      await e.execute("CREATE TABLE out (event_type INT, c BIGINT) WITH ('connector' = 'blackhole')");
      const insert = await e.execute(
        "INSERT INTO out SELECT event_type, COUNT(*) AS c FROM nexmark GROUP BY event_type",
      );
      await e.runBounded();
      if (insert.kind !== "insert") throw new Error("not an INSERT");
      const [job] = insert.jobs;
      counts.push({ status: job!.status, in: job!.recordsIn, out: job!.recordsOut });
    }
    // One +I per event type, then a +U per later event of that type (a blackhole asks for no -U).
    expect(counts).toEqual([
      { status: "finished", in: 3000, out: 3000 },
      { status: "finished", in: 3000, out: 3000 },
    ]);
  });

  it("stops a canceled statement running on the workers", async () => {
    const e = engine(2);
    // An endless stream, generated on both workers.
    await e.execute(nexmarkTableSql({ "events.num": "1000000000" }));
    const result = (await e.execute(
      "SELECT event_type, COUNT(*) AS c FROM nexmark GROUP BY event_type",
    )) as QueryResult;
    expect(result.status).toBe("running");
    result.cancel();
    await e.settle();
    expect(result.status).toBe("canceled");
    const seen = result.changelog().length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await e.settle();
    expect(result.changelog().length).toBe(seen);
  });
});
