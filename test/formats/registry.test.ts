import avro from "avsc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deriveAvroSchema,
  formatFor,
  frame,
  SchemaRegistryClient,
  subjectName,
} from "../../src/formats/index.ts";
import { type LocalRegistry, startLocalRegistry } from "./local-registry.ts";
import { schema, TS, t } from "./types.ts";

let registry: LocalRegistry;
let secured: LocalRegistry;

beforeAll(async () => {
  registry = await startLocalRegistry();
  secured = await startLocalRegistry({ user: "flink", password: "s3cret" });
});
afterAll(async () => {
  await registry.close();
  await secured.close();
});

const orders = schema({
  id: t.bigint(false),
  customer: t.string(),
  amount: t.decimal(10, 2),
  ts: t.timestamp(3),
});

describe("schema registry client", () => {
  it("registers, caches and reads schemas the Confluent way", async () => {
    const client = new SchemaRegistryClient({ url: registry.url });
    const text = JSON.stringify(deriveAvroSchema(orders.columns));
    const id = await client.register("orders-value", text);
    expect(await client.register("orders-value", text)).toBe(id);
    expect((await client.schemaById(id)).schema).toBe(text);
    await client.schemaById(id);
    const calls = registry.requests.filter(
      (r) => r.path === `/schemas/ids/${id}` || r.path === "/subjects/orders-value/versions",
    );
    expect(calls).toHaveLength(2); // one POST, one GET: the rest came from the cache
    expect(await client.latest("orders-value")).toMatchObject({ id, version: 1, subject: "orders-value" });
    const dropped = JSON.stringify({ ...JSON.parse(text), fields: JSON.parse(text).fields.slice(1) });
    expect(await client.isCompatible("orders-value", dropped)).toBe(false);
    expect(await client.isCompatible("orders-value", text)).toBe(true);
  });

  it("retries transient failures, then reports the URL without credentials", async () => {
    const client = new SchemaRegistryClient({ url: registry.url, backoffMs: 1 });
    registry.failNext(2, 503);
    await expect(client.latest("orders-value")).resolves.toMatchObject({ version: 1 });
    registry.failNext(5, 500);
    await expect(client.latest("orders-value")).rejects.toThrow(/answered 500 \(error 50000\): try again/);
    const withSecret = new SchemaRegistryClient({
      url: secured.url.replace("http://", "http://flink:wrong@"),
      backoffMs: 1,
    });
    const failure = withSecret.schemaById(1);
    await expect(failure).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/schemas\/ids\/1 answered 401/);
    await expect(failure).rejects.not.toThrow(/wrong/);
    const good = new SchemaRegistryClient({ url: secured.url, basicAuthUserInfo: "flink:s3cret" });
    await expect(good.register("x-value", '"string"')).resolves.toBeTypeOf("number");
    const unreachable = new SchemaRegistryClient({ url: "http://127.0.0.1:1", attempts: 2, backoffMs: 1 });
    await expect(unreachable.schemaById(1)).rejects.toThrow(
      /schema registry GET http:\/\/127\.0\.0\.1:1\/schemas\/ids\/1 failed/,
    );
  });

  it("names subjects by strategy", () => {
    expect(subjectName("TopicNameStrategy", { topic: "orders", isKey: true }, "x.Y")).toBe("orders-key");
    expect(subjectName("TopicNameStrategy", { topic: "orders" }, "x.Y")).toBe("orders-value");
    expect(subjectName("RecordNameStrategy", {}, "x.Y")).toBe("x.Y");
    expect(subjectName("TopicRecordNameStrategy", { topic: "orders" }, "x.Y")).toBe("orders-x.Y");
  });
});

