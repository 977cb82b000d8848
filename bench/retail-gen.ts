// Retail generator throughput: rows/s for generating the 14 C360 data sets (event-time ordered, dirt
// on) and for generating + writing them as CSV, against DuckDB measured in the same run on one thread
// generating a comparable 12-column transactions table from range() + random() (materialised, then
// COPY … TO CSV). DuckDB's table is simpler (independent random columns, no cross-table integrity, no
// ordering), so the ratio is a conservative yardstick, not a like-for-like race.
//
//   node --experimental-strip-types bench/retail-gen.ts [customers] [transactionsPerCustomer]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { generateRetail, type RetailOptions, writeRetailFiles } from "../src/connectors/retail/index.ts";

const CUSTOMERS = Number(process.argv[2] ?? 50_000);
const TX_PER_CUSTOMER = Number(process.argv[3] ?? 10);
const options: RetailOptions = {
  customers: CUSTOMERS,
  seed: 1,
  ratios: { transactionsPerCustomer: TX_PER_CUSTOMER },
};

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const rate = (rows: number, s: number) => Math.round(rows / s);
const fmt = (n: number) => n.toLocaleString("en-US");

let peakRss = 0;
const sampleRss = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// Ours: generation only.
let start = process.hrtime.bigint();
let rows = 0;
for (const _ of generateRetail(options)) rows++;
const generateSeconds = seconds(start);

// Ours: generation + CSV files.
const dir = mkdtempSync(join(tmpdir(), "retail-bench-"));
start = process.hrtime.bigint();
const files = await writeRetailFiles(join(dir, "ours"), generateRetail(options), ["csv"]);
const writeSeconds = seconds(start);
const written = files.reduce((s, f) => s + f.rows, 0);
const bytes = files.reduce((s, f) => s + f.bytes, 0);
clearInterval(sampleRss);

// Peer: DuckDB, one thread, a transactions-like table of the same total row count.
const connection = await (await DuckDBInstance.create(":memory:", { threads: "1" })).connect();
const select = `
  SELECT 'TXN' || lpad(i::VARCHAR, 3, '0') AS transaction_id,
         'CUST' || lpad((1 + floor(random() * ${CUSTOMERS}))::BIGINT::VARCHAR, 3, '0') AS customer_id,
         TIMESTAMP '2022-06-17' + to_seconds(floor(random() * 63072000)::BIGINT) AS transaction_date,
         ['online', 'store', 'mobile'][1 + floor(random() * 3)::INT] AS channel,
         CASE WHEN random() < 0.3 THEN 'ST' || lpad((1 + floor(random() * 300))::INT::VARCHAR, 3, '0') END AS store_id,
         ['credit_card', 'debit_card', 'cash', 'paypal', 'apple_pay', 'google_pay'][1 + floor(random() * 6)::INT] AS payment_method,
         (10 + random() * 500)::DECIMAL(10,2) AS subtotal,
         (random() * 40)::DECIMAL(10,2) AS tax_amount,
         (random() * 50)::DECIMAL(10,2) AS discount_amount,
         (10 + random() * 500)::DECIMAL(10,2) AS total_amount,
         'USD' AS currency,
         'completed' AS status
  FROM range(${written}) t(i)`;
start = process.hrtime.bigint();
await connection.run(`CREATE TABLE peer AS ${select}`);
const peerGenerateSeconds = seconds(start);
start = process.hrtime.bigint();
await connection.run(`COPY (${select}) TO '${join(dir, "peer.csv")}' (HEADER)`);
const peerWriteSeconds = seconds(start);
rmSync(dir, { recursive: true, force: true });

const ours = { generate: rate(rows, generateSeconds), write: rate(written, writeSeconds) };
const peer = { generate: rate(written, peerGenerateSeconds), write: rate(written, peerWriteSeconds) };
console.log(
  `retail generator: ${fmt(CUSTOMERS)} customers, ${TX_PER_CUSTOMER} transactions/customer, ${fmt(rows)} rows in 14 data sets`,
);
console.log(
  `  generate           ${fmt(ours.generate).padStart(12)} rows/s  (${generateSeconds.toFixed(2)} s)`,
);
console.log(
  `  generate + CSV     ${fmt(ours.write).padStart(12)} rows/s  (${writeSeconds.toFixed(2)} s, ${(bytes / 1e6).toFixed(0)} MB, ${(bytes / 1e6 / writeSeconds).toFixed(0)} MB/s)`,
);
console.log(`  peak RSS           ${(peakRss / 1e6).toFixed(0)} MB`);
console.log(`DuckDB, 1 thread, ${fmt(written)} transactions-like rows from range() + random()`);
console.log(
  `  CREATE TABLE AS    ${fmt(peer.generate).padStart(12)} rows/s  (${peerGenerateSeconds.toFixed(2)} s)`,
);
console.log(
  `  COPY TO CSV        ${fmt(peer.write).padStart(12)} rows/s  (${peerWriteSeconds.toFixed(2)} s)`,
);
console.log(
  `ratio ours / DuckDB: generate ${(ours.generate / peer.generate).toFixed(2)}×, generate + CSV ${(ours.write / peer.write).toFixed(2)}×`,
);
