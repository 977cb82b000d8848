// Issue 4's "done when": a pipeline reads avro-confluent records from a real Kafka topic (schemas in
// the real Apicurio registry), transforms and deduplicates them, writes an upsert topic, and a plain
// Kafka consumer sees the expected keys and values; the same pipeline on the embedded store produces
// the same rows. Deduplication is Flink's ROW_NUMBER keep-last per order (on processing time: a
// corrected order replaces the earlier version).
import { Admin, Consumer, Producer } from "@platformatic/kafka";
import avro from "avsc";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createEngine, type Engine } from "../../../src/engine/index.ts";
import {
  describeWithJava,
  type KafkaPeer,
  type RegistryPeer,
  requireKafka,
  requireRegistry,
  uniqueName,
} from "../../infra/peers.ts";
import { tempDir } from "../../store/temp-dir.ts";

/** The producer's own schema: written independently of Headwater, as another team's service would. */
const ORDER_SCHEMA = {
  type: "record",
  name: "Order",
  namespace: "com.example.shop",
  fields: [
    { name: "order_id", type: "string" },
    { name: "customer", type: "string" },
    { name: "amount", type: "double" },
    { name: "status", type: "string" },
  ],
};

interface Order {
  order_id: string;
  customer: string;
  amount: number;
  status: string;
}

/** Orders as a service emits them: corrections re-send an order (the last version wins), test orders are noise. */
const ORDERS: Order[] = [
  { order_id: "o1", customer: "ann", amount: 10, status: "paid" },
  { order_id: "o2", customer: "bob", amount: 20, status: "paid" },
  { order_id: "o3", customer: "ann", amount: 5, status: "test" },
  { order_id: "o1", customer: "ann", amount: 12.5, status: "paid" },
  { order_id: "o4", customer: "cyd", amount: 7, status: "paid" },
  { order_id: "o2", customer: "bob", amount: 20, status: "paid" },
  { order_id: "o5", customer: "bob", amount: 1.5, status: "paid" },
  { order_id: "o4", customer: "ann", amount: 7, status: "paid" },
];

/** The expected result, computed here from the input: last version per order, no test orders, totals per customer. */
function expectedTotals(): Map<string, { orders: number; total: number }> {
  const last = new Map<string, Order>();
  for (const order of ORDERS) last.set(order.order_id, order);
  const totals = new Map<string, { orders: number; total: number }>();
  for (const order of last.values()) {
    if (order.status === "test") continue;
    const customer = order.customer.toUpperCase();
    const t = totals.get(customer) ?? { orders: 0, total: 0 };
    totals.set(customer, { orders: t.orders + 1, total: t.total + order.amount });
  }
  return totals;
}

const PIPELINE = (source: string, sink: string) => `
  INSERT INTO ${sink}
  SELECT UPPER(customer) AS customer, COUNT(*) AS orders, SUM(amount) AS total
  FROM (
    SELECT order_id, customer, amount, status
    FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY pt DESC) AS rn FROM ${source})
    WHERE rn = 1
  )
  WHERE status <> 'test'
  GROUP BY UPPER(customer)`;

