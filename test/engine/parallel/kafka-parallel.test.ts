// A Kafka topic read at parallelism 2, against the real broker of scripts/kafka.sh: each worker reads
// its share of the partitions, and the aggregate equals parallelism 1's.
import { Admin, Producer, stringSerializers } from "@platformatic/kafka";
import { beforeAll, expect, it } from "vitest";
import { createEngine, type QueryResult } from "../../../src/engine/index.ts";
import { describeWithJava, type KafkaPeer, requireKafka, uniqueName } from "../../infra/peers.ts";

describeWithJava("parallel Kafka reads (real broker)", () => {
  let kafka: KafkaPeer;
  let topic: string;

  beforeAll(async () => {
    kafka = await requireKafka();
    topic = uniqueName("hw-parallel-in");
    const admin = new Admin({ clientId: "headwater-test", bootstrapBrokers: kafka.brokers });
    await admin.createTopics({ topics: [topic], partitions: 4, replicas: 1 });
    await admin.close();
    const producer = new Producer({
      clientId: "t",
      bootstrapBrokers: kafka.brokers,
      serializers: stringSerializers,
      idempotent: true,
    });
    await producer.send({
      messages: Array.from({ length: 2000 }, (_, i) => ({
        topic,
        partition: i % 4,
        key: `k${i % 37}`,
        value: JSON.stringify({ k: `k${i % 37}`, v: i }),
      })),
    });
    await producer.close();
  }, 600_000);

  it("reads every partition once across the workers, aggregating and counting as parallelism 1 does", async () => {
    const tables: unknown[][][] = [];
    const metrics: Record<string, number>[] = [];
    for (const parallelism of [1, 2]) {
      const engine = createEngine({ parallelism });
      try {
        await engine.execute(`CREATE TABLE t (k STRING, v INT) WITH (
          'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
          'format' = 'json', 'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset')`);
        const sql = "SELECT k, COUNT(*) AS c, SUM(v) AS s FROM t GROUP BY k";
        const plan = (await engine.execute(`EXPLAIN ${sql}`)) as { plan: string };
        expect(plan.plan.includes("Exchange(distribution=[hash[k]]")).toBe(parallelism === 2);
        const result = (await engine.execute(sql)) as QueryResult;
        await engine.runBounded();
        expect(result.error).toBeUndefined();
        tables.push(result.table().sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
        metrics.push(engine.metrics());
      } finally {
        await engine.close();
      }
    }
    expect(tables[0]).toHaveLength(37);
    expect(tables[0]!.reduce((n, row) => n + (row[1] as number), 0)).toBe(2000);
    expect(tables[1]).toEqual(tables[0]);
    // The connector's counters of the workers' readers reach the engine's metrics.
    expect(metrics[0]).toMatchObject({ "default_catalog.default_database.t.records-in": 2000 });
    expect(metrics[1]).toEqual(metrics[0]);
  }, 120_000);
});
