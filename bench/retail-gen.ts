// Retail generator throughput: rows/s for generating the 14 C360 data sets (event-time ordered, dirt
// on) and for generating + writing them as CSV, against DuckDB measured in the same run on one thread
// generating a comparable 12-column transactions table from range() + random() (materialised, then
// COPY … TO CSV). DuckDB's table is simpler (independent random columns, no cross-table integrity, no
// ordering), so the ratio is a conservative yardstick, not a like-for-like race.
// Rates are per CPU second (user + system time of this process, DuckDB's thread included) because
// wall-clock rates swing with other load on a shared machine; wall times are printed alongside.
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

interface Span {
  readonly wall: number;
  readonly cpu: number;
}

function measure(): () => Span {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: Number(process.hrtime.bigint() - wall) / 1e9, cpu: (used.user + used.system) / 1e6 };
  };
}

const rate = (rows: number, span: Span) => Math.round(rows / span.cpu);
const fmt = (n: number) => n.toLocaleString("en-US");

let peakRss = 0;
const sampleRss = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

// Ours: generation only.
let stop = measure();
let rows = 0;
for (const _ of generateRetail(options)) rows++;
const generateSpan = stop();

// Ours: generation + CSV files.
const dir = mkdtempSync(join(tmpdir(), "retail-bench-"));
stop = measure();
const files = await writeRetailFiles(join(dir, "ours"), generateRetail(options), ["csv"]);
const writeSpan = stop();
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
stop = measure();
await connection.run(`CREATE TABLE peer AS ${select}`);
const peerGenerateSpan = stop();
stop = measure();
await connection.run(`COPY (${select}) TO '${join(dir, "peer.csv")}' (HEADER)`);
const peerWriteSpan = stop();
rmSync(dir, { recursive: true, force: true });

const ours = { generate: rate(rows, generateSpan), write: rate(written, writeSpan) };
const peer = { generate: rate(written, peerGenerateSpan), write: rate(written, peerWriteSpan) };
const times = (span: Span) => `cpu ${span.cpu.toFixed(2)} s, wall ${span.wall.toFixed(2)} s`;
console.log(
  `retail generator: ${fmt(CUSTOMERS)} customers, ${TX_PER_CUSTOMER} transactions/customer, ${fmt(rows)} rows in 14 data sets`,
);
console.log(`  generate           ${fmt(ours.generate).padStart(12)} rows/s  (${times(generateSpan)})`);
console.log(
  `  generate + CSV     ${fmt(ours.write).padStart(12)} rows/s  (${times(writeSpan)}, ${(bytes / 1e6).toFixed(0)} MB)`,
);
console.log(`  peak RSS           ${(peakRss / 1e6).toFixed(0)} MB`);
console.log(`DuckDB, 1 thread, ${fmt(written)} transactions-like rows from range() + random()`);
console.log(`  CREATE TABLE AS    ${fmt(peer.generate).padStart(12)} rows/s  (${times(peerGenerateSpan)})`);
console.log(`  COPY TO CSV        ${fmt(peer.write).padStart(12)} rows/s  (${times(peerWriteSpan)})`);
console.log(
  `ratio ours / DuckDB: generate ${(ours.generate / peer.generate).toFixed(2)}×, generate + CSV ${(ours.write / peer.write).toFixed(2)}×`,
);
