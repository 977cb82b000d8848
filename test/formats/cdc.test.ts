import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFor } from "../../src/formats/index.ts";
import { type LocalRegistry, startLocalRegistry } from "./local-registry.ts";
import { bytes, schema, t, text } from "./types.ts";

const products = schema({ id: t.bigint(), name: t.string(), weight: t.decimal(10, 2) });

// The update event from docs/connectors/table/formats/debezium.md.
const update = {
  before: { id: 111, name: "scooter", weight: 5.18 },
  after: { id: 111, name: "scooter", weight: 5.15 },
  source: { db: "inventory" },
  op: "u",
  ts_ms: 1589362330904,
  transaction: null,
};

describe("debezium-json", () => {
  const dbz = formatFor("debezium-json")!;

  it("turns c/r/u/d events into +I, -U/+U and -D", () => {
    const de = dbz.createDeserializer(products, {});
    expect(de(bytes(JSON.stringify(update)))).toEqual({
      kind: "rows",
      rows: [
        { kind: "-U", row: [111, "scooter", 518n] },
        { kind: "+U", row: [111, "scooter", 515n] },
      ],
    });
    expect(de(bytes('{"before":null,"after":{"id":1,"name":"a","weight":1},"op":"r"}'))).toEqual({
      kind: "rows",
      rows: [{ kind: "+I", row: [1, "a", 100n] }],
    });
    expect(de(bytes('{"before":{"id":1,"name":"a","weight":1},"after":null,"op":"d"}'))).toEqual({
      kind: "rows",
      rows: [{ kind: "-D", row: [1, "a", 100n] }],
    });
    expect(de(null)).toEqual({ kind: "rows", rows: [] }); // tombstone
  });

  it("reads schema/payload envelopes with 'debezium-json.schema-include'", () => {
    const wrapped = bytes(JSON.stringify({ schema: { type: "struct" }, payload: update }));
    expect(
      dbz.createDeserializer(products, { "debezium-json.schema-include": "true" })(wrapped),
    ).toMatchObject({
      kind: "rows",
      rows: [{ kind: "-U" }, { kind: "+U" }],
    });
    expect(dbz.createDeserializer(products, {})(wrapped)).toMatchObject({
      kind: "error",
      field: "op",
      message: expect.stringMatching(/schema-include/),
    });
  });

  it("reports unknown operations and missing before images", () => {
    const de = dbz.createDeserializer(products, {});
    expect(de(bytes('{"op":"x"}'))).toMatchObject({ kind: "error", field: "op" });
    expect(de(bytes('{"before":null,"after":{"id":1},"op":"u"}'))).toMatchObject({
      kind: "error",
      field: "before",
      message: expect.stringMatching(/REPLICA IDENTITY/),
    });
    expect(de(bytes('{"before":null,"after":{"id":"z"},"op":"c"}'))).toMatchObject({
      kind: "error",
      field: "id",
    });
  });

  it("writes +I/+U as op c and -U/-D as op d, as Flink does", () => {
    const ser = dbz.createSerializer(products, {});
    expect(text(ser("+I", [1, "a", 150n]))).toBe(
      '{"before":null,"after":{"id":1,"name":"a","weight":1.5},"op":"c"}',
    );
    expect(text(ser("-U", [1, "a", 150n]))).toBe(
      '{"before":{"id":1,"name":"a","weight":1.5},"after":null,"op":"d"}',
    );
    const de = dbz.createDeserializer(products, {});
    expect(de(ser("-D", [2, "b", 1n]))).toEqual({ kind: "rows", rows: [{ kind: "-D", row: [2, "b", 1n] }] });
  });
});

describe("canal-json and maxwell-json", () => {
  it("reads canal batches, restoring the old values of updates", () => {
    const de = formatFor("canal-json")!.createDeserializer(products, {});
    const event = {
      data: [{ id: "1", name: "scooter", weight: "5.15" }],
      old: [{ weight: "5.18" }],
      type: "UPDATE",
      isDdl: false,
    };
    expect(de(bytes(JSON.stringify(event)))).toEqual({
      kind: "rows",
      rows: [
        { kind: "-U", row: [1, "scooter", 518n] },
        { kind: "+U", row: [1, "scooter", 515n] },
      ],
    });
    expect(de(bytes('{"data":null,"type":"CREATE","isDdl":true}'))).toEqual({ kind: "rows", rows: [] });
    const ser = formatFor("canal-json")!.createSerializer(products, {});
    expect(text(ser("-D", [1, "a", 1n]))).toBe(
      '{"data":[{"id":1,"name":"a","weight":0.01}],"type":"DELETE"}',
    );
  });

  it("reads maxwell events", () => {
    const de = formatFor("maxwell-json")!.createDeserializer(products, {});
    const event = {
      database: "test",
      table: "p",
      type: "update",
      data: { id: 1, name: "b", weight: 2 },
      old: { name: "a" },
    };
    expect(de(bytes(JSON.stringify(event)))).toEqual({
      kind: "rows",
      rows: [
        { kind: "-U", row: [1, "a", 200n] },
        { kind: "+U", row: [1, "b", 200n] },
      ],
    });
    expect(text(formatFor("maxwell-json")!.createSerializer(products, {})("+I", [1, "a", 1n]))).toBe(
      '{"data":{"id":1,"name":"a","weight":0.01},"type":"insert"}',
    );
  });
});

describe("debezium-avro-confluent", () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startLocalRegistry();
  });
  afterAll(() => registry.close());

  it("round-trips the changelog through Flink's before/after/op envelope", async () => {
    const format = formatFor("debezium-avro-confluent")!;
    const options = { "debezium-avro-confluent.url": registry.url };
    const ser = format.createSerializer(products, options, { topic: "products" });
    await ser.prepare!();
    const de = format.createDeserializer(products, options);
    const records = [ser("+I", [1, "a", 100n])!, ser("-U", [1, "a", 100n])!, ser("+U", [1, "b", 100n])!];
    await de.prepare!(records);
    expect(records.map((r) => de(r))).toEqual([
      { kind: "rows", rows: [{ kind: "+I", row: [1, "a", 100n] }] },
      { kind: "rows", rows: [{ kind: "-D", row: [1, "a", 100n] }] },
      { kind: "rows", rows: [{ kind: "+I", row: [1, "b", 100n] }] },
    ]);
    expect(registry.requests.some((r) => r.path === "/subjects/products-value/versions")).toBe(true);
  });
});
