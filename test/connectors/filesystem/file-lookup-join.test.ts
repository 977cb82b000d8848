// A filesystem table as the looked-up side of a processing-time temporal join: its files are read
// when the job starts and again on the first probe after 'lookup.join.cache.ttl' on the engine's clock.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine, type QueryResult } from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

/** An engine whose clock the test moves, with an in-memory `orders` stream and a CSV dimension. */
async function setUp(dimOptions = ""): Promise<{ engine: Engine; file: string; clock: { now: number } }> {
  const clock = { now: T0 };
  const engine = createEngine({ clock: () => clock.now });
  engines.push(engine);
  const dir = tempDir();
  const file = path.join(dir, "dim.csv");
  fs.writeFileSync(file, "1,one\n2,two\n3,three\n");
  await engine.execute("CREATE TABLE orders (id INT, k INT, pt AS PROCTIME())");
  await engine.execute(
    `CREATE TABLE dim (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = 'file://${file}', 'format' = 'csv'${dimOptions})`,
  );
  return { engine, file, clock };
}

async function lookup(engine: Engine, join: "JOIN" | "LEFT JOIN", on = "o.k = d.id"): Promise<QueryResult> {
  const result = await engine.execute(
    `SELECT o.id, o.k, d.name FROM orders AS o ${join} dim FOR SYSTEM_TIME AS OF o.pt AS d ON ${on}`,
  );
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

describe("lookup join against a filesystem table", () => {
  it("a LEFT lookup join pads a missing or NULL key with NULLs; an inner one drops the row", async () => {
    const { engine } = await setUp();
    const left = await lookup(engine, "LEFT JOIN");
    const inner = await lookup(engine, "JOIN");
    engine.insertRows("orders", [
      [10, 2],
      [11, 7],
      [12, null],
      [13, 1],
    ]);
    engine.runUntilIdle();
    expect(left.error).toBeUndefined();
    expect(left.table()).toEqual([
      [10, 2, "two"],
      [11, 7, null],
      [12, null, null],
      [13, 1, "one"],
    ]);
    expect(inner.table()).toEqual([
      [10, 2, "two"],
      [13, 1, "one"],
    ]);
  });

  it("looks up by a key expression on the probing side", async () => {
    const { engine } = await setUp();
    const result = await lookup(engine, "JOIN", "MOD(o.k, 10) = d.id");
    engine.insertRows("orders", [
      [10, 12],
      [11, 25],
      [12, 33],
    ]);
    engine.runUntilIdle();
    expect(result.table()).toEqual([
      [10, 12, "two"],
      [12, 33, "three"],
    ]);
  });

  it("reads the files again on the first probe once lookup.join.cache.ttl has passed", async () => {
    const { engine, file, clock } = await setUp(", 'lookup.join.cache.ttl' = '10 min'");
    const result = await lookup(engine, "LEFT JOIN");
    engine.insertRows("orders", [[1, 2]]);
    engine.runUntilIdle();
    fs.writeFileSync(file, "2,deux\n4,quatre\n");
    clock.now = T0 + 10 * MINUTE - 1;
    engine.insertRows("orders", [
      [2, 2],
      [3, 4],
    ]);
    engine.runUntilIdle();
    clock.now = T0 + 10 * MINUTE;
    engine.insertRows("orders", [
      [4, 2],
      [5, 4],
      [6, 1],
    ]);
    engine.runUntilIdle();
    expect(result.table()).toEqual([
      [1, 2, "two"],
      [2, 2, "two"],
      [3, 4, null],
      [4, 2, "deux"],
      [5, 4, "quatre"],
      [6, 1, null],
    ]);
  });

  it("keeps the rows loaded at the start for 60 minutes by default", async () => {
    const { engine, file, clock } = await setUp();
    const result = await lookup(engine, "JOIN");
    fs.writeFileSync(file, "1,uno\n");
    clock.now = T0 + 59 * MINUTE;
    engine.insertRows("orders", [[1, 1]]);
    engine.runUntilIdle();
    clock.now = T0 + 60 * MINUTE;
    engine.insertRows("orders", [[2, 1]]);
    engine.runUntilIdle();
    expect(result.table()).toEqual([
      [1, 1, "one"],
      [2, 1, "uno"],
    ]);
  });

  it("rejects Parquet files and a missing path with errors naming the table", async () => {
    const { engine } = await setUp();
    const dir = tempDir();
    await engine.execute(
      `CREATE TABLE pq (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '${dir}', 'format' = 'parquet')`,
    );
    await expect(
      engine.execute("SELECT o.id FROM orders AS o JOIN pq FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.id"),
    ).rejects.toThrow(/table 'default_catalog\.default_database\.pq'.*cannot read format 'parquet'/);
    await engine.execute(
      `CREATE TABLE gone (id INT, name STRING) WITH ('connector' = 'filesystem', 'path' = '${dir}/none', 'format' = 'csv')`,
    );
    await expect(
      engine.execute("SELECT o.id FROM orders AS o JOIN gone FOR SYSTEM_TIME AS OF o.pt AS d ON o.k = d.id"),
    ).rejects.toThrow(/table 'default_catalog\.default_database\.gone'.*does not exist/);
  });
});
