// Smoke test of the real Kafka peer (scripts/kafka.sh) with the project's client, @platformatic/kafka.
import { Admin, FetchIsolationLevels, Producer, stringSerializers } from "@platformatic/kafka";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readStrings } from "./kafka-helpers.ts";
import { consumerPerf, producerPerf } from "./kafka-perf.ts";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "./peers.ts";

describeWithJava("real Kafka (scripts/kafka.sh)", () => {
  let kafka: KafkaPeer;
  let admin: Admin;

  beforeAll(async () => {
    kafka = await requireKafka();
    admin = new Admin({ clientId: "headwater-infra-test", bootstrapBrokers: kafka.brokers });
  }, 600_000);

  afterAll(async () => {
    await admin?.close();
  });

  it("is a KRaft broker on loopback", async () => {
    expect(kafka.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
    const md = await admin.metadata({ topics: [] });
    expect(md.brokers.size).toBe(1);
    const broker = [...md.brokers.values()][0];
    expect(broker?.host).toBe("127.0.0.1");
  });

  it("creates a topic, produces and consumes records", async () => {
    const topic = uniqueName("hw-smoke");
    await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 });
    const producer = new Producer({
      clientId: "headwater-infra-test",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
    });
    try {
      const sent = [1, 2, 3, 4].map((i) => ({ topic, key: `k${i}`, value: JSON.stringify({ i }) }));
      const r = await producer.send({ messages: sent });
      expect(r.offsets?.length).toBeGreaterThan(0);
    } finally {
      await producer.close();
    }
    const got = await readStrings(kafka, topic, 4);
    expect(got.map((m) => m.key).sort()).toEqual(["k1", "k2", "k3", "k4"]);
    expect(got.find((m) => m.key === "k3")?.value).toBe('{"i":3}');
  });

  it("commits a transaction and hides an aborted one from read_committed consumers", async () => {
    const topic = uniqueName("hw-txn");
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    const producer = new Producer({
      clientId: "headwater-infra-test",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
      idempotent: true,
      transactionalId: uniqueName("hw-txn-id"),
    });
    try {
      const aborted = await producer.beginTransaction();
      await aborted.send({ messages: [{ topic, key: "a1", value: "aborted" }] });
      await aborted.abort();

      const committed = await producer.beginTransaction();
      await committed.send({
        messages: [
          { topic, key: "c1", value: "committed-1" },
          { topic, key: "c2", value: "committed-2" },
        ],
      });
      await committed.commit();
    } finally {
      await producer.close();
    }

    const readCommitted = await readStrings(kafka, topic, 2, {
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    });
    expect(readCommitted.map((m) => m.value)).toEqual(["committed-1", "committed-2"]);

    // read_uncommitted also sees the aborted record: proves the broker really ran both transactions
    const readUncommitted = await readStrings(kafka, topic, 3, {
      isolationLevel: FetchIsolationLevels.READ_UNCOMMITTED,
    });
    expect(readUncommitted.map((m) => m.value)).toEqual(["aborted", "committed-1", "committed-2"]);
  });

  it("runs Kafka's own producer and consumer perf tools (the benchmark peer)", async () => {
    const topic = uniqueName("hw-perf");
    await admin.createTopics({ topics: [topic], partitions: 1, replicas: 1 });
    const p = await producerPerf(topic, 20_000, 100);
    expect(p.records).toBe(20_000);
    expect(p.recordsPerSec).toBeGreaterThan(0);
    const c = await consumerPerf(topic, 20_000);
    expect(c.records).toBe(20_000);
    expect(c.recordsPerSec).toBeGreaterThan(0);
  }, 120_000);
});
