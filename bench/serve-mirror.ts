// Catch-up throughput of the serving layer's DuckDB mirror (src/serve/mirror) against DuckDB's own bulk
// load of the same rows, measured in the same run: COPY ... FROM a CSV file and from a Parquet file
// (written beforehand, untimed) into an identical table with the same primary key.
//
// Measured for the mirror: the first load (a table's rows at its end offset), a catch-up of new keys
// (inserts), and a catch-up of updates and deletes by key (each update is a -U/+U pair in the changelog).
//
//   npm run bench -- serve-mirror [--rows N]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { Row } from "../src/common/value.ts";
import { createEngine } from "../src/engine/index.ts";
import { DuckDbMirror } from "../src/serve/index.ts";

const flag = process.argv.indexOf("--rows");
const ROWS = flag > 0 ? Number(process.argv[flag + 1]) : 400_000;
const DDL = `CREATE TABLE orders (id BIGINT, customer STRING, amount DECIMAL(12, 2), placed TIMESTAMP(3), qty INT,
  PRIMARY KEY (id) NOT ENFORCED)`;
// The mirror's own table definition: no PRIMARY KEY constraint (see table-mirror.ts).
const DUCKDB_DDL =
  "CREATE TABLE orders (id BIGINT, customer VARCHAR, amount DECIMAL(12,2), placed TIMESTAMP, qty INTEGER)";

const row = (id: number, version = 0): Row => [
  id,
  `customer-${id % 10_000}`,
  BigInt((id * 137 + version) % 10_000_000),
  1_700_000_000_000 + id * 1000,
  (id + version) % 100,
];

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (n: number, s: number): string => `${Math.round(n / s).toLocaleString("en-US")} rows/s`;

const engine = createEngine();
await engine.execute(DDL);
engine.insertRows(
  "orders",
  Array.from({ length: ROWS }, (_, i) => row(i)),
);
const view = engine.table("orders");

let start = process.hrtime.bigint();
const mirror = await DuckDbMirror.create({ orders: view });
const loadSeconds = seconds(start);

engine.insertRows(
  "orders",
  Array.from({ length: ROWS }, (_, i) => row(ROWS + i)),
);
start = process.hrtime.bigint();
const inserted = await mirror.catchUp();
const insertSeconds = seconds(start);

const touched = Math.floor(ROWS / 2);
engine.insertRows(
  "orders",
  Array.from({ length: touched }, (_, i) => row(i * 2, 1)),
);
engine.deleteRows(
  "orders",
  Array.from({ length: touched / 2 }, (_, i) => row(i * 4 + 1)),
);
start = process.hrtime.bigint();
const updated = await mirror.catchUp();
const updateSeconds = seconds(start);

// Check the mirror against the engine before trusting any figure.
const reader = await mirror.connect();
const [count] = (await reader.runAndReadAll("SELECT count(*) FROM orders")).getRows()[0]!;
if (Number(count) !== view.rows().length)
  throw new Error(`mirror has ${count} rows, the engine ${view.rows().length}`);
reader.closeSync();

// The peer: DuckDB loading the same rows from files it reads natively.
const dir = mkdtempSync(join(tmpdir(), "headwater-bench-"));
const writer = await mirror.connect();
await writer.run(`COPY (SELECT * FROM orders LIMIT ${ROWS}) TO '${join(dir, "rows.csv")}' (HEADER)`);
await writer.run(
  `COPY (SELECT * FROM orders LIMIT ${ROWS}) TO '${join(dir, "rows.parquet")}' (FORMAT parquet)`,
);
writer.closeSync();
mirror.close();
const peer = async (file: string): Promise<number> => {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  await c.run(DUCKDB_DDL);
  const t = process.hrtime.bigint();
  await c.run(`COPY orders FROM '${join(dir, file)}'`);
  const s = seconds(t);
  c.closeSync();
  return s;
};
const csvSeconds = await peer("rows.csv");
const parquetSeconds = await peer("rows.parquet");
rmSync(dir, { recursive: true, force: true });

const ours = ROWS / loadSeconds;
console.log(
  `rows per step: ${ROWS.toLocaleString("en-US")} (5 columns: BIGINT key, STRING, DECIMAL(12,2), TIMESTAMP(3), INT)`,
);
console.log(`mirror first load         ${rate(ROWS, loadSeconds)}`);
console.log(
  `mirror catch-up, inserts  ${rate(inserted.changes, insertSeconds)} (${inserted.changes} changes)`,
);
console.log(
  `mirror catch-up, updates  ${rate(updated.changes, updateSeconds)} (${updated.changes} changes: -U/+U pairs and -D)`,
);
console.log(`peer DuckDB COPY FROM csv     ${rate(ROWS, csvSeconds)}`);
console.log(`peer DuckDB COPY FROM parquet ${rate(ROWS, parquetSeconds)}`);
console.log(`ratio first load / COPY csv:     ${(ours / (ROWS / csvSeconds)).toFixed(2)}`);
console.log(`ratio first load / COPY parquet: ${(ours / (ROWS / parquetSeconds)).toFixed(2)}`);
