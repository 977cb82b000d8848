import {
  Admin,
  Consumer,
  FetchIsolationLevels,
  type MessageToProduce,
  ProduceAcks,
  Producer,
} from "@platformatic/kafka";
import { partitionForKey } from "../../store/index.ts";
import type { LogRecord } from "../framework/record-metadata.ts";
import { clientOptions, kafkaErrorMessage } from "../kafka/kafka-client.ts";
import { closeFetchConnections, fetchRecords, partitionCursors } from "../kafka/kafka-fetch.ts";
import {
  isInternalTopic,
  type NewTopic,
  type ProducerRecord,
  type ReadOptions,
  type TopicAdmin,
  type TopicInfo,
} from "./topic-admin.ts";

/** A Kafka cluster's topics (`headwater topic --bootstrap-servers HOSTS`). */
export class KafkaTopics implements TopicAdmin {
  readonly where: string;
  private readonly bootstrap: readonly string[];
  private readonly admin: Admin;
  private producer: Producer | undefined;

  constructor(bootstrap: readonly string[]) {
    this.bootstrap = bootstrap;
    this.where = `kafka ${bootstrap.join(",")}`;
    this.admin = new Admin(clientOptions(bootstrap));
  }

  async list(includeInternal: boolean): Promise<string[]> {
    const names = await this.call(() => this.admin.listTopics({ includeInternals: includeInternal }));
    return names.filter((name) => includeInternal || !isInternalTopic(name)).sort();
  }

  async create(name: string, topic: NewTopic): Promise<void> {
    const configs = [{ name: "cleanup.policy", value: topic.compact ? "compact" : "delete" }];
    if (topic.retentionMs !== null) configs.push({ name: "retention.ms", value: String(topic.retentionMs) });
    await this.call(() =>
      this.admin.createTopics({ topics: [name], partitions: topic.partitions, replicas: 1, configs }),
    );
  }

  async describe(name: string): Promise<TopicInfo> {
    return this.withConsumer(async (consumer) => {
      const metadata = await consumer.metadata({ topics: [name] });
      const info = metadata.topics.get(name);
      if (!info) throw new Error(`topic '${name}' does not exist`);
      const earliest = await consumer.listOffsets({ topics: [name], timestamp: -2n });
      const latest = await consumer.listOffsets({ topics: [name], timestamp: -1n });
      const configs = await this.admin.describeConfigs({
        resources: [
          { resourceType: 2, resourceName: name, configurationKeys: ["cleanup.policy", "retention.ms"] },
        ],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      const config: Record<string, string> = {};
      for (const resource of configs)
        for (const entry of resource.configs)
          if (typeof entry.value === "string") config[entry.name] = entry.value;
      return {
        name,
        partitions: info.partitions.map((p, partition) => ({
          partition,
          startOffset: Number(earliest.get(name)![partition]!),
          endOffset: Number(latest.get(name)![partition]!),
          leader: p.leader,
        })),
        config,
      };
    });
  }

  async produce(name: string, records: readonly ProducerRecord[]): Promise<void> {
    this.producer ??= new Producer({
      ...clientOptions(this.bootstrap),
      acks: ProduceAcks.ALL,
      idempotent: true,
    });
    const producer = this.producer;
    const count =
      (await this.call(() => producer.metadata({ topics: [name] }))).topics.get(name)?.partitionsCount ?? 1;
    let next = 0;
    const messages: MessageToProduce[] = records.map((r) => ({
      topic: name,
      partition: r.partition ?? (r.key !== null ? partitionForKey(r.key, count) : next++ % count),
      ...(r.key !== null ? { key: Buffer.from(r.key) } : {}),
      value: (r.value === null ? null : Buffer.from(r.value)) as Buffer,
      ...(r.timestamp === undefined ? {} : { timestamp: BigInt(r.timestamp) }),
      ...(r.headers?.length
        ? { headers: new Map(r.headers.map(([k, v]) => [Buffer.from(k), Buffer.from(v)])) }
        : {}),
    }));
    await this.call(() => producer.send({ messages }));
  }

  async *read(name: string, options: ReadOptions): AsyncGenerator<LogRecord[]> {
    const consumer = new Consumer({
      ...clientOptions(this.bootstrap),
      groupId: `headwater-topic-${process.pid}-${Date.now()}`,
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    });
    try {
      const earliest = await consumer.listOffsets({ topics: [name], timestamp: -2n });
      const latest = await consumer.listOffsets({
        topics: [name],
        timestamp: -1n,
        isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      });
      const atTime =
        options.from.kind === "timestamp"
          ? await consumer.listOffsets({ topics: [name], timestamp: BigInt(options.from.timestamp) })
          : undefined;
      const from = options.from;
      const start = (_topic: string, p: number): number => {
        switch (from.kind) {
          case "earliest":
            return Number(earliest.get(name)![p]!);
          case "latest":
            return Number(latest.get(name)![p]!);
          case "offset":
            return from.offset;
          case "timestamp":
            return Number(atTime!.get(name)![p]!);
        }
      };
      const stop = (_topic: string, p: number) =>
        options.follow ? Number.POSITIVE_INFINITY : Number(latest.get(name)![p]!);
      const cursors = (await partitionCursors(consumer, [name], start, stop)).filter(
        (c) => !options.partitions || options.partitions.includes(c.partition),
      );
      for (;;) {
        if (options.signal?.aborted) return;
        const active = cursors.filter((c) => c.next < c.stop);
        if (active.length === 0) return;
        const records = await fetchRecords(consumer, active);
        if (records.length > 0) yield records;
      }
    } catch (error) {
      throw new Error(`${this.where}: ${kafkaErrorMessage(error)}`);
    } finally {
      await closeFetchConnections(consumer).catch(() => undefined);
      await Promise.resolve(consumer.close(true)).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.producer?.close().catch(() => undefined);
    await this.admin.close().catch(() => undefined);
  }

  private async withConsumer<T>(work: (consumer: Consumer) => Promise<T>): Promise<T> {
    const consumer = new Consumer({
      ...clientOptions(this.bootstrap),
      groupId: `headwater-topic-${process.pid}`,
    });
    try {
      return await this.call(() => work(consumer));
    } finally {
      await Promise.resolve(consumer.close(true)).catch(() => undefined);
    }
  }

  /** Client errors with the cluster named and their causes spelled out. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new Error(`${this.where}: ${kafkaErrorMessage(error)}`);
    }
  }
}
