import type { Consumer, RecordsBatch } from "@platformatic/kafka";
import type { LogRecord } from "../framework/record-metadata.ts";
import { headersOf } from "./kafka-client.ts";
import { kafkaLibrary } from "./kafka-library.ts";

/** A partition being read: where the next fetch starts and where reading stops. */
export interface PartitionCursor {
  readonly topic: string;
  readonly topicId: string;
  readonly partition: number;
  readonly leader: number;
  /** The next offset to fetch. */
  next: number;
  /** Fetching stops before this offset (Infinity: unbounded). */
  stop: number;
}

export const FETCH_WAIT_MS = 250;
const PARTITION_FETCH_BYTES = 1 << 20;
/** Kafka record batch attributes. */
const LOG_APPEND_TIME = 0x08;
const CONTROL_BATCH = 0x20;

/** Cursors for every partition of `topics`, from the broker's metadata. */
export async function partitionCursors(
  consumer: Consumer,
  topics: readonly string[],
  start: (topic: string, partition: number) => number,
  stop: (topic: string, partition: number) => number,
): Promise<PartitionCursor[]> {
  const metadata = await consumer.metadata({ topics: [...topics] });
  const cursors: PartitionCursor[] = [];
  for (const topic of topics) {
    const info = metadata.topics.get(topic);
    if (!info) throw new Error(`topic '${topic}' does not exist`);
    info.partitions.forEach((p, partition) => {
      cursors.push({
        topic,
        topicId: info.id,
        partition,
        leader: p.leader,
        next: start(topic, partition),
        stop: stop(topic, partition),
      });
    });
  }
  return cursors;
}

/**
 * One read_committed fetch from each leader of the given partitions (manual assignment, no group
 * membership, as Flink's KafkaSource reads): the records between each cursor's next and stop
 * offsets, control batches skipped, cursors advanced past everything fetched.
 */
export async function fetchRecords(
  consumer: Consumer,
  active: readonly PartitionCursor[],
): Promise<LogRecord[]> {
  const { FetchIsolationLevels } = await kafkaLibrary();
  const byLeader = new Map<number, PartitionCursor[]>();
  for (const c of active) byLeader.set(c.leader, [...(byLeader.get(c.leader) ?? []), c]);
  const responses = await Promise.all(
    [...byLeader].map(async ([leader, cursors]) => {
      const topics = new Map<string, PartitionCursor[]>();
      for (const c of cursors) topics.set(c.topicId, [...(topics.get(c.topicId) ?? []), c]);
      const response = await consumer.fetch({
        node: leader,
        maxWaitTime: FETCH_WAIT_MS,
        isolationLevel: FetchIsolationLevels.READ_COMMITTED,
        topics: [...topics].map(([topicId, list]) => ({
          topicId,
          partitions: list.map((c) => ({
            partition: c.partition,
            fetchOffset: BigInt(c.next),
            partitionMaxBytes: PARTITION_FETCH_BYTES,
            currentLeaderEpoch: -1,
            lastFetchedEpoch: -1,
          })),
        })),
      });
      return { cursors, response };
    }),
  );
  const records: LogRecord[] = [];
  for (const { cursors, response } of responses) {
    for (const topicResponse of response.responses) {
      for (const p of topicResponse.partitions) {
        const cursor = cursors.find(
          (c) => c.topicId === topicResponse.topicId && c.partition === p.partitionIndex,
        );
        if (!cursor) continue;
        if (p.errorCode !== 0)
          throw new Error(
            `fetching ${cursor.topic}/${cursor.partition} failed with Kafka error code ${p.errorCode}`,
          );
        collect(cursor, p.records ?? [], records);
      }
    }
  }
  return records;
}

function collect(cursor: PartitionCursor, batches: readonly RecordsBatch[], out: LogRecord[]): void {
  for (const batch of batches) {
    const first = Number(batch.firstOffset);
    const last = first + batch.lastOffsetDelta;
    if ((batch.attributes & CONTROL_BATCH) === 0) {
      const appendTime = (batch.attributes & LOG_APPEND_TIME) !== 0;
      for (const record of batch.records) {
        const offset = first + record.offsetDelta;
        if (offset < cursor.next) continue;
        if (offset >= cursor.stop) break;
        out.push({
          topic: cursor.topic,
          partition: cursor.partition,
          offset,
          timestamp: Number(appendTime ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta),
          timestampType: appendTime ? "LogAppendTime" : "CreateTime",
          leaderEpoch: batch.partitionLeaderEpoch,
          key: record.key,
          value: record.value,
          headers: headersOf(record.headers),
        });
      }
    }
    cursor.next = Math.min(Math.max(cursor.next, last + 1), cursor.stop);
  }
}
