import { type PartitionPosition, partitionForKey, Store } from "../../store/index.ts";
import { type LogRecord, toLogRecord } from "../framework/record-metadata.ts";
import {
  isInternalTopic,
  type NewTopic,
  type ProducerRecord,
  type ReadOptions,
  type TopicAdmin,
  type TopicInfo,
} from "./topic-admin.ts";

/**
 * The embedded store's topics (`headwater topic --store DIR`). Listing, describing and reading open
 * the store read-only, so they work while an engine owns it; creating and producing take its lock.
 */
export class StoreTopics implements TopicAdmin {
  readonly where: string;
  private readonly dir: string;
  private opened: Store | undefined;

  constructor(dir: string) {
    this.dir = dir;
    this.where = `store ${dir}`;
  }

  private get reader(): Store {
    this.opened ??= Store.openReadOnly(this.dir);
    return this.opened;
  }

  private get writer(): Store {
    this.opened ??= Store.open(this.dir);
    if (this.opened.readOnly) throw new Error(`${this.where} was opened read-only`);
    return this.opened;
  }

  async list(includeInternal: boolean): Promise<string[]> {
    return this.reader.topicNames().filter((name) => includeInternal || !isInternalTopic(name));
  }

  async create(name: string, topic: NewTopic): Promise<void> {
    this.writer.createTopic(name, {
      partitions: topic.partitions,
      cleanupPolicy: topic.compact ? "compact" : "delete",
      retentionMs: topic.retentionMs,
    });
  }

  async describe(name: string): Promise<TopicInfo> {
    const topic = this.reader.topic(name);
    const config = topic.config;
    return {
      name,
      partitions: topic.partitions.map((log, partition) => ({
        partition,
        startOffset: log.startOffset,
        endOffset: log.nextOffset,
      })),
      config: {
        "cleanup.policy": config.cleanupPolicy,
        "retention.ms": String(config.retentionMs ?? -1),
        "retention.bytes": String(config.retentionBytes ?? -1),
        "segment.bytes": String(config.segmentBytes),
      },
    };
  }

  async produce(name: string, records: readonly ProducerRecord[]): Promise<void> {
    const topic = this.writer.topic(name);
    const count = topic.partitions.length;
    const byPartition = new Map<number, ProducerRecord[]>();
    let next = 0;
    for (const record of records) {
      const partition =
        record.partition ?? (record.key !== null ? partitionForKey(record.key, count) : next++ % count);
      byPartition.set(partition, [...(byPartition.get(partition) ?? []), record]);
    }
    for (const [partition, batch] of byPartition)
      topic.appendBatch(
        partition,
        batch.map((r) => ({
          key: r.key,
          value: r.value,
          headers: r.headers ?? [],
          ...(r.timestamp === undefined ? {} : { timestamp: r.timestamp }),
        })),
      );
  }

  async *read(name: string, options: ReadOptions): AsyncGenerator<LogRecord[]> {
    const topic = this.reader.topic(name);
    const from: PartitionPosition =
      options.from.kind === "offset"
        ? { kind: "offset", offset: options.from.offset }
        : options.from.kind === "timestamp"
          ? { kind: "timestamp", timestamp: options.from.timestamp }
          : { kind: options.from.kind };
    const consumer = this.reader.consumer(name, {
      from,
      ...(options.partitions ? { partitions: options.partitions } : {}),
    });
    const partitions = options.partitions ?? topic.partitions.map((_, p) => p);
    const ends = new Map(partitions.map((p) => [p, topic.partition(p).nextOffset]));
    try {
      for (;;) {
        if (options.signal?.aborted) return;
        const batches = consumer.poll();
        const records: LogRecord[] = [];
        for (const batch of batches)
          for (const record of batch.records)
            if (options.follow || record.offset < ends.get(batch.partition)!)
              records.push(toLogRecord(name, batch.partition, record));
        if (records.length > 0) yield records;
        const done = partitions.every((p) => consumer.position(p) >= ends.get(p)!);
        if (!options.follow && done) return;
        if (batches.length === 0) await consumer.waitForData(options.follow ? 1000 : 0, options.signal);
      }
    } finally {
      consumer.close();
    }
  }

  async close(): Promise<void> {
    this.opened?.close();
  }
}
