import type { Consumer } from "@platformatic/kafka";
import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { BadRecords } from "../framework/bad-records.ts";
import type { ConnectorContext, RecordReader, SourcePoll, SourceRequest } from "../framework/connector.ts";
import { ConnectorError } from "../framework/connector-error.ts";
import { type DecodedRows, LogDecoder } from "../framework/log-decoder.ts";
import { RecordFormat } from "../framework/record-format.ts";
import { upsertRowsOf } from "../framework/upsert-normalizer.ts";
import { clientOptions, kafkaErrorMessage, withAdmin } from "./kafka-client.ts";
import { closeFetchConnections, FETCH_WAIT_MS, fetchRecords, type PartitionCursor } from "./kafka-fetch.ts";
import { kafkaLibrary } from "./kafka-library.ts";
import type { KafkaSettings } from "./kafka-settings.ts";

/** Decoded rows waiting for a poll; fetching pauses above this many. */
const MAX_BUFFERED_ROWS = 100_000;
const COMMIT_INTERVAL_MS = 5000;
const FETCH_ATTEMPTS = 5;

/**
 * Reads Kafka topics as Flink's KafkaSource does: every partition assigned to this reader (no group
 * membership), from the startup offsets to the bounded ones, isolation read_committed (aborted
 * transactions are skipped). A background loop fetches from each partition's leader, fetches the
 * registry schemas the records need, decodes them and wakes the engine; fetching pauses while many
 * decoded rows wait. With `properties.group.id`, consumed offsets are committed every few seconds
 * and at close (there are no checkpoints yet).
 */
export class KafkaReader implements RecordReader {
  private readonly table: TableSchema;
  private readonly settings: KafkaSettings;
  private readonly ctx: ConnectorContext;
  private readonly format: RecordFormat;
  private readonly decoder: LogDecoder;
  /** This reader's share of the partitions, when it is one of several parallel readers. */
  private readonly split: SourceRequest["split"];
  private consumer: Consumer | undefined;
  private cursors: PartitionCursor[] = [];
  private readonly buffer: DecodedRows[] = [];
  private buffered = 0;
  private failure: Error | undefined;
  /** Records fetched but not buffered yet (waiting for registry schemas). */
  private inFlight = false;
  private closed = false;
  private loop: Promise<void> | undefined;
  private resume: (() => void) | undefined;
  private pendingStops: Promise<void> | undefined;
  private lastCommit = 0;
  private committed = new Map<PartitionCursor, number>();

  constructor(table: TableSchema, settings: KafkaSettings, request: SourceRequest, ctx: ConnectorContext) {
    this.table = table;
    this.settings = settings;
    this.ctx = ctx;
    this.split = request.split;
    this.format = new RecordFormat(settings.options, settings.layout, { topic: settings.topics[0]! });
    this.decoder = new LogDecoder(
      this.format,
      settings.source === "all" && settings.connector === "upsert-kafka"
        ? { kind: "upsert", primaryKey: settings.primaryKey, ...upsertRowsOf(request) }
        : { kind: "append" },
      request.metadataKeys,
      new BadRecords(table, settings.errorHandling, ctx),
    );
  }

  get splits(): number {
    return this.cursors.length;
  }

  async open(): Promise<void> {
    const { startup, bounded, groupId, options } = this.settings;
    if ((startup.kind === "group-offsets" || bounded.kind === "group-offsets") && groupId === undefined)
      throw options.error(
        "'group-offsets' needs 'properties.group.id' (Flink's default 'scan.startup.mode' is 'group-offsets'; set 'earliest-offset' to read from the start)",
      );
    const { Consumer, FetchIsolationLevels } = await kafkaLibrary();
    const consumer = new Consumer({
      ...clientOptions(this.settings.bootstrap),
      groupId: this.settings.groupId ?? `headwater-${this.table.path[2]}-${process.pid}-${Date.now()}`,
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      maxWaitTime: FETCH_WAIT_MS,
    });
    this.consumer = consumer;
    try {
      const metadata = await consumer.metadata({ topics: [...this.settings.topics] });
      const earliest = await consumer.listOffsets({ topics: [...this.settings.topics], timestamp: -2n });
      const latest = await consumer.listOffsets({
        topics: [...this.settings.topics],
        timestamp: -1n,
        isolationLevel: FetchIsolationLevels.READ_COMMITTED,
      });
      const committed =
        this.settings.groupId !== undefined
          ? await consumer.listCommittedOffsets({
              topics: this.settings.topics.map((topic) => ({
                topic,
                partitions: metadata.topics.get(topic)!.partitions.map((_, p) => p),
              })),
            })
          : new Map<string, bigint[]>();
      const startAt = await this.timestampOffsets(this.settings.startup);
      const stopAt = await this.timestampOffsets(this.settings.bounded);
      // Reader i of n reads every n-th partition of the topics, counted in order across them.
      let position = 0;
      const mine = (): boolean => !this.split || position++ % this.split.count === this.split.index;
      for (const topic of this.settings.topics) {
        const info = metadata.topics.get(topic);
        if (!info) throw new Error(`topic '${topic}' does not exist`);
        info.partitions.forEach((p, partition) => {
          if (!mine()) return;
          const first = Number(earliest.get(topic)![partition]!);
          const end = Number(latest.get(topic)![partition]!);
          const group = committed.get(topic)?.[partition];
          const groupOffset = group === undefined || group < 0n ? undefined : Number(group);
          const cursor: PartitionCursor = {
            topic,
            topicId: info.id,
            partition,
            leader: p.leader,
            next: this.startOffset(topic, partition, first, end, groupOffset, startAt),
            stop: this.stopOffset(partition, end, groupOffset, stopAt?.get(topic)?.[partition]),
          };
          this.cursors.push(cursor);
          this.committed.set(cursor, cursor.next);
        });
      }
    } catch (error) {
      await Promise.resolve(consumer.close(true)).catch(() => undefined);
      throw this.error(error);
    }
    this.loop = this.fetchLoop();
  }

