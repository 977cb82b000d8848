import avro from "avsc";
import { describe, expect, it } from "vitest";
import { deriveAvroSchema, formatFor } from "../../src/formats/index.ts";
import { DAY, schema, TS, t } from "./types.ts";

const avroFormat = formatFor("avro")!;

describe("avro schema derivation (Flink's AvroSchemaConverter.convertToSchema)", () => {
  it("derives the schema Flink derives for a DDL", () => {
    // CREATE TABLE t (id BIGINT NOT NULL, name STRING, price DECIMAL(10, 2), ts TIMESTAMP(3), d DATE,
    //   tm TIME, flag BOOLEAN NOT NULL, tags ARRAY<STRING>, attrs MAP<STRING, INT>,
    //   addr ROW<city STRING, geo ROW<lat DOUBLE NOT NULL>>, items ARRAY<ROW<sku STRING>>)
    const derived = deriveAvroSchema(
      schema({
        id: t.bigint(false),
        name: t.string(),
        price: t.decimal(10, 2),
        ts: t.timestamp(3),
        d: t.date(),
        tm: t.time(),
        flag: t.boolean(false),
        tags: t.array(t.string()),
        attrs: t.map(t.string(), t.int()),
        addr: t.row({ city: t.string(), geo: t.row({ lat: t.double(false) }) }),
        items: t.array(t.row({ sku: t.string() })),
      }).columns,
    );
    const opt = (type: unknown) => ({ type: ["null", type], default: null });
    expect(derived).toEqual({
      type: "record",
      name: "record",
      namespace: "org.apache.flink.avro.generated",
      fields: [
        { name: "id", type: "long" },
        { name: "name", ...opt("string") },
        { name: "price", ...opt({ type: "bytes", logicalType: "decimal", precision: 10, scale: 2 }) },
        { name: "ts", ...opt({ type: "long", logicalType: "timestamp-millis" }) },
        { name: "d", ...opt({ type: "int", logicalType: "date" }) },
        { name: "tm", ...opt({ type: "int", logicalType: "time-millis" }) },
        { name: "flag", type: "boolean" },
        { name: "tags", ...opt({ type: "array", items: ["null", "string"] }) },
        { name: "attrs", ...opt({ type: "map", values: ["null", "int"] }) },
        {
          name: "addr",
          ...opt({
            type: "record",
            name: "record_addr",
            fields: [
              { name: "city", ...opt("string") },
              {
                name: "geo",
                ...opt({
                  type: "record",
                  name: "record_addr_geo",
                  fields: [{ name: "lat", type: "double" }],
                }),
              },
            ],
          }),
        },
        {
          name: "items",
          ...opt({
            type: "array",
            items: [
              "null",
              { type: "record", name: "record_items", fields: [{ name: "sku", ...opt("string") }] },
            ],
          }),
        },
      ],
    });
  });

  it("maps timestamps by 'timestamp_mapping.legacy' and rejects what Flink rejects", () => {
    const nonLegacy = deriveAvroSchema(
      schema({ a: t.timestamp(3, false), b: t.timestampLtz(6, false) }).columns,
      {
        legacyTimestampMapping: false,
      },
    );
    expect(nonLegacy).toMatchObject({
      fields: [
        { name: "a", type: { type: "long", logicalType: "local-timestamp-millis" } },
        { name: "b", type: { type: "long", logicalType: "timestamp-micros" } },
      ],
    });
    expect(() => deriveAvroSchema(schema({ a: t.timestampLtz() }).columns)).toThrow(
      /timestamp_mapping.legacy/,
    );
    expect(() => deriveAvroSchema(schema({ m: t.map(t.int(), t.int()) }).columns)).toThrow(
      /non-string as key/,
    );
    expect(() => deriveAvroSchema(schema({ $rowtime: t.int() }).columns)).toThrow(
      /not a valid Avro field name/,
    );
  });
});

const everyType = schema({
  b: t.boolean(),
  ti: t.tinyint(),
  si: t.smallint(),
  i: t.int(),
  bi: t.bigint(),
  f: t.float(),
  d: t.double(),
  s: t.string(),
  by: t.bytes(),
  dec: t.decimal(10, 2),
  big: t.decimal(38, 0),
  dt: t.date(),
  tm: t.time(),
  ts: t.timestamp(3),
  arr: t.array(t.int()),
  m: t.map(t.string(), t.double()),
  ms: t.multiset(t.string()),
  r: t.row({ city: t.string(), geo: t.row({ lat: t.double(), tags: t.array(t.string()) }) }),
});

const fullRow = [
  false,
  127,
  -32768,
  2147483647,
  -9007199254740991, // -(2^53 - 1): the lowest BIGINT the engine holds, exact through Avro
  0.5,
  Math.PI,
  "Zürich 東京 👋",
  new Uint8Array([255, 0, 128]),
  -1n,
  -99999999999999999999999999999999999999n,
  DAY,
  45296789,
  TS,
  [1, null, -3],
  new Map([
    ["a", 1.25],
    ["b", null],
  ]),
  new Map([["x", 3]]),
  ["Paris", [48.85, ["a", null]]],
];

