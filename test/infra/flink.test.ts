// Smoke test of the real Flink peer (scripts/flink.sh) through the SQL Gateway REST API, including a
// Kafka → Flink → Kafka job (kafka connector, json format, exactly-once sink) and an avro-confluent
// sink registering its schema in the Apicurio peer.
import { FetchIsolationLevels } from "@platformatic/kafka";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cancelJob, jobFailure, jobState, SqlGatewaySession } from "./flink-gateway.ts";
import { createTopics, produceStrings, readBuffers, readStrings } from "./kafka-helpers.ts";
import {
  describeWithJava,
  type FlinkPeer,
  type KafkaPeer,
  type RegistryPeer,
  requireFlink,
  requireKafka,
  requireRegistry,
  uniqueName,
} from "./peers.ts";

const sqlName = (prefix: string) => uniqueName(prefix).replaceAll("-", "_");

describeWithJava("real Flink (scripts/flink.sh) via the SQL Gateway", () => {
  let flink: FlinkPeer;
  let kafka: KafkaPeer;
  let session: SqlGatewaySession;
  const jobs: string[] = [];

  beforeAll(async () => {
    // Kafka first: the start order of real-infra.md §8 (Kafka → registry → Flink)
    kafka = await requireKafka();
    flink = await requireFlink();
    session = await SqlGatewaySession.open(flink.gatewayUrl);
  }, 900_000);

  afterAll(async () => {
    for (const id of jobs) await cancelJob(flink.restUrl, id).catch(() => undefined);
    await session?.close().catch(() => undefined);
  });

  it("reports its version over /v1/info on loopback", async () => {
    expect(flink.gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = (await (await fetch(`${flink.gatewayUrl}/v1/info`)).json()) as { version: string };
    expect(info.version).toBe(flink.version);
    const overview = (await (await fetch(`${flink.restUrl}/overview`)).json()) as { taskmanagers: number };
    expect(overview.taskmanagers).toBe(1);
  });

  it("runs SELECT 1 and a VALUES query", async () => {
    const one = await session.execute("SELECT 1");
    expect(one.complete).toBe(true);
    expect(one.columns.map((c) => c.name)).toEqual(["EXPR$0"]);
    expect(one.rows).toEqual([{ kind: "INSERT", fields: [1] }]);

    const values = await session.execute(
      "SELECT id, UPPER(name) AS name FROM (VALUES (1, 'ada'), (2, 'bob')) AS t(id, name)",
    );
    expect(values.rows.map((r) => r.fields)).toEqual([
      [1, "ADA"],
      [2, "BOB"],
    ]);
  }, 120_000);

  it("emits a retracting changelog for a streaming GROUP BY", async () => {
    const r = await session.execute(
      "SELECT name, COUNT(*) AS n FROM (VALUES ('a'), ('b'), ('a')) AS t(name) GROUP BY name",
    );
    expect(r.rows).toEqual([
      { kind: "INSERT", fields: ["a", 1] },
      { kind: "INSERT", fields: ["b", 1] },
      { kind: "UPDATE_BEFORE", fields: ["a", 1] },
      { kind: "UPDATE_AFTER", fields: ["a", 2] },
    ]);
  }, 120_000);

  it("reads a Kafka topic (json) and writes another one exactly-once", async () => {
    const input = uniqueName("hw-flink-in");
    const output = uniqueName("hw-flink-out");
    await createTopics(kafka, [input, output]);
    const orders = [
      { order_id: 1, customer: "ada", amount: 12.5 },
      { order_id: 2, customer: "bob", amount: 0.5 },
      { order_id: 3, customer: "cy", amount: 99 },
    ];
    await produceStrings(
      kafka,
      orders.map((o) => ({ topic: input, key: String(o.order_id), value: JSON.stringify(o) })),
    );

    const src = sqlName("orders_src");
    const snk = sqlName("big_orders");
    await session.execute(`CREATE TABLE ${src} (order_id INT, customer STRING, amount DOUBLE) WITH (
      'connector' = 'kafka', 'topic' = '${input}',
      'properties.bootstrap.servers' = '${kafka.bootstrap}', 'properties.group.id' = '${uniqueName("hw-flink")}',
      'scan.startup.mode' = 'earliest-offset', 'format' = 'json')`);
    await session.execute(`CREATE TABLE ${snk} (order_id INT, customer STRING, amount DOUBLE) WITH (
      'connector' = 'kafka', 'topic' = '${output}',
      'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json',
      'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = '${uniqueName("hw-tx")}',
      'properties.transaction.timeout.ms' = '60000')`);
    const insert = await session.execute(
      `INSERT INTO ${snk} SELECT order_id, UPPER(customer), amount * 2 FROM ${src} WHERE amount > 1`,
      { executionConfig: { "execution.checkpointing.interval": "1s" } },
    );
    expect(insert.jobId).toMatch(/^[0-9a-f]{32}$/);
    const jobId = insert.jobId as string;
    jobs.push(jobId);

    // exactly-once: records become visible to read_committed consumers only after a checkpoint
    const out = await readStrings(kafka, output, 2, {
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      timeoutMs: 60_000,
    });
    if (out.length < 2) {
      throw new Error(
        `Flink job ${jobId} is ${await jobState(flink.restUrl, jobId)}; ${(await jobFailure(flink.restUrl, jobId)) ?? ""}`,
      );
    }
    expect(out.map((m) => JSON.parse(m.value))).toEqual([
      { order_id: 1, customer: "ADA", amount: 25 },
      { order_id: 3, customer: "CY", amount: 198 },
    ]);
    expect(await jobState(flink.restUrl, jobId)).toBe("RUNNING");
    await cancelJob(flink.restUrl, jobId);
  }, 180_000);

  it("writes avro-confluent records whose schema lands in the Apicurio registry", async () => {
    const registry: RegistryPeer = await requireRegistry();
    const topic = uniqueName("hw-flink-avro");
    await createTopics(kafka, [topic]);
    const snk = sqlName("avro_sink");
    await session.execute(`CREATE TABLE ${snk} (id INT NOT NULL, name STRING) WITH (
      'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
      'value.format' = 'avro-confluent', 'value.avro-confluent.url' = '${registry.confluentUrl}')`);
    const insert = await session.execute(`INSERT INTO ${snk} VALUES (1, 'ada'), (2, 'bob')`);
    const jobId = insert.jobId as string;
    jobs.push(jobId);

    const out = await readBuffers(kafka, topic, 2, { timeoutMs: 60_000 });
    if (out.length < 2) {
      throw new Error(
        `Flink job ${jobId} is ${await jobState(flink.restUrl, jobId)}; ${(await jobFailure(flink.restUrl, jobId)) ?? ""}`,
      );
    }
    // Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro binary body
    const value = out[0]?.value as Buffer;
    expect(value[0]).toBe(0);
    const schemaId = value.readInt32BE(1);
    const res = await fetch(`${registry.confluentUrl}/schemas/ids/${schemaId}`);
    expect(res.status).toBe(200);
    const schema = JSON.parse(((await res.json()) as { schema: string }).schema) as {
      type: string;
      fields: { name: string }[];
    };
    expect(schema.type).toBe("record");
    expect(schema.fields.map((f) => f.name)).toEqual(["id", "name"]);
    // body of record 1: zigzag varint 1 → 0x02, then string "ada" as union branch 1 (0x02), length 3 (0x06)
    expect([...value.subarray(5)]).toEqual([0x02, 0x02, 0x06, ...Buffer.from("ada")]);
    const subjects = (await (await fetch(`${registry.confluentUrl}/subjects`)).json()) as string[];
    expect(subjects).toContain(`${topic}-value`);
  }, 180_000);
});