async function register(registry: RegistryPeer, subject: string, schema: object): Promise<number> {
  const response = await fetch(`${registry.confluentUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { id: number }).id;
}

/** Confluent's wire format, by hand: magic byte 0, the schema id (big-endian), the Avro body. */
function frame(id: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(id, 1);
  return Buffer.concat([header, body]);
}

/** Decodes a framed record with the writer schema the registry has under its id. */
async function decode(registry: RegistryPeer, bytes: Buffer): Promise<Record<string, unknown>> {
  expect(bytes[0]).toBe(0);
  const id = bytes.readInt32BE(1);
  const answer = (await (await fetch(`${registry.confluentUrl}/schemas/ids/${id}`)).json()) as {
    schema: string;
  };
  return avro.Type.forSchema(JSON.parse(answer.schema)).fromBuffer(bytes.subarray(5)) as Record<
    string,
    unknown
  >;
}

describeWithJava("avro-confluent pipeline: Kafka and the embedded store", () => {
  let kafka: KafkaPeer;
  let registry: RegistryPeer;
  const engines: Engine[] = [];

  beforeAll(async () => {
    [kafka, registry] = await Promise.all([requireKafka(), requireRegistry()]);
  }, 600_000);
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
  });

  it("reads avro-confluent orders, deduplicates them and writes customer totals as an upsert topic", async () => {
    const input = uniqueName("hw-orders");
    const output = uniqueName("hw-customer-totals");
    const admin = new Admin({ clientId: "shop", bootstrapBrokers: kafka.brokers });
    await admin.createTopics({ topics: [input], partitions: 2, replicas: 1 });
    await admin.close();
    const id = await register(registry, `${input}-value`, ORDER_SCHEMA);
    const type = avro.Type.forSchema(ORDER_SCHEMA as avro.Schema);
    const producer = new Producer({ clientId: "shop", bootstrapBrokers: kafka.brokers, idempotent: true });
    await producer.send({
      messages: ORDERS.map((order) => ({
        topic: input,
        key: Buffer.from(order.order_id),
        value: frame(id, type.toBuffer(order)),
      })),
    });
    await producer.close();

    const engine = createEngine();
    engines.push(engine);
    const avroOptions = (side: string) =>
      `'${side}.format' = 'avro-confluent', '${side}.avro-confluent.url' = '${registry.confluentUrl}'`;
    await engine.execute(`
      CREATE TABLE orders (order_id STRING, customer STRING, amount DOUBLE, status STRING, pt AS PROCTIME()) WITH (
        'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
        'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', ${avroOptions("value")});
      CREATE TABLE customer_totals (customer STRING, orders BIGINT, total DOUBLE, PRIMARY KEY (customer) NOT ENFORCED)
        DISTRIBUTED BY (customer) INTO 2 BUCKETS WITH (
        'connector' = 'upsert-kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
        ${avroOptions("key")}, ${avroOptions("value")});
      ${PIPELINE("orders", "customer_totals")};`);
    await engine.runBounded();
    expect(engine.jobs.map((j) => j.error?.message)).toEqual([undefined]);

    // A plain consumer: the last record per key is the customer's current total.
    const expected = expectedTotals();
    const records = await readAll(kafka, output);

    const latest = new Map<string, Record<string, unknown> | null>();
    for (const record of records) {
      const key = await decode(registry, record.key);
      const value =
        record.value === null || record.value === undefined ? null : await decode(registry, record.value);
      latest.set(key.customer as string, value === null ? null : { ...value });
    }
    const live = new Map([...latest].filter(([, value]) => value !== null));
    expect(Object.fromEntries(live)).toEqual(
      Object.fromEntries(
        [...expected].map(([customer, t]) => [customer, { customer, orders: t.orders, total: t.total }]),
      ),
    );
    // CYD's only order was corrected to ANN: the total was deleted, a tombstone is CYD's last record.
    expect(latest.get("CYD")).toBeNull();

    // The same pipeline over Confluent Cloud tables in the embedded store, with the same registry.
    const dir = tempDir();
    const embedded = createEngine({ storeDir: dir, schemaRegistryUrl: registry.confluentUrl });
    engines.push(embedded);
    const raw = uniqueName("orders_raw").replaceAll("-", "_");
    await embedded.execute(`
      CREATE TABLE ${raw} (order_id STRING, customer STRING, amount DOUBLE, status STRING, pt AS PROCTIME())
        DISTRIBUTED BY (order_id) INTO 3 BUCKETS WITH ('value.format' = 'avro-registry', 'key.format' = 'avro-registry');
      INSERT INTO ${raw} VALUES ${ORDERS.map((o) => `('${o.order_id}', '${o.customer}', ${o.amount}, '${o.status}')`).join(", ")};
      CREATE TABLE totals (customer STRING, orders BIGINT, total DOUBLE, PRIMARY KEY (customer) NOT ENFORCED)
        WITH ('value.format' = 'avro-registry', 'key.format' = 'avro-registry');
      ${PIPELINE(raw, "totals")};`);
    await embedded.runBounded();
    // A served view fetches the writer schemas of the records it reads first.
    const view = embedded.table("totals");
    await embedded.settle();
    const rows = view.rows();
    expect(new Map(rows.map((r) => [r[0], { customer: r[0], orders: r[1], total: r[2] }]))).toEqual(live);
    // The store's records are in Confluent's wire format, under the registry's schema ids.
    const stored = embedded
      .store!.consumer("totals")
      .poll()
      .flatMap((b) => b.records);
    expect(stored.length).toBeGreaterThan(0);
    for (const record of stored) expect(record.value === null || record.value[0] === 0).toBe(true);
  }, 120_000);
});

/**
 * Every record of a topic now, read with the Kafka client's plain fetch API from offset 0 of each
 * partition to its end offset (no consumer group: nothing to wait for).
 */
async function readAll(kafka: KafkaPeer, topic: string): Promise<{ key: Buffer; value: Buffer | null }[]> {
  const consumer = new Consumer({
    clientId: "check",
    groupId: uniqueName("check"),
    bootstrapBrokers: kafka.brokers,
  });
  try {
    const metadata = await consumer.metadata({ topics: [topic] });
    const info = metadata.topics.get(topic)!;
    const ends = (await consumer.listOffsets({ topics: [topic], timestamp: -1n })).get(topic)!;
    const out: { key: Buffer; value: Buffer | null }[] = [];
    for (const [partition, p] of info.partitions.entries()) {
      let next = 0n;
      while (next < ends[partition]!) {
        const response = await consumer.fetch({
          node: p.leader,
          topics: [
            {
              topicId: info.id,
              partitions: [
                {
                  partition,
                  fetchOffset: next,
                  partitionMaxBytes: 1 << 20,
                  currentLeaderEpoch: -1,
                  lastFetchedEpoch: -1,
                },
              ],
            },
          ],
        });
        for (const batch of response.responses[0]?.partitions[0]?.records ?? []) {
          for (const record of batch.records) out.push({ key: record.key!, value: record.value });
          next = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
        }
      }
    }
    return out;
  } finally {
    await consumer.close(true);
  }
}