  poll(max: number): SourcePoll {
    // Rows decoded before a failure still come first.
    if (this.failure && this.buffered === 0) throw this.failure;
    if (this.buffered === 0) {
      const done =
        !this.inFlight && this.pendingStops === undefined && this.cursors.every((c) => c.next >= c.stop);
      return done ? "end" : "idle";
    }
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    const splits: number[] = [];
    while (rows.length < max && this.buffer.length > 0) {
      const chunk = this.buffer[0]!;
      const take = Math.min(max - rows.length, chunk.rows.length);
      rows.push(...chunk.rows.splice(0, take));
      kinds.push(...chunk.kinds.splice(0, take));
      splits.push(...chunk.splits.splice(0, take));
      if (chunk.rows.length === 0) this.buffer.shift();
    }
    this.buffered -= rows.length;
    if (this.buffered < MAX_BUFFERED_ROWS / 2) this.resume?.();
    return { rows, kinds, splits };
  }

  bound(): void {
    if (!this.consumer || this.pendingStops) return;
    const consumer = this.consumer;
    this.pendingStops = this.ctx.track(
      kafkaLibrary()
        .then(({ FetchIsolationLevels }) =>
          consumer.listOffsets({
            topics: [...this.settings.topics],
            timestamp: -1n,
            isolationLevel: FetchIsolationLevels.READ_COMMITTED,
          }),
        )
        .then((latest) => {
          for (const c of this.cursors) c.stop = Math.min(c.stop, Number(latest.get(c.topic)![c.partition]!));
        })
        .catch((error) => {
          this.failure ??= this.error(error);
        })
        .finally(() => {
          this.pendingStops = undefined;
          this.resume?.();
          this.ctx.wake();
        }),
    );
  }

  snapshot(): SqlValue {
    return [this.cursors.map((c) => [c.topic, c.partition, c.next]), this.decoder.snapshot()];
  }

