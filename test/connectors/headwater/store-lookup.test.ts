// Lookup joins (`FOR SYSTEM_TIME AS OF o.proctime`) against tables of the embedded store: each
// probe reads the table as it is when the row arrives — by primary key through the served view's
// primary-key table, by other columns over its current rows.
import { afterEach, describe, expect, it } from "vitest";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { tempDir } from "../../store/temp-dir.ts";

const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function open(dir: string): Engine {
  const engine = createEngine({ storeDir: dir });
  engines.push(engine);
  return engine;
}

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

describe("lookup joins against store tables", () => {
  it("probe an upsert table by its primary key, seeing the row current when each order arrives", async () => {
    const engine = open(tempDir());
    await engine.execute(`
      CREATE TABLE customers (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED);
      CREATE TABLE orders (id INT, cid INT, pt AS PROCTIME());
      INSERT INTO customers VALUES (1, 'ann'), (2, 'bob');`);
    const joined = query(
      await engine.execute(
        "SELECT o.id, c.name FROM orders o LEFT JOIN customers FOR SYSTEM_TIME AS OF o.pt AS c ON o.cid = c.id",
      ),
    );
    await engine.execute("INSERT INTO orders VALUES (10, 1), (11, 3)");
    await engine.execute("INSERT INTO customers VALUES (1, 'ann smith')");
    await engine.execute("INSERT INTO orders VALUES (12, 1), (13, 2)");
    expect(joined.table()).toEqual([
      [10, "ann"],
      [11, null],
      [12, "ann smith"],
      [13, "bob"],
    ]);
  });

  it("probe an append table by another column, after a restart too", async () => {
    const dir = tempDir();
    const first = open(dir);
    await first.execute(`
      CREATE TABLE rates (currency STRING, rate DOUBLE);
      INSERT INTO rates VALUES ('EUR', 1.1), ('GBP', 1.3), ('EUR', 1.2);`);
    await first.close();
    const engine = open(dir);
    await engine.execute(`
      CREATE TABLE rates (currency STRING, rate DOUBLE);
      CREATE TABLE payments (id INT, currency STRING, pt AS PROCTIME());`);
    const joined = query(
      await engine.execute(
        "SELECT p.id, r.rate FROM payments p JOIN rates FOR SYSTEM_TIME AS OF p.pt AS r ON p.currency = r.currency",
      ),
    );
    await engine.execute("INSERT INTO payments VALUES (1, 'EUR'), (2, 'USD'), (3, 'GBP')");
    expect(
      [...joined.table()].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1])),
    ).toEqual([
      [1, 1.1],
      [1, 1.2],
      [3, 1.3],
    ]);
  });
});
