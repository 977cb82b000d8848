import { describe, expect, it } from "vitest";
import { formatFor, readCsvDocument, writeCsvDocument } from "../../src/formats/index.ts";
import { bytes, DAY, schema, TS, t, text } from "./types.ts";

const csv = formatFor("csv")!;
const raw = formatFor("raw")!;

const everyType = schema({
  b: t.boolean(),
  ti: t.tinyint(),
  i: t.int(),
  bi: t.bigint(),
  f: t.float(),
  d: t.double(),
  s: t.string(),
  by: t.bytes(),
  dec: t.decimal(10, 2),
  dt: t.date(),
  tm: t.time(),
  ts: t.timestamp(3),
  ltz: t.timestampLtz(3),
  arr: t.array(t.int()),
  r: t.row({ city: t.string(), n: t.int() }),
});

describe("csv format", () => {
  it("round-trips every type, quoting, Unicode and NULLs (with csv.null-literal)", () => {
    const row = [
      true,
      -7,
      42,
      9007199254740991,
      0.25,
      -1.5e-9,
      'a,b "q"\nline2 ✓',
      new Uint8Array([1, 2]),
      -5n,
      DAY,
      45296789,
      TS,
      TS,
      [1, 2, 3],
      ["Lyon", 5],
    ];
    const ser = csv.createSerializer(everyType, {});
    const encoded = ser("+I", row);
    expect(text(encoded)).toBe(
      'true,-7,42,9007199254740991,0.25,-1.5E-9,"a,b ""q""\nline2 ✓",AQI=,-0.05,2024-02-29,12:34:56.789,2024-02-29 12:34:56.789,2024-02-29 12:34:56.789Z,1;2;3,Lyon;5\n',
    );
    expect(csv.createDeserializer(everyType, {})(encoded)).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row }],
    });
    const options = { "csv.null-literal": "\\N" };
    const nulls = everyType.columns.map(() => null);
    const encodedNulls = csv.createSerializer(everyType, options)("+I", nulls);
    expect(csv.createDeserializer(everyType, options)(encodedNulls)).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: nulls }],
    });
  });

  it("applies delimiter, quote, escape, comments and disable-quote options", () => {
    const s = schema({ a: t.string(), b: t.int() });
    const de = csv.createDeserializer(s, {
      "csv.field-delimiter": "\\t",
      "csv.quote-character": "'",
      "csv.allow-comments": "true",
    });
    expect(de(bytes("# comment\n'x\ty'\t1\nz\t2\n"))).toEqual({
      kind: "rows",
      rows: [
        { kind: "+I", row: ["x\ty", 1] },
        { kind: "+I", row: ["z", 2] },
      ],
    });
    const escaped = csv.createDeserializer(s, {
      "csv.disable-quote-character": "true",
      "csv.escape-character": "\\\\",
    });
    expect(escaped(bytes('"a\\,b",3'))).toEqual({ kind: "rows", rows: [{ kind: "+I", row: ['"a,b"', 3] }] });
    expect(() => csv.createDeserializer(s, { "csv.field-delimiter": ";;" })).toThrow(/single character/);
  });

  it("reports the line and column of bad values and bad quoting", () => {
    const s = schema({ id: t.int(), amount: t.decimal(10, 2) });
    const de = csv.createDeserializer(s, {});
    expect(de(bytes("1,2.5\n2,abc\n"), { line: 11 })).toEqual({
      kind: "error",
      message: "csv: line 12, column 'amount': 'abc' is not a DECIMAL(10, 2)",
      line: 12,
      field: "amount",
    });
    expect(de(bytes('1,"2.5'))).toMatchObject({
      kind: "error",
      line: 1,
      offset: 2,
      message: expect.stringMatching(/unterminated quoted field/),
    });
    expect(de(bytes('1,"2"x'))).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/after the closing quote/),
    });
    expect(de(bytes("1,2,3"))).toMatchObject({
      kind: "error",
      message: "csv: line 1: expected 2 fields, found 3",
    });
    expect(csv.createDeserializer(s, { "csv.ignore-parse-errors": "true" })(bytes("x,1\n"))).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [null, 100n] }],
    });
  });

  it("reads and writes files with a header, matching columns by name", () => {
    const s = schema({ id: t.int(), name: t.string() });
    const file = 'name,id\n"multi\nline",1\nBob,2\n';
    expect(readCsvDocument(file, s, {}, true)).toEqual({
      kind: "rows",
      rows: [
        { kind: "+I", row: [1, "multi\nline"] },
        { kind: "+I", row: [2, "Bob"] },
      ],
    });
    expect(readCsvDocument("name,id\nx,oops\n", s, {}, true)).toMatchObject({
      kind: "error",
      line: 2,
      field: "id",
    });
    expect(readCsvDocument("name\nx\n", s, {}, true)).toMatchObject({ kind: "error", field: "id" });
    expect(writeCsvDocument([[1, "a"]], s, {}, true)).toBe("id,name\n1,a\n");
  });
});

describe("raw format", () => {
  it("round-trips strings in a charset and numbers in an endianness", () => {
    const str = schema({ line: t.string() });
    const latin = { "raw.charset": "ISO-8859-1" };
    const encoded = raw.createSerializer(str, latin)("+I", ["café"]);
    expect([...encoded!]).toEqual([0x63, 0x61, 0x66, 0xe9]);
    expect(raw.createDeserializer(str, latin)(encoded)).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: ["café"] }],
    });
    const int = schema({ n: t.int() });
    expect([...raw.createSerializer(int, {})("+I", [1])!]).toEqual([0, 0, 0, 1]);
    const little = raw.createSerializer(int, { "raw.endianness": "little-endian" })("+I", [1]);
    expect([...little!]).toEqual([1, 0, 0, 0]);
    for (const [type, value] of [
      [t.boolean(), true],
      [t.tinyint(), -5],
      [t.smallint(), -300],
      [t.bigint(), -9007199254740991],
      [t.float(), 1.5],
      [t.double(), Math.E],
      [t.bytes(), new Uint8Array([9, 8])],
    ] as const) {
      const s = schema({ v: type });
      expect(raw.createDeserializer(s, {})(raw.createSerializer(s, {})("+I", [value]))).toEqual({
        kind: "rows",
        rows: [{ kind: "+I", row: [value] }],
      });
    }
  });

  it("maps NULL to a null record and reports wrong widths", () => {
    const int = schema({ n: t.int() });
    expect(raw.createSerializer(int, {})("+I", [null])).toBeNull();
    expect(raw.createDeserializer(int, {})(null)).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [null] }],
    });
    expect(raw.createDeserializer(int, {})(new Uint8Array(3))).toMatchObject({
      kind: "error",
      field: "n",
      message: "raw: column 'n': INT needs 4 bytes, the record has 3",
    });
    expect(() => raw.createDeserializer(schema({ a: t.int(), b: t.int() }), {})).toThrow(
      /exactly one physical column/,
    );
  });
});
