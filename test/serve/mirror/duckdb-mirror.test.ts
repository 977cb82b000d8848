import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import { DuckDbMirror } from "../../../src/serve/mirror/duckdb-mirror.ts";

const DDL = `CREATE TABLE orders (
  id BIGINT, customer STRING, amount DECIMAL(10, 2), placed TIMESTAMP(3), day DATE, paid BOOLEAN,
  tags ARRAY<STRING>, attrs MAP<STRING, INT>, addr ROW<city STRING, zip INT>, ratio DOUBLE,
  PRIMARY KEY (id) NOT ENFORCED)`;

let mirrors: DuckDbMirror[] = [];
afterEach(() => {
  for (const m of mirrors) m.close();
  mirrors = [];
});

async function rowsOf(mirror: DuckDbMirror, sql: string): Promise<unknown[][]> {
  const reader = await mirror.connect();
  try {
    return (await reader.runAndReadAll(sql)).getRowsJson() as unknown[][];
  } finally {
    reader.closeSync();
  }
}

/** The same rows typed into DuckDB as SQL literals: an oracle independent of the mirror's conversions. */
async function oracle(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowsJson() as unknown[][];
  } finally {
    c.closeSync();
  }
}

describe("DuckDbMirror", () => {
  it("loads a table with Flink types as their DuckDB equivalents", async () => {
    const engine = createEngine();
    await engine.execute(`${DDL};
      INSERT INTO orders VALUES (1, 'ann', 12.50, TIMESTAMP '2024-03-01 10:15:30.123', DATE '2024-03-01', TRUE,
         ARRAY['a', 'b'], MAP['x', 1], ROW('Paris', 75001), 0.5);
      INSERT INTO orders VALUES (2, 'bob', -0.01, TIMESTAMP '1969-12-31 23:59:59.999', DATE '1969-12-31', FALSE,
         ARRAY['c'], MAP['y', 2, 'z', 3], ROW('Oslo', CAST(NULL AS INT)), 1e20);
      INSERT INTO orders (id) VALUES (3)`);
    const mirror = await DuckDbMirror.create({ orders: engine.table("orders") });
    mirrors.push(mirror);
    const types = await rowsOf(
      mirror,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position",
    );
    expect(types).toEqual([
      ["id", "BIGINT"],
      ["customer", "VARCHAR"],
      ["amount", "DECIMAL(10,2)"],
      ["placed", "TIMESTAMP"],
      ["day", "DATE"],
      ["paid", "BOOLEAN"],
      ["tags", "VARCHAR[]"],
      ["attrs", "MAP(VARCHAR, INTEGER)"],
      ["addr", "STRUCT(city VARCHAR, zip INTEGER)"],
      ["ratio", "DOUBLE"],
    ]);
    const query = "SELECT * FROM orders ORDER BY id";
    expect(await rowsOf(mirror, query)).toEqual(
      await oracle(`CREATE TABLE orders AS SELECT * FROM (VALUES
        (1::BIGINT, 'ann', 12.50::DECIMAL(10,2), TIMESTAMP '2024-03-01 10:15:30.123', DATE '2024-03-01', TRUE,
         ['a', 'b'], MAP {'x': 1}, {'city': 'Paris', 'zip': 75001}, 0.5::DOUBLE),
        (2, 'bob', -0.01, TIMESTAMP '1969-12-31 23:59:59.999', DATE '1969-12-31', FALSE,
         ['c'], MAP {'y': 2, 'z': 3}, {'city': 'Oslo', 'zip': NULL}, 1e20),
        (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))
          AS t(id, customer, amount, placed, day, paid, tags, attrs, addr, ratio);
        ${query}`),
    );
  });

  it("catches up inserts, updates and deletes from the changelog offset", async () => {
    const engine = createEngine();
    await engine.execute(`CREATE TABLE kv (k INT, v STRING, PRIMARY KEY (k) NOT ENFORCED);
      INSERT INTO kv VALUES (1, 'a'), (2, 'b'), (3, 'c')`);
    const view = engine.table("kv");
    const mirror = await DuckDbMirror.create({ kv: view });
    mirrors.push(mirror);
    await engine.execute("INSERT INTO kv VALUES (2, 'b2'), (4, 'd'), (4, 'd2'), (5, 'e')");
    engine.deleteRows("kv", [
      [1, null],
      [5, null],
    ]);
    expect(await rowsOf(mirror, "SELECT * FROM kv ORDER BY k")).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
    const report = await mirror.catchUp();
    expect(report.changes).toBe(view.endOffset - 3);
    expect(await rowsOf(mirror, "SELECT * FROM kv ORDER BY k")).toEqual([
      [2, "b2"],
      [3, "c"],
      [4, "d2"],
    ]);
    expect(await mirror.catchUp()).toEqual({ changes: 0 });
    // A key deleted and re-inserted within one catch-up.
    engine.deleteRows("kv", [[3, null]]);
    await engine.execute("INSERT INTO kv VALUES (3, 'c2')");
    await mirror.catchUp();
    expect(await rowsOf(mirror, "SELECT * FROM kv ORDER BY k")).toEqual([
      [2, "b2"],
      [3, "c2"],
      [4, "d2"],
    ]);
  });

  it("appends to a table without a primary key", async () => {
    const engine = createEngine();
    await engine.execute("CREATE TABLE log (msg STRING, n INT); INSERT INTO log VALUES ('a', 1), ('a', 1)");
    const mirror = await DuckDbMirror.create({ log: engine.table("log") });
    mirrors.push(mirror);
    await engine.execute("INSERT INTO log VALUES ('b', 2)");
    await mirror.catchUp();
    expect(await rowsOf(mirror, "SELECT msg, n, count(*) FROM log GROUP BY ALL ORDER BY msg")).toEqual([
      ["a", 1, "2"],
      ["b", 2, "1"],
    ]);
  });

  it("refuses table names that differ only in case", async () => {
    const engine = createEngine();
    await engine.execute("CREATE TABLE a (x INT)");
    await expect(DuckDbMirror.create({ a: engine.table("a"), A: engine.table("a") })).rejects.toThrow(
      /'a' and 'A' differ only in case/,
    );
  });
});
