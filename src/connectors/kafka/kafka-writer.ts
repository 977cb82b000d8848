import type { MessageToProduce, Producer } from "@platformatic/kafka";
import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { partitionForKey } from "../../store/index.ts";
import type { ConnectorContext, SinkCommitter, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { RecordFormat } from "../framework/record-format.ts";
import { SinkRowLayout } from "../framework/sink-row.ts";
import { clientOptions, kafkaErrorMessage } from "./kafka-client.ts";
import { kafkaLibrary } from "./kafka-library.ts";
import type { KafkaSettings } from "./kafka-settings.ts";
import { KafkaTransactions } from "./kafka-transactions.ts";

/**
 * Writes a table to its Kafka topic: each change a record (upsert-kafka: a delete is a tombstone),
 * partitioned as Flink's `sink.partitioner` says — `default` hashes the key bytes with Kafka's
 * murmur2 (round robin without a key), `fixed` writes partition 0, `round-robin` rotates. Records
 * are sent per step, one produce request after another (so a key's changes stay in order), with
 * acks from all replicas; the record timestamp is the `timestamp` metadata column or the processing
 * time. A failed send fails the statement at its next write, or when it drains.
 *
 * Exactly-once (the statement runs under checkpoints): records go into Kafka transactions committed
 * at each checkpoint (see KafkaTransactions); read_committed consumers see them then, all at once.
 */
export class KafkaWriter implements SinkWriter {
  private readonly table: TableSchema;
  private readonly settings: KafkaSettings;
  private readonly request: SinkRequest;
  private readonly ctx: ConnectorContext;
  private readonly rows: SinkRowLayout;
  private readonly format: RecordFormat;
  private readonly topic: string;
  private producer: Producer | undefined;
  private partitions = 1;
  private nextPartition = 0;
  private pending: MessageToProduce[] = [];
  private sending: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private readonly transactions: KafkaTransactions | undefined;
  readonly committer: SinkCommitter | undefined;

  constructor(table: TableSchema, settings: KafkaSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.table = table;
    this.settings = settings;
    this.request = request;
    this.ctx = ctx;
    this.rows = new SinkRowLayout(table, request.columns);
    if (settings.topics.length !== 1)
      throw settings.options.error("a Kafka sink writes one topic: 'topic' must name exactly one");
    this.topic = settings.topics[0]!;
    this.format = new RecordFormat(settings.options, settings.layout, { topic: this.topic });
    const exactlyOnce = request.exactlyOnce;
    this.transactions = exactlyOnce
      ? new KafkaTransactions(exactlyOnce.statement, this.topic, settings.bootstrap)
      : undefined;
    this.committer = this.transactions
      ? {
          lastCommitted: () =>
            this.transactions!.lastCommitted().catch((error) => Promise.reject(this.error(error))),
          commit: (checkpointId) => this.commitCheckpoint(checkpointId),
        }
      : undefined;
  }

  async open(): Promise<void> {
    // Idempotent: a retried send never writes a record twice.
    const { ProduceAcks, Producer } = await kafkaLibrary();
    const producer = new Producer({
      ...clientOptions(this.settings.bootstrap),
      acks: ProduceAcks.ALL,
      idempotent: true,
      ...this.transactions?.producerOptions(),
    });
    this.producer = producer;
    try {
      const metadata = await producer.metadata({ topics: [this.topic] });
      this.partitions = metadata.topics.get(this.topic)?.partitionsCount ?? 1;
      await this.format.prepareWrite();
      await this.transactions?.start(producer);
    } catch (error) {
      await producer.close().catch(() => undefined);
      throw this.error(error);
    }
  }

  write(kind: RowKind, row: Row): void {
    if (this.failure) throw this.failure;
    const physical = this.rows.physicalRow(row);
    const tombstone = this.request.mode === "upsert" && kind === "-D";
    const { key, value } = this.format.encode(kind, physical, tombstone);
    // A format that writes nothing for this kind (e.g. debezium's -U) gives no record.
    if (value === null && !tombstone) return;
    const headers = this.rows.headers(row);
    this.pending.push({
      topic: this.topic,
      partition: this.partitionOf(key),
      ...(key !== null ? { key: Buffer.from(key.buffer, key.byteOffset, key.byteLength) } : {}),
      value: (value === null
        ? null
        : Buffer.from(value.buffer, value.byteOffset, value.byteLength)) as Buffer,
      timestamp: BigInt(this.rows.timestamp(row) ?? this.ctx.clock()),
      ...(headers.length > 0
        ? { headers: new Map(headers.map(([name, bytes]) => [Buffer.from(name), Buffer.from(bytes)])) }
        : {}),
    });
  }

  flush(): boolean {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return false;
    const messages = this.pending;
    this.pending = [];
    const producer = this.producer!;
    const transactions = this.transactions;
    this.sending = this.sending.then(() =>
      this.ctx.track(
        (transactions ? transactions.send(producer, messages) : producer.send({ messages })).then(
          () => undefined,
          (error) => {
            this.failure ??= this.error(error);
            this.ctx.wake();
          },
        ),
      ),
    );
    return false;
  }

  /** Commits the open transaction after every send queued before it: the checkpoint's cut. */
  private commitCheckpoint(checkpointId: number): Promise<void> {
    this.flush();
    const producer = this.producer!;
    const committed = this.sending.then(() => {
      if (this.failure) throw this.failure;
      return this.transactions!.commit(producer, checkpointId);
    });
    this.sending = committed.catch((error) => {
      this.failure ??= this.error(error);
    });
    return committed.catch((error) => Promise.reject(this.failure ?? this.error(error)));
  }

  snapshot(): SqlValue {
    return this.nextPartition;
  }

  restore(state: SqlValue): void {
    this.nextPartition = state as number;
  }

  async drain(): Promise<void> {
    this.flush();
    await this.sending;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await this.drain().catch(() => undefined);
    // Exactly-once: what no checkpoint committed is discarded, as the statement's state is.
    await this.transactions?.abort().catch(() => undefined);
    await this.producer?.close().catch(() => undefined);
  }

  private partitionOf(key: Uint8Array | null): number {
    switch (this.settings.partitioner) {
      case "fixed":
        return 0;
      case "round-robin":
        return this.nextPartition++ % this.partitions;
      case "default":
        return key !== null ? partitionForKey(key, this.partitions) : this.nextPartition++ % this.partitions;
    }
  }

  private error(error: unknown): Error {
    return new Error(
      `table '${this.table.path.join(".")}': Kafka (${this.settings.bootstrap.join(",")}, topic ${this.topic}): ${kafkaErrorMessage(error)}`,
    );
  }
}