describe("avro format", () => {
  it("round-trips every type, nulls, DECIMAL edges and nesting", () => {
    const ser = avroFormat.createSerializer(everyType, {});
    const de = avroFormat.createDeserializer(everyType, {});
    expect(de(ser("+I", fullRow))).toEqual({ kind: "rows", rows: [{ kind: "+I", row: fullRow }] });
    const nulls = everyType.columns.map(() => null);
    expect(de(ser("+I", nulls))).toEqual({ kind: "rows", rows: [{ kind: "+I", row: nulls }] });
    for (const dec of [0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, 9999999999n, -9999999999n]) {
      const row: (bigint | null)[] = [...nulls];
      row[9] = dec;
      expect(de(ser("+I", row))).toEqual({ kind: "rows", rows: [{ kind: "+I", row }] });
    }
  });

  it("writes the bytes Avro's binary encoding defines (readable by any Avro reader)", () => {
    const s = schema({ id: t.int(false), name: t.string(), price: t.decimal(5, 2, false) });
    const encoded = avroFormat.createSerializer(s, {})("+I", [1, "a", -129n])!;
    // int 1 → zigzag 02; union branch 1 → 02, string "a" → 02 61; decimal bytes ff7f (-129) → 04 ff 7f
    expect([...encoded]).toEqual([0x02, 0x02, 0x02, 0x61, 0x04, 0xff, 0x7f]);
    const peer = avro.Type.forSchema(deriveAvroSchema(s.columns) as avro.Schema);
    expect(peer.fromBuffer(Buffer.from(encoded))).toMatchObject({ id: 1, name: "a" });
  });

  it("names the field and byte offset of truncated or garbled data", () => {
    const s = schema({ id: t.int(false), name: t.string(false), amount: t.double(false) });
    const encoded = avroFormat.createSerializer(s, {})("+I", [7, "hello", 2.5])!;
    const de = avroFormat.createDeserializer(s, {});
    const truncated = de(encoded.subarray(0, 5));
    expect(truncated).toMatchObject({ kind: "error", field: "name", offset: 1 });
    expect(truncated.kind === "error" && truncated.message).toMatch(/truncated Avro data/);
    expect(de(encoded.subarray(0, 9))).toMatchObject({ kind: "error", field: "amount", offset: 7 });
    expect(de(new Uint8Array([0x02, 0x01]))).toMatchObject({ kind: "error", field: "name" });
  });

  it("writes and reads every BIGINT the engine holds exactly, as Avro's zig-zag varints", () => {
    const s = schema({ n: t.bigint(false) });
    const ser = avroFormat.createSerializer(s, {});
    const de = avroFormat.createDeserializer(s, {});
    const peer = avro.Type.forSchema({ type: "record", name: "r", fields: [{ name: "n", type: "long" }] });
    for (const n of [
      0,
      1,
      -1,
      2 ** 31,
      -(2 ** 32) - 7,
      2 ** 52 + 1,
      -(2 ** 52) - 1,
      2 ** 53 - 1,
      -(2 ** 53) + 1,
    ]) {
      const encoded = ser("+I", [n])!;
      // Zig-zag: (n << 1) ^ (n >> 63), little-endian base-128 — computed here with bigints.
      let zigzag = BigInt(n) >= 0n ? BigInt(n) * 2n : -BigInt(n) * 2n - 1n;
      const expected: number[] = [];
      do {
        const low = Number(zigzag & 0x7fn);
        zigzag >>= 7n;
        expected.push(zigzag > 0n ? low | 0x80 : low);
      } while (zigzag > 0n);
      expect([...encoded], String(n)).toEqual(expected);
      expect(de(encoded)).toEqual({ kind: "rows", rows: [{ kind: "+I", row: [n] }] });
      if (Math.abs(n) < 2 ** 52) expect(peer.fromBuffer(Buffer.from(encoded))).toEqual({ n });
    }
    expect(() => ser("+I", [2 ** 53])).toThrow(/invalid/);
  });

  it("reports a long beyond the run-time BIGINT range with its exact value, on its field", () => {
    const buffer = Buffer.from([0x04, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]); // 2, 2^63 - 1
    const de = avroFormat.createDeserializer(schema({ i: t.int(false), n: t.bigint(false) }), {});
    expect(de(buffer)).toMatchObject({
      kind: "error",
      field: "n",
      offset: 1,
      message:
        "avro: field 'n': cannot read the long value at byte 1: long 9223372036854775807 is outside ±(2^53 − 1), the BIGINT range Headwater runs with",
    });
    const justOver = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]); // zig-zag of 2^53
    expect(de(Buffer.concat([Buffer.from([0x02]), justOver]))).toMatchObject({
      message: expect.stringContaining("long 9007199254740992 is outside"),
    });
  });
});