  restore(state: SqlValue): void {
    const [positions, normalizer] = state as [[string, number, number][], SqlValue];
    for (const [topic, partition, next] of positions) {
      const cursor = this.cursors.find((c) => c.topic === topic && c.partition === partition);
      if (cursor) cursor.next = next;
    }
    this.decoder.restore(normalizer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.resume?.();
    await this.loop?.catch(() => undefined);
    await this.commit(true).catch(() => undefined);
    if (this.consumer) {
      await closeFetchConnections(this.consumer).catch(() => undefined);
      await Promise.resolve(this.consumer.close(true)).catch(() => undefined);
    }
  }

  private async fetchLoop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.buffered >= MAX_BUFFERED_ROWS) {
        await new Promise<void>((resolve) => (this.resume = resolve));
        this.resume = undefined;
        continue;
      }
      const active = this.cursors.filter((c) => c.next < c.stop);
      if (active.length === 0) {
        // Bounded and done, unless a bound() is still resolving its stop offsets.
        if (this.pendingStops === undefined) break;
        await this.pendingStops;
        continue;
      }
      // Cursors advance as records are fetched: a failed attempt puts them back, so a retry
      // fetches the same records again; until the records are buffered, the reader is not done.
      const positions = active.map((c) => c.next);
      this.inFlight = true;
      try {
        const records = await fetchRecords(this.consumer!, active);
        failures = 0;
        if (records.length > 0) {
          await this.format.prepareRead(records);
          const out: DecodedRows = { rows: [], kinds: [], splits: [] };
          const rejected = this.decoder.decodeAll(records, out);
          this.ctx.count(this.table, "records-in", records.length);
          if (out.rows.length > 0) {
            this.buffer.push(out);
            this.buffered += out.rows.length;
          }
          if (rejected) throw rejected;
        }
        this.inFlight = false;
        this.ctx.wake();
        await this.commit(false);
      } catch (error) {
        this.inFlight = false;
        if (this.closed) break;
        if (!(error instanceof ConnectorError)) for (const [i, c] of active.entries()) c.next = positions[i]!;
        // A bad record in 'fail' mode ends the statement at once; client errors get a few retries.
        if (++failures < FETCH_ATTEMPTS && !(error instanceof ConnectorError)) {
          await new Promise((resolve) => setTimeout(resolve, 200 * failures));
          continue;
        }
        this.failure = error instanceof ConnectorError ? error : this.error(error);
        this.ctx.wake();
        break;
      }
    }
    this.ctx.wake();
  }

  private startOffset(
    topic: string,
    partition: number,
    earliest: number,
    latest: number,
    group: number | undefined,
    timestamps: Map<string, number[]> | undefined,
  ): number {
    const startup = this.settings.startup;
    switch (startup.kind) {
      case "earliest-offset":
        return earliest;
      case "latest-offset":
        return latest;
      case "timestamp":
        return timestamps?.get(topic)?.[partition] ?? latest;
      case "specific-offsets":
        return startup.offsets.get(partition) ?? earliest;
      case "group-offsets": {
        if (group !== undefined) return group;
        const reset = this.settings.autoOffsetReset;
        if (reset === "earliest") return earliest;
        if (reset === "latest") return latest;
        throw new Error(
          `group '${this.settings.groupId}' has no committed offset for ${topic}/${partition}; set 'properties.auto.offset.reset' = 'earliest' or 'latest', or another 'scan.startup.mode'`,
        );
      }
      default:
        return startup satisfies never;
    }
  }

  private stopOffset(
    partition: number,
    latest: number,
    group: number | undefined,
    atTimestamp: number | undefined,
  ): number {
    const bounded = this.settings.bounded;
    switch (bounded.kind) {
      case "unbounded":
        return Number.POSITIVE_INFINITY;
      case "latest-offset":
        return latest;
      case "group-offsets":
        return group ?? latest;
      case "timestamp":
        return atTimestamp ?? latest;
      case "specific-offsets":
        return bounded.offsets.get(partition) ?? latest;
      default:
        return bounded satisfies never;
    }
  }

  /** First offsets at the mode's timestamp, per topic and partition (Kafka's ListOffsets by time). */
  private async timestampOffsets(mode: {
    readonly kind: string;
    readonly timestamp?: number;
  }): Promise<Map<string, number[]> | undefined> {
    if (mode.kind !== "timestamp" || mode.timestamp === undefined) return undefined;
    const found = await this.consumer!.listOffsets({
      topics: [...this.settings.topics],
      timestamp: BigInt(mode.timestamp),
    });
    return new Map([...found].map(([topic, offsets]) => [topic, offsets.map(Number)]));
  }

  /** Commits the consumed offsets of `properties.group.id` (periodically, and at close). */
  private async commit(force: boolean): Promise<void> {
    const group = this.settings.groupId;
    if (group === undefined) return;
    const now = Date.now();
    if (!force && now - this.lastCommit < COMMIT_INTERVAL_MS) return;
    const changed = this.cursors.filter((c) => this.committed.get(c) !== c.next);
    if (changed.length === 0) return;
    this.lastCommit = now;
    const topics = new Map<string, { partition: number; offset: bigint }[]>();
    for (const c of changed)
      topics.set(c.topic, [
        ...(topics.get(c.topic) ?? []),
        { partition: c.partition, offset: BigInt(c.next) },
      ]);
    await withAdmin(this.settings.bootstrap, (admin) =>
      admin.alterConsumerGroupOffsets({
        groupId: group,
        topics: [...topics].map(([name, partitionOffsets]) => ({ name, partitionOffsets })),
      }),
    );
    for (const c of changed) this.committed.set(c, c.next);
  }

  private error(error: unknown): Error {
    return new Error(
      `table '${this.table.path.join(".")}': Kafka (${this.settings.bootstrap.join(",")}, topic ${this.settings.topics.join(";")}): ${kafkaErrorMessage(error)}`,
    );
  }
}
