import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine/index.ts";
import { buildRestApp } from "../../../src/serve/index.ts";
import { jsonEncoderFor } from "../../../src/serve/rest/values/json-value.ts";
import { textParserFor } from "../../../src/serve/rest/values/text-value.ts";
import { parseDataType } from "../../../src/sql/parser/index.ts";
import { writeProduct } from "./helpers.ts";
import { resolve, schemaErrors } from "./json-schema-check.ts";

const parse = (type: string, text: string) => textParserFor(parseDataType(type))!(text);

describe("values written as text (keys, filters, cursors)", () => {
  const accepted: [string, string, unknown][] = [
    ["INT", "+5", 5],
    ["BIGINT", "9007199254740991", 9007199254740991],
    ["DECIMAL(4, 2)", "-0.05", -5n],
    ["DECIMAL(4, 2)", ".5", 50n],
    ["DECIMAL(4, 2)", "12.500", 1250n],
    ["DATE", "2024-02-29", 19782],
    ["TIME(3)", "23:59:59.9999", 86_399_999],
    ["TIMESTAMP(3)", "1970-01-02 00:00:01.5", 86_401_500],
    ["TIMESTAMP_LTZ(3)", "1970-01-01T02:00:00+02:00", 0],
    ["TIMESTAMP_LTZ(3)", "1970-01-01T00:00:00.001", 1],
    ["BOOLEAN", "TRUE", true],
    ["DOUBLE", "-1.5e3", -1500],
    ["BYTES", "AP8Q", new Uint8Array([0, 255, 16])],
  ];
  for (const [type, text, value] of accepted)
    it(`${type} '${text}'`, () => expect(parse(type, text)).toEqual({ ok: true, value }));

  const refused: [string, string, RegExp][] = [
    ["BIGINT", "9007199254740992", /outside ±\(2\^53 − 1\)/],
    ["TINYINT", "128", /outside the range of TINYINT \(-128 to 127\)/],
    ["DECIMAL(4, 2)", "1e3", /must be a decimal number/],
    ["DECIMAL(4, 2)", "100.00", /more digits than DECIMAL\(4, 2\)/],
    ["DATE", "2023-02-29", /must be a date/],
    ["TIME(0)", "24:00", /must be a time/],
    ["TIMESTAMP_LTZ(3)", "2024-01-01T00:00:00+25:00", /must be a date-time/],
    ["BYTES", "AP8", /must be base64/],
    ["INT", "", /must be a whole number/],
  ];
  for (const [type, text, why] of refused)
    it(`refuses ${type} '${text}'`, () => {
      const result = parse(type, text);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.why).toMatch(why);
    });

  it("has no text form for nested types", () => {
    for (const type of ["ARRAY<INT>", "MAP<STRING, INT>", "ROW<a INT>", "INTERVAL DAY"])
      expect(textParserFor(parseDataType(type))).toBeUndefined();
  });
});

describe("values in JSON", () => {
  it("writes BIGINT beyond ±2^53 as a decimal string", () => {
    const encode = jsonEncoderFor(parseDataType("BIGINT"));
    expect(encode(2n ** 60n)).toBe("1152921504606846976");
    expect(encode(2 ** 53)).toBe("9007199254740992");
    expect(encode(-(2 ** 53) + 1)).toBe(-9007199254740991);
  });

  it("serves nested and less common types as the record schema documents them", async () => {
    const engine = createEngine();
    await engine.executeScript(`
      CREATE TABLE v (id INT NOT NULL, tags ARRAY<STRING>, attrs MAP<STRING, INT>, codes MAP<INT, STRING>,
        addr ROW<city STRING, zip INT>, ratio DOUBLE, f FLOAT, t TIME(3), b BYTES, big BIGINT, small TINYINT,
        PRIMARY KEY (id) NOT ENFORCED);
      INSERT INTO v VALUES (1, ARRAY['a', 'b'], MAP['x', 1], MAP[1, 'one'], ROW('Paris', 75001), 0.1,
        CAST(1.5 AS FLOAT), TIME '10:11:12.345', X'00ff10', -9007199254740991, CAST(-128 AS TINYINT));
      INSERT INTO v VALUES (2, CAST(NULL AS ARRAY<STRING>), CAST(NULL AS MAP<STRING, INT>),
        CAST(NULL AS MAP<INT, STRING>), CAST(NULL AS ROW<city STRING, zip INT>), CAST('NaN' AS DOUBLE),
        CAST(NULL AS FLOAT), CAST(NULL AS TIME(3)), CAST(NULL AS BYTES), CAST(NULL AS BIGINT), CAST(NULL AS TINYINT));`);
    const descriptor = writeProduct("x.Values", "v", [
      { name: "id", logicalType: "integer", key: 1 },
      { name: "tags", logicalType: "array" },
      { name: "attrs", logicalType: "object" },
      { name: "codes", logicalType: "object" },
      { name: "addr", logicalType: "object" },
      { name: "ratio", logicalType: "number" },
      { name: "f", logicalType: "number" },
      { name: "t", logicalType: "time" },
      { name: "b", logicalType: "string" },
      { name: "big", logicalType: "integer" },
      { name: "small", logicalType: "integer" },
    ]);
    const app = await buildRestApp({ products: [{ descriptor, table: engine.table("v") }] });
    const one = (await app.inject("/products/x.Values/records/1")).json();
    expect(one).toEqual({
      id: 1,
      tags: ["a", "b"],
      attrs: { x: 1 },
      codes: [{ key: 1, value: "one" }],
      addr: { city: "Paris", zip: 75001 },
      ratio: 0.1,
      f: 1.5,
      t: "10:11:12.345",
      b: "AP8Q",
      big: -9007199254740991,
      small: -128,
    });
    const two = (await app.inject("/products/x.Values/records/2")).json();
    expect(two).toMatchObject({ ratio: "NaN", tags: null, addr: null, b: null });
    const doc = (await app.inject("/openapi.json")).json();
    const schema = resolve(doc, "#/components/schemas/x.Values.Record");
    expect(schemaErrors(one, schema, doc)).toEqual([]);
    expect(schemaErrors(two, schema, doc)).toEqual([]);
    const filtered = await app.inject("/products/x.Values/records?t.gte=10:00&b=AP8Q&tags.null=false");
    expect(filtered.json().items.map((r: { id: number }) => r.id)).toEqual([1]);
    expect(
      (await app.inject("/products/x.Values/records?ratio=NaN"))
        .json()
        .items.map((r: { id: number }) => r.id),
    ).toEqual([2]);
    expect((await app.inject("/products/x.Values/records?tags=a")).json()).toMatchObject({
      code: "unknown_parameter",
    });
    await app.close();
  });
});
