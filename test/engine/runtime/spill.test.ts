// Keyed state beyond its memory budget spills to disk with the same results: a GROUP BY and joins
// over 20,000 keys run with a 32 KB budget per operator state (their state is far more than ten
// times that: the test measures the spill files), and their changelogs must equal the in-memory
// run's change for change, their final tables DuckDB's answer on the same rows.
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../../../src/common/value.ts";
import { random } from "../../infra/seeded-random.ts";
import { tempDir } from "../../store/temp-dir.ts";
import { duckRows, loadDuck, runWithBudget } from "./spill-run.ts";

const CUSTOMERS = 20_000;
const ORDERS = 60_000;
const BUDGET = 32 * 1024;

/** The input as changes: customers (upserted by id, some moved to another region later) and orders. */
type Change = { readonly table: "customers" | "orders"; readonly row: Row };
function changes(): Change[] {
  const next = random(5);
  const out: Change[] = [];
  for (let id = 0; id < CUSTOMERS; id++) out.push({ table: "customers", row: [id, `r${id % 7}`] });
  for (let id = 0; id < ORDERS; id++) {
    out.push({ table: "orders", row: [id, Math.floor(next() * CUSTOMERS), 1 + Math.floor(next() * 1000)] });
    // Now and then a customer moves: the joins retract and re-emit its rows.
    if (id % 10 === 0) out.push({ table: "customers", row: [Math.floor(next() * CUSTOMERS), `r${id % 5}`] });
  }
  return out;
}

const DDL = `
CREATE TABLE customers (id INT, region STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'headwater');
CREATE TABLE orders (id INT, customer INT, amount INT) WITH ('connector' = 'headwater');`;

const QUERIES = {
  "GROUP BY over 20,000 keys":
    "SELECT customer, COUNT(*) AS n, SUM(amount) AS total, MAX(amount) AS top FROM orders GROUP BY customer",
  "a join over 20,000 keys":
    "SELECT o.id, o.customer, c.region, o.amount FROM orders o JOIN customers c ON o.customer = c.id",
  "a join into a GROUP BY over 20,000 keys": `SELECT o.customer, c.region, COUNT(*) AS n, SUM(o.amount) AS total
    FROM orders o JOIN customers c ON o.customer = c.id GROUP BY o.customer, c.region`,
};

function run(sql: string, budget: number | undefined, spillDir: string) {
  return runWithBudget(DDL, sql, changes(), budget, spillDir);
}

let duck: Awaited<ReturnType<DuckDBInstance["connect"]>>;
beforeAll(async () => {
  duck = await (await DuckDBInstance.create(":memory:")).connect();
  // DuckDB gets the tables' final contents: customers by their last upsert.
  const customers = new Map<number, string>();
  const orders: Row[] = [];
  for (const { table, row } of changes())
    if (table === "customers") customers.set(row[0] as number, row[1] as string);
    else orders.push(row);
  await loadDuck(
    duck,
    "customers",
    "id INTEGER, region VARCHAR",
    [...customers].map(([id, region]) => [id, region]),
  );
  await loadDuck(duck, "orders", "id INTEGER, customer INTEGER, amount INTEGER", orders);
});
afterAll(() => duck.closeSync());

describe("state beyond the memory budget spills to disk", () => {
  for (const [name, sql] of Object.entries(QUERIES)) {
    it(`${name}: the same changelog as in memory, DuckDB's result, ten times the budget on disk`, async () => {
      const dir = tempDir();
      const inMemory = await run(sql, undefined, path.join(dir, "none"));
      const spilled = await run(sql, BUDGET, path.join(dir, "spill"));
      expect(inMemory.spilledBytes).toBe(0);
      expect(spilled.spilledBytes).toBeGreaterThan(10 * BUDGET);
      expect(spilled.changelog.length).toBe(inMemory.changelog.length);
      expect(spilled.changelog).toEqual(inMemory.changelog);

      const reader = await duck.runAndReadAll(sql);
      expect(spilled.table).toEqual(duckRows(reader.getRows()));
      // The spill folders are gone with the engine.
      expect(fs.readdirSync(path.join(dir, "spill"))).toEqual([]);
    }, 300_000);
  }
});
