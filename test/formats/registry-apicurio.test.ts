// avro-confluent against the real registry peer (scripts/schema-registry.sh: Apicurio's Confluent-
// compatible API). Skipped visibly without Java; a failure with HEADWATER_REQUIRE_JAVA=1.
import { beforeAll, expect, it } from "vitest";
import { formatFor, SchemaRegistryClient } from "../../src/formats/index.ts";
import { describeWithJava, type RegistryPeer, requireRegistry, uniqueName } from "../infra/peers.ts";
import { schema, TS, t } from "./types.ts";

describeWithJava("avro-confluent against the real schema registry", () => {
  let peer: RegistryPeer;
  beforeAll(async () => {
    peer = await requireRegistry();
  }, 600_000);

  it("registers the derived schema, frames records and reads them back by id", async () => {
    const topic = uniqueName("formats-orders");
    const orders = schema({
      id: t.bigint(false),
      customer: t.string(),
      amount: t.decimal(10, 2),
      ts: t.timestamp(3),
    });
    const options = { "avro-confluent.url": peer.confluentUrl };
    const ser = formatFor("avro-confluent")!.createSerializer(orders, options, { topic });
    await ser.prepare!();
    const row = [1, "Ann", 1999n, TS];
    const record = ser("+I", row)!;
    const latest = await new SchemaRegistryClient({ url: peer.confluentUrl }).latest(`${topic}-value`);
    expect(new DataView(record.buffer, record.byteOffset).getInt32(1)).toBe(latest.id);
    const de = formatFor("avro-confluent")!.createDeserializer(orders, options);
    await de.prepare!([record]);
    expect(de(record)).toEqual({ kind: "rows", rows: [{ kind: "+I", row }] });
  });
});
