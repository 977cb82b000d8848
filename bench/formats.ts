// Decode/encode throughput of the formats for a 20-field record, with ratios against peers measured
// in the same run: JSON.parse / JSON.stringify of the same objects (json), avsc's own
// Type.fromBuffer / toBuffer of the same records (avro). Each figure is the best of several rounds.
//
//   node --experimental-strip-types bench/formats.ts [records] [rounds]
import avro from "avsc";
import type { Row } from "../src/common/value.ts";
import { deriveAvroSchema, type FormatSchema, formatFor } from "../src/formats/index.ts";
import type { DataType } from "../src/sql/types/data-type.ts";

const RECORDS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 5);

const type = (kind: string, extra: object = {}): DataType => ({ kind, nullable: true, ...extra }) as DataType;
const STRING = type("VARCHAR", { length: 2147483647 });
const columns: [string, DataType][] = [
  ["order_id", type("BIGINT")],
  ["customer_id", type("BIGINT")],
  ["store_id", type("INT")],
  ["channel", STRING],
  ["status", STRING],
  ["amount", type("DECIMAL", { precision: 10, scale: 2 })],
  ["tax", type("DECIMAL", { precision: 10, scale: 2 })],
  ["quantity", type("INT")],
  ["discount", type("DOUBLE")],
  ["ordered_at", type("TIMESTAMP", { precision: 3 })],
  ["shipped_at", type("TIMESTAMP", { precision: 3 })],
  ["order_date", type("DATE")],
  ["is_gift", type("BOOLEAN")],
  ["coupon", STRING],
  ["city", STRING],
  ["country", STRING],
  ["email", STRING],
  ["score", type("FLOAT")],
  ["items", type("INT")],
  ["note", STRING],
];
const schema: FormatSchema = { columns: columns.map(([name, t]) => ({ name, type: t })) };

function makeRow(i: number): Row {
  const ts = 1_700_000_000_000 + i * 1000;
  return [
    i,
    100_000 + (i % 5000),
    i % 300,
    ["web", "store", "app"][i % 3]!,
    "SHIPPED",
    BigInt(1999 + (i % 10_000)),
    BigInt(i % 500),
    1 + (i % 7),
    (i % 10) / 100,
    ts,
    i % 4 === 0 ? null : ts + 86_400_000,
    Math.floor(ts / 86_400_000),
    i % 11 === 0,
    i % 5 === 0 ? "SPRING24" : null,
    "Lyon",
    "FR",
    `customer${i % 5000}@example.com`,
    (i % 100) / 4,
    i % 9,
    "leave at the door",
  ];
}

const rows = Array.from({ length: RECORDS }, (_, i) => makeRow(i));

function best(run: () => void): number {
  let bestSeconds = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    run();
    bestSeconds = Math.min(bestSeconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return RECORDS / bestSeconds;
}

const fmt = (perSecond: number) => `${(perSecond / 1000).toFixed(0).padStart(6)}K rec/s`;
function report(label: string, ours: number, peerLabel?: string, peer?: number): void {
  const ratio =
    peer === undefined ? "" : `   ${peerLabel} ${fmt(peer)}   ours/peer ${(ours / peer).toFixed(2)}`;
  console.log(`${label.padEnd(28)} ${fmt(ours)}${ratio}`);
}

let sink = 0;

// json
{
  const json = formatFor("json")!;
  const ser = json.createSerializer(schema, {});
  const de = json.createDeserializer(schema, {});
  const encoded = rows.map((r) => ser("+I", r)!);
  const objects = encoded.map((b) => JSON.parse(Buffer.from(b).toString("utf8")) as object);
  const texts = encoded.map((b) => Buffer.from(b));
  report(
    "json decode",
    best(() => {
      for (const b of encoded) sink += de(b).kind.length;
    }),
    "JSON.parse(utf8)",
    best(() => {
      for (const b of texts) sink += Object.keys(JSON.parse(b.toString("utf8"))).length;
    }),
  );
  report(
    "json encode",
    best(() => {
      for (const r of rows) sink += ser("+I", r)!.length;
    }),
    "JSON.stringify→utf8",
    best(() => {
      for (const o of objects) sink += Buffer.from(JSON.stringify(o)).length;
    }),
  );
}

// avro
{
  const format = formatFor("avro")!;
  const ser = format.createSerializer(schema, {});
  const de = format.createDeserializer(schema, {});
  const encoded = rows.map((r) => ser("+I", r)!);
  const peerType = avro.Type.forSchema(deriveAvroSchema(schema.columns) as avro.Schema);
  const buffers = encoded.map((b) => Buffer.from(b));
  const records = buffers.map((b) => peerType.fromBuffer(b) as object);
  report(
    "avro decode",
    best(() => {
      for (const b of encoded) sink += de(b).kind.length;
    }),
    "avsc fromBuffer",
    best(() => {
      for (const b of buffers) sink += peerType.fromBuffer(b) === null ? 0 : 1;
    }),
  );
  report(
    "avro encode",
    best(() => {
      for (const r of rows) sink += ser("+I", r)!.length;
    }),
    "avsc toBuffer",
    best(() => {
      for (const o of records) sink += peerType.toBuffer(o).length;
    }),
  );
}

// csv and debezium-json: no peer in-process; reported against json for scale.
for (const name of ["csv", "debezium-json"]) {
  const format = formatFor(name)!;
  const ser = format.createSerializer(schema, {});
  const de = format.createDeserializer(schema, {});
  const encoded = rows.map((r) => ser("+I", r)!);
  report(
    `${name} decode`,
    best(() => {
      for (const b of encoded) sink += de(b).kind.length;
    }),
  );
  report(
    `${name} encode`,
    best(() => {
      for (const r of rows) sink += ser("+I", r)!.length;
    }),
  );
}

if (sink === 42) console.log("");
