// Regular-join throughput of the engine: input rows/s and rows/s per CPU core (process.cpuUsage) for
// an INNER and a LEFT join of an append stream with a keyed table, against DuckDB's hash join of the
// same rows in the same process. The engine joins incrementally (each row probes the other side's
// state and is kept for later rows); DuckDB answers once in batch, so the ratio is an upper bound.
//   npm run bench -- engine-join [--rows 500000] [--keys 50000]
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 500_000);
const KEYS = arg("keys", 50_000);
const QUERIES = {
  inner: "SELECT o.id, o.amount, c.name FROM orders AS o JOIN customers AS c ON o.customer = c.id",
  left: "SELECT o.id, o.amount, c.name FROM orders AS o LEFT JOIN customers AS c ON o.customer = c.id",
};

function generate(): { orders: Row[]; customers: Row[] } {
  let seed = 7;
  const rand = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  // A tenth of the orders name a customer that does not exist: the LEFT join pads them.
  const orders = Array.from({ length: ROWS }, (_, i) => [
    i,
    Math.floor(rand() * KEYS * 1.1),
    Math.floor(rand() * 1000),
  ]);
  const customers = Array.from({ length: KEYS }, (_, i) => [i, `customer ${i}`]);
  return { orders, customers };
}

interface Measured {
  readonly seconds: number;
  /** User + system time of the whole process: DuckDB's worker threads included. */
  readonly cpuSeconds: number;
}

async function measure(run: () => unknown): Promise<Measured> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const { orders, customers } = generate();
const inputRows = ROWS + KEYS;

async function engineRun(sql: string): Promise<Measured> {
  const engine = createEngine({ clock: () => 0 });
  await engine.executeScript(`
    CREATE TABLE orders (id INT, customer INT, amount INT) WITH ('connector' = 'headwater');
    CREATE TABLE customers (id INT, name STRING) WITH ('connector' = 'headwater');
    CREATE TABLE out_t (id INT, amount INT, name STRING) WITH ('connector' = 'blackhole');`);
  const insert = await engine.execute(`INSERT INTO out_t ${sql}`);
  if (insert.kind !== "insert") throw new Error("not an insert");
  // Half the customers first, then the orders, then the rest: rows meet state on both sides.
  engine.insertRows("customers", customers.slice(0, KEYS / 2));
  engine.insertRows("orders", orders);
  engine.insertRows("customers", customers.slice(KEYS / 2));
  const measured = await measure(() => engine.runUntilIdle());
  const failed = insert.jobs.find((j) => j.error);
  if (failed) throw failed.error;
  return measured;
}

const duck = await (await DuckDBInstance.create(":memory:")).connect();
await duck.run("CREATE TABLE orders (id INTEGER, customer INTEGER, amount INTEGER)");
await duck.run("CREATE TABLE customers (id INTEGER, name VARCHAR)");
const ordersAppender = await duck.createAppender("orders");
for (const [id, customer, amount] of orders) {
  ordersAppender.appendInteger(id as number);
  ordersAppender.appendInteger(customer as number);
  ordersAppender.appendInteger(amount as number);
  ordersAppender.endRow();
}
ordersAppender.closeSync();
const customersAppender = await duck.createAppender("customers");
for (const [id, name] of customers) {
  customersAppender.appendInteger(id as number);
  customersAppender.appendVarchar(name as string);
  customersAppender.endRow();
}
customersAppender.closeSync();

const report = (name: string, m: Measured): void => {
  const perSecond = inputRows / m.seconds;
  const perCore = inputRows / m.cpuSeconds;
  console.log(
    `  ${name.padEnd(9)} ${(perSecond / 1e6).toFixed(2)} M rows/s  ${(perCore / 1e6).toFixed(2)} M rows/s per core  (${m.seconds.toFixed(3)} s wall, ${m.cpuSeconds.toFixed(3)} s CPU)`,
  );
};
console.log(`${ROWS} orders, ${KEYS} customers`);
for (const [name, sql] of Object.entries(QUERIES)) {
  const ours = await engineRun(sql);
  const theirs = await measure(() => duck.runAndReadAll(sql));
  console.log(`${name}: ${sql}`);
  report("headwater", ours);
  report("duckdb", theirs);
  console.log(
    `  ratio headwater/duckdb: ${(theirs.seconds / ours.seconds).toFixed(3)} wall, ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(3)} per core`,
  );
}
duck.closeSync();
