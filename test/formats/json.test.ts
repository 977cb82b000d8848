import { describe, expect, it } from "vitest";
import { formatFor } from "../../src/formats/index.ts";
import { bytes, DAY, schema, TS, t, text } from "./types.ts";

const json = formatFor("json")!;

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
  big: t.decimal(38, 10),
  dt: t.date(),
  tm: t.time(),
  ts: t.timestamp(3),
  ltz: t.timestampLtz(3),
  arr: t.array(t.int()),
  m: t.map(t.string(), t.double()),
  ms: t.multiset(t.string()),
  r: t.row({ city: t.string(), geo: t.row({ lat: t.double(), tags: t.array(t.string()) }) }),
});

const fullRow = [
  true,
  -128,
  32767,
  -2147483648,
  9007199254740991,
  1.5,
  -0.000123,
  'héllo "wörld" 👋\n\u0001',
  new Uint8Array([0, 1, 2, 250]),
  -12345n,
  12345678901234567890123456789012345678n,
  DAY,
  45296000,
  TS,
  TS,
  [1, null, 3],
  new Map([
    ["a", 1.25],
    ["b", null],
  ]),
  new Map([["x", 2]]),
  ["Paris", [48.85, ["a", "b"]]],
];

describe("json format", () => {
  it("round-trips every type, nulls and nesting", () => {
    const ser = json.createSerializer(everyType, {});
    const de = json.createDeserializer(everyType, {});
    expect(de(ser("+I", fullRow))).toEqual({ kind: "rows", rows: [{ kind: "+I", row: fullRow }] });
    const nulls = everyType.columns.map(() => null);
    expect(de(ser("+I", nulls))).toEqual({ kind: "rows", rows: [{ kind: "+I", row: nulls }] });
  });

  it("writes the text Flink writes (golden)", () => {
    const s = schema({
      id: t.bigint(),
      name: t.string(),
      price: t.decimal(10, 2),
      ts: t.timestamp(3),
      ok: t.boolean(),
      d: t.double(),
    });
    const ser = json.createSerializer(s, {});
    expect(text(ser("+I", [1, "Ann", 1999n, TS, true, 100]))).toBe(
      '{"id":1,"name":"Ann","price":19.99,"ts":"2024-02-29 12:34:56.789","ok":true,"d":100.0}',
    );
    // Jackson's node factory strips trailing zeros: 100.00 → 1E+2; whole seconds print no fraction.
    expect(text(ser("+I", [2, null, 10000n, Date.UTC(2020, 11, 30, 12, 13, 14), false, 1e7]))).toBe(
      '{"id":2,"name":null,"price":1E+2,"ts":"2020-12-30 12:13:14","ok":false,"d":1.0E7}',
    );
    const plain = json.createSerializer(s, { "json.encode.decimal-as-plain-number": "true" });
    expect(text(plain("+I", [2, null, 10000n, TS, false, 0.5]))).toContain('"price":100,');
    const iso = json.createSerializer(
      schema({ ts: t.timestamp(3), ltz: t.timestampLtz(3), tm: t.time(), dt: t.date() }),
      {
        "json.timestamp-format.standard": "ISO-8601",
      },
    );
    expect(text(iso("+I", [TS, TS, 45296789, DAY]))).toBe(
      '{"ts":"2024-02-29T12:34:56.789","ltz":"2024-02-29T12:34:56.789Z","tm":"12:34:56","dt":"2024-02-29"}',
    );
    // The documented example: 0.000000027 is 2.7E-8 by default.
    expect(text(json.createSerializer(schema({ x: t.decimal(10, 9) }), {})("+I", [27n]))).toBe(
      '{"x":2.7E-8}',
    );
  });

  it("reads DECIMALs exactly, rounding HALF_UP, and overflow as NULL (DecimalData.fromBigDecimal)", () => {
    const s = schema({ a: t.decimal(38, 10), b: t.decimal(5, 2), c: t.decimal(3, 0) });
    const de = json.createDeserializer(s, {});
    expect(de(bytes('{"a":12345678901234567890.1234567891,"b":"1.005","c":1234}'))).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [123456789012345678901234567891n, 101n, null] }],
    });
  });

  it("accepts Flink's lenient inputs: numbers as text, objects into STRING, top-level arrays", () => {
    const s = schema({ n: t.int(), s: t.string(), b: t.boolean() });
    const de = json.createDeserializer(s, {});
    expect(de(bytes('[{"n":"12","s":{"x":[1,2]},"b":"TRUE"},{"n":3.7,"s":5,"b":1}]'))).toEqual({
      kind: "rows",
      rows: [
        { kind: "+I", row: [12, '{"x":[1,2]}', true] },
        { kind: "+I", row: [3, "5", false] },
      ],
    });
  });

  it("reports bad input with the field path and never throws", () => {
    const s = schema({ id: t.int(), addr: t.row({ zip: t.int() }) });
    const de = json.createDeserializer(s, {});
    expect(de(bytes('{"id":"abc"}'))).toMatchObject({
      kind: "error",
      field: "id",
      message: "json: field 'id': 'abc' is not a INT",
    });
    expect(de(bytes('{"id":1,"addr":{"zip":true}}'))).toMatchObject({ kind: "error", field: "addr.zip" });
    const malformed = de(bytes('{"id":1,}'));
    expect(malformed).toMatchObject({ kind: "error", offset: 8 });
    expect(malformed.kind === "error" && malformed.message).toMatch(/^json: malformed JSON: /);
    expect(de(bytes('{"id":1'))).toMatchObject({ kind: "error" });
    expect(de(new Uint8Array([0x7b, 0xff]))).toMatchObject({
      kind: "error",
      message: "json: the record is not valid UTF-8",
    });
  });

  it("honours fail-on-missing-field and ignore-parse-errors", () => {
    const s = schema({ id: t.int(), name: t.string() });
    expect(json.createDeserializer(s, {})(bytes('{"id":1}'))).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [1, null] }],
    });
    expect(
      json.createDeserializer(s, { "json.fail-on-missing-field": "true" })(bytes('{"id":1}')),
    ).toMatchObject({
      kind: "error",
      field: "name",
    });
    const lenient = json.createDeserializer(s, { "json.ignore-parse-errors": "true" });
    expect(lenient(bytes('{"id":"x","name":"a"}'))).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [null, "a"] }],
    });
    expect(lenient(bytes("{oops"))).toEqual({ kind: "rows", rows: [] });
  });

  it("applies map-null-key modes and ignore-null-fields", () => {
    const s = schema({ m: t.map(t.string(), t.int()), n: t.int() });
    const row = [
      new Map<string | null, number>([
        [null, 1],
        ["k", 2],
      ]),
      null,
    ];
    expect(() => json.createSerializer(s, {})("+I", row)).toThrow(/null keys/);
    expect(text(json.createSerializer(s, { "json.map-null-key.mode": "DROP" })("+I", row))).toBe(
      '{"m":{"k":2},"n":null}',
    );
    expect(
      text(
        json.createSerializer(s, {
          "json.map-null-key.mode": "LITERAL",
          "json.map-null-key.literal": "nil",
          "json.encode.ignore-null-fields": "true",
        })("+I", row),
      ),
    ).toBe('{"m":{"nil":1,"k":2}}');
  });

  it("rejects bad options and unsupported types when created", () => {
    expect(() =>
      json.createDeserializer(schema({ a: t.int() }), { "json.timestamp-format.standard": "X" }),
    ).toThrow(/must be one of 'SQL', 'ISO-8601'/);
    expect(() => json.createSerializer(schema({ m: t.map(t.int(), t.int()) }), {})).toThrow(
      /non-string as key type/,
    );
  });
});