describe("avro-confluent / avro-registry formats", () => {
  it("frames records as magic byte + big-endian schema id + Avro, and reads them back", async () => {
    const options = { "avro-confluent.url": registry.url };
    const ser = formatFor("avro-confluent")!.createSerializer(orders, options, { topic: "orders" });
    await ser.prepare!();
    const row = [1, "Ann", 1999n, TS];
    const bytes = ser("+I", row)!;
    const id = await new SchemaRegistryClient({ url: registry.url }).register(
      "orders-value",
      JSON.stringify(deriveAvroSchema(orders.columns)),
    );
    expect([...bytes.subarray(0, 5)]).toEqual([
      0,
      (id >>> 24) & 255,
      (id >>> 16) & 255,
      (id >>> 8) & 255,
      id & 255,
    ]);
    const de = formatFor("avro-registry")!.createDeserializer(orders, { "avro-registry.url": registry.url });
    expect(de(bytes)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/unknown schema id \d+: it was not fetched/),
    });
    await de.prepare!([bytes]);
    expect(de(bytes)).toEqual({ kind: "rows", rows: [{ kind: "+I", row }] });
    expect(de(null)).toEqual({ kind: "rows", rows: [] });
  });

  it("reads records written with another producer's schema (resolution by field name)", async () => {
    const writerSchema = {
      type: "record",
      name: "Order",
      namespace: "shop",
      fields: [
        { name: "customer", type: "string" },
        { name: "id", type: "int" },
        { name: "note", type: "string" },
      ],
    };
    const client = new SchemaRegistryClient({ url: registry.url });
    const id = await client.register("shop-orders-value", JSON.stringify(writerSchema));
    const payload = avro.Type.forSchema(writerSchema as avro.Schema).toBuffer({
      customer: "Bo",
      id: 7,
      note: "x",
    });
    const record = frame(id, payload);
    const de = formatFor("avro-confluent")!.createDeserializer(orders, {
      "avro-confluent.url": registry.url,
    });
    await de.prepare!([record]);
    expect(de(record)).toEqual({ kind: "rows", rows: [{ kind: "+I", row: [7, "Bo", null, null] }] });
  });

  it("reports unknown schema ids, bad framing and truncated payloads", async () => {
    const de = formatFor("avro-confluent")!.createDeserializer(orders, {
      "avro-confluent.url": registry.url,
    });
    const unknown = frame(424242, new Uint8Array([2]));
    await de.prepare!([unknown]);
    expect(de(unknown)).toMatchObject({
      kind: "error",
      message: expect.stringMatching(/unknown schema id 424242: .*answered 404 \(error 40403\)/),
    });
    expect(de(new Uint8Array([1, 0, 0, 0, 1, 2]))).toMatchObject({
      kind: "error",
      offset: 0,
      message: expect.stringMatching(/magic byte 1/),
    });
    expect(de(new Uint8Array([0, 0]))).toMatchObject({ kind: "error", offset: 0 });
    const ser = formatFor("avro-confluent")!.createSerializer(orders, {
      "avro-confluent.url": registry.url,
      "avro-confluent.subject": "explicit",
    });
    await ser.prepare!();
    const full = ser("+I", [1, "Ann", 1999n, TS])!;
    await de.prepare!([full]);
    expect(de(full.subarray(0, 8))).toMatchObject({ kind: "error", field: "customer", offset: 6 });
    expect(registry.requests.some((r) => r.path === "/subjects/explicit/versions")).toBe(true);
  });

  it("uses the subject name strategy from the forwarded client properties", async () => {
    const ser = formatFor("avro-confluent")!.createSerializer(
      orders,
      {
        "avro-confluent.url": registry.url,
        "avro-confluent.properties.value.subject.name.strategy":
          "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy",
      },
      { topic: "t1" },
    );
    await ser.prepare!();
    expect(
      registry.requests.some(
        (r) => r.path === "/subjects/t1-org.apache.flink.avro.generated.record/versions",
      ),
    ).toBe(true);
    expect(() => formatFor("avro-confluent")!.createSerializer(orders, {})).toThrow(
      /'avro-confluent.url'.*required/,
    );
  });
});
