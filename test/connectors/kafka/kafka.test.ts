// Flink's kafka and upsert-kafka connectors against the real broker of scripts/kafka.sh.
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { KafkaTopics } from "../../../src/connectors/topics/kafka-topics.ts";
import {
  createEngine,
  type Engine,
  type QueryResult,
  type StatementResult,
} from "../../../src/engine/index.ts";
import { readStrings } from "../../infra/kafka-helpers.ts";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "../../infra/peers.ts";

function query(result: StatementResult): QueryResult {
  if (result.kind !== "query") throw new Error(`expected a query result, got ${result.kind}`);
  return result;
}

const sorted = (rows: readonly unknown[][]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describeWithJava("kafka connectors (real broker)", () => {
  let kafka: KafkaPeer;
  let admin: Admin;
  const engines: Engine[] = [];

  beforeAll(async () => {
    kafka = await requireKafka();
    admin = new Admin({ clientId: "headwater-test", bootstrapBrokers: kafka.brokers });
  }, 600_000);
  afterAll(async () => {
    await admin?.close();
  });
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
  });

  function engine(): Engine {
    const e = createEngine();
    engines.push(e);
    return e;
  }

  const kafkaOptions = (topic: string, extra = "") =>
    `'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}'${extra}`;

  it("reads JSON records with their metadata, bounded at the latest offsets", async () => {
    const topic = uniqueName("hw-json-in");
    await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 });
    const producer = new Producer({
      clientId: "t",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
      idempotent: true,
    });
    await producer.send({
      messages: [
        { topic, partition: 0, key: "k1", value: '{"id": 1, "name": "ann"}', timestamp: 1_700_000_000_000n },
        { topic, partition: 1, key: "k2", value: '{"id": 2, "name": "bob"}', timestamp: 1_700_000_001_000n },
        { topic, partition: 0, key: "k3", value: '{"id": 3, "name": "cyd"}', timestamp: 1_700_000_002_000n },
      ],
    });
    await producer.close();
    const e = engine();
    await e.execute(`CREATE TABLE people (
        id INT, name STRING,
        part INT METADATA FROM 'partition' VIRTUAL, off BIGINT METADATA FROM 'offset' VIRTUAL,
        ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', tp STRING METADATA FROM 'topic' VIRTUAL
      ) WITH (${kafkaOptions(topic, ", 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'")})`);
    const result = query(await e.execute("SELECT id, name, part, off, ts, tp FROM people"));
    await e.runBounded();
    expect(result.status).toBe("finished");
    expect(sorted(result.table())).toEqual([
      [1, "ann", 0, 0, 1_700_000_000_000, topic],
      [2, "bob", 1, 0, 1_700_000_001_000, topic],
      [3, "cyd", 0, 1, 1_700_000_002_000, topic],
    ]);
  }, 60_000);

  it("creates the topic from the DDL with DISTRIBUTED BY partitions and writes keyed JSON", async () => {
    const topic = uniqueName("hw-json-out");
    const e = engine();
    await e.execute(`CREATE TABLE orders (id INT, customer STRING, amount INT)
      DISTRIBUTED BY (customer) INTO 3 BUCKETS
      WITH (${kafkaOptions(topic, ", 'key.format' = 'raw', 'key.fields' = 'customer', 'value.format' = 'json'")})`);
    const md = await admin.metadata({ topics: [topic] });
    expect(md.topics.get(topic)?.partitionsCount).toBe(3);
    await e.execute("INSERT INTO orders VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'ann', 30)");
    await e.runBounded();
    const got = await readStrings(kafka, topic, 3);
    expect(got.map((m) => [m.key, m.value]).sort()).toEqual([
      ["ann", '{"id":1,"customer":"ann","amount":10}'],
      ["ann", '{"id":3,"customer":"ann","amount":30}'],
      ["bob", '{"id":2,"customer":"bob","amount":20}'],
    ]);
    // A key's records share a partition, in order.
    const ann = got.filter((m) => m.key === "ann");
    expect(new Set(ann.map((m) => m.partition)).size).toBe(1);
  }, 60_000);

  it("writes an aggregate as an upsert topic: one record per change of a key, the last one is the result", async () => {
    const topic = uniqueName("hw-upsert");
    const e = engine();
    await e.execute(`CREATE TABLE totals (customer STRING, total INT, PRIMARY KEY (customer) NOT ENFORCED)
      WITH ('connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
            'key.format' = 'raw', 'value.format' = 'json')`);
    // The DDL created the topic compacted, so the broker keeps the last record per key.
    const topics = new KafkaTopics(kafka.brokers);
    try {
      expect((await topics.describe(topic)).config["cleanup.policy"]).toBe("compact");
    } finally {
      await topics.close();
    }
    await e.execute(
      `INSERT INTO totals SELECT customer, SUM(amount) FROM (VALUES ('ann', 10), ('bob', 5), ('ann', 7)) AS t(customer, amount) GROUP BY customer`,
    );
    await e.runBounded();
    const got = await readStrings(kafka, topic, 3);
    expect(got.map((m) => m.key)).toEqual(["ann", "bob", "ann"]);
    const last = new Map(got.map((m) => [m.key, m.value]));
    expect(Object.fromEntries(last)).toEqual({
      ann: '{"customer":"ann","total":17}',
      bob: '{"customer":"bob","total":5}',
    });
    // Read back through upsert-kafka: the normalized changelog ends in the same table.
    const back = query(await e.execute("SELECT * FROM totals"));
    await e.runBounded();
    expect(sorted(back.table())).toEqual([
      ["ann", 17],
      ["bob", 5],
    ]);
  }, 60_000);

  it("writes a delete as a tombstone", async () => {
    const topic = uniqueName("hw-tombstone");
    const e = engine();
    await e.execute(`CREATE TABLE src (customer STRING, total INT, PRIMARY KEY (customer) NOT ENFORCED);
      CREATE TABLE totals (customer STRING, total INT, PRIMARY KEY (customer) NOT ENFORCED)
      WITH ('connector' = 'upsert-kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
            'key.format' = 'raw', 'value.format' = 'json');
      INSERT INTO totals SELECT customer, total FROM src;`);
    e.insertRows("src", [
      ["ann", 17],
      ["bob", 5],
    ]);
    e.runUntilIdle();
    e.deleteRows("src", [["bob", 0]]);
    await e.runBounded();
    const got = await readStrings(kafka, topic, 3);
    expect(got.map((m) => [m.key, m.value ?? null])).toEqual([
      ["ann", '{"customer":"ann","total":17}'],
      ["bob", '{"customer":"bob","total":5}'],
      ["bob", null],
    ]);
  }, 60_000);

  it("resumes a consumer group from its committed offsets", async () => {
    const topic = uniqueName("hw-group");
    const group = uniqueName("hw-group-id");
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    const producer = new Producer({
      clientId: "t",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
      idempotent: true,
    });
    await producer.send({ messages: [1, 2, 3].map((i) => ({ topic, value: String(i) })) });
    const ddl = `CREATE TABLE nums (v STRING) WITH (${kafkaOptions(topic, `, 'format' = 'raw', 'properties.group.id' = '${group}', 'properties.auto.offset.reset' = 'earliest', 'scan.bounded.mode' = 'latest-offset'`)})`;
    const first = engine();
    await first.execute(ddl);
    const a = query(await first.execute("SELECT v FROM nums"));
    await first.runBounded();
    await first.close();
    expect(a.table()).toEqual([["1"], ["2"], ["3"]]);
    await producer.send({ messages: [4, 5].map((i) => ({ topic, value: String(i) })) });
    await producer.close();
    const second = engine();
    await second.execute(ddl);
    const b = query(await second.execute("SELECT v FROM nums"));
    await second.runBounded();
    expect(b.table()).toEqual([["4"], ["5"]]);
  }, 60_000);

  it("feeds a running query from a topic another statement writes", async () => {
    const topic = uniqueName("hw-pipe");
    const e = engine();
    await e.execute(`CREATE TABLE events (k STRING, v INT) DISTRIBUTED INTO 2 BUCKETS
      WITH (${kafkaOptions(topic, ", 'format' = 'json', 'scan.startup.mode' = 'earliest-offset'")})`);
    const sums = query(await e.execute("SELECT k, SUM(v) AS s FROM events GROUP BY k"));
    await e.execute("INSERT INTO events VALUES ('a', 1), ('b', 2), ('a', 3)");
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && sorted(sums.table()).join() !== "a,4,b,2")
      await new Promise((r) => setTimeout(r, 50));
    expect(sorted(sums.table())).toEqual([
      ["a", 4],
      ["b", 2],
    ]);
  }, 60_000);

  it("logs a malformed Kafka record into the dead-letter table with its position and bytes", async () => {
    const topic = uniqueName("hw-dlq");
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    const producer = new Producer({
      clientId: "t",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
      idempotent: true,
    });
    await producer.send({
      messages: ['{"id": 1}', '{"id": ', '{"id": 3}'].map((value) => ({ topic, key: "k", value })),
    });
    await producer.close();
    const e = engine();
    await e.execute(
      `CREATE TABLE ids (id INT) WITH (${kafkaOptions(topic, ", 'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset', 'error-handling.mode' = 'log', 'error-handling.log.target' = 'kafka_dlq'")})`,
    );
    const ids = query(await e.execute("SELECT id FROM ids"));
    await e.runBounded();
    expect(ids.table()).toEqual([[1], [3]]);
    const letters = query(
      await e.execute(
        "SELECT source_record.topic, source_record.`offset`, source_record.`key`, source_record.`value` FROM kafka_dlq",
      ),
    );
    await e.runBounded();
    expect(
      letters
        .table()
        .map((r) => [
          r[0],
          r[1],
          Buffer.from(r[2] as Uint8Array).toString(),
          Buffer.from(r[3] as Uint8Array).toString(),
        ]),
    ).toEqual([[topic, 1, "k", '{"id": ']]);
  }, 60_000);

  it("names the table and the option for bad settings, and the broker for connection failures", async () => {
    const unreachable = engine();
    await expect(
      unreachable.execute(
        "CREATE TABLE far (a INT) WITH ('connector' = 'kafka', 'topic' = 'x', 'properties.bootstrap.servers' = '127.0.0.1:1', 'format' = 'json')",
      ),
    ).rejects.toThrow(
      /table 'default_catalog.default_database.far': Kafka \(127\.0\.0\.1:1, topic x\): cannot check or create the topic: .*Cannot connect to any broker/,
    );
    const e = engine();
    await expect(
      e.execute("CREATE TABLE k (a INT) WITH ('connector' = 'kafka', 'topic' = 'x')"),
    ).rejects.toThrow(
      "table 'default_catalog.default_database.k': option 'properties.bootstrap.servers' is required by connector 'kafka'",
    );
    await expect(
      e.execute(
        `CREATE TABLE g (a INT) WITH (${kafkaOptions("x", ", 'format' = 'json', 'scan.startup.mode' = 'group-offsets'")})`,
      ),
    ).resolves.toEqual({ kind: "ddl" });
    await expect(e.execute("SELECT * FROM g")).rejects.toThrow("'group-offsets' needs 'properties.group.id'");
    await expect(
      e.execute(`CREATE TABLE k (a INT) WITH (${kafkaOptions("x", ", 'format' = 'jsn'")})`),
    ).rejects.toThrow("option 'format' = 'jsn' names an unknown format; did you mean 'json'?");
    await expect(
      e.execute(
        "CREATE TABLE k (a INT) WITH ('connector' = 'upsert-kafka', 'topic' = 'x', 'properties.bootstrap.servers' = 'h:1', 'key.format' = 'raw', 'value.format' = 'json')",
      ),
    ).rejects.toThrow("connector 'upsert-kafka' needs a PRIMARY KEY");
  }, 60_000);
});
