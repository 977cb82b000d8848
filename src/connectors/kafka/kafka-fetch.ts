import type { ConnectionPool, Consumer, RecordsBatch } from "@platformatic/kafka";
import type { LogRecord } from "../framework/record-metadata.ts";
import { type AbortedTransaction, committedBatches } from "./aborted-transactions.ts";
import { headersOf } from "./kafka-client.ts";
import { type KafkaLibrary, kafkaLibrary } from "./kafka-library.ts";

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
const FETCH_BYTES = 1 << 26;
/** A full fetch outside any fetch session (KIP-227's FINAL_EPOCH with no session id). */
const NO_SESSION = { id: 0, epoch: -1 };
/** Kafka record batch attributes. */
const LOG_APPEND_TIME = 0x08;

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

const pools = new WeakMap<Consumer, ConnectionPool>();

/**
 * Connections of the fetches a consumer's reader makes. The fetch goes through the protocol API
 * rather than `consumer.fetch`, whose read_committed filtering drops committed records: it keeps one
 * aborted range per producer and drops everything up to that producer's last abort marker, across
 * the transactions it committed in between (a transactional producer keeps its id for life). The
 * aborted transactions are filtered here instead, as Kafka's own consumer does (committedBatches).
 */
function fetchConnections(consumer: Consumer, kafka: KafkaLibrary): ConnectionPool {
  let pool = pools.get(consumer);
  if (pool === undefined) {
    pool = new kafka.ConnectionPool(consumer.clientId);
    pools.set(consumer, pool);
  }
  return pool;
}

/** Closes the connections `fetchRecords` opened for the consumer (call before closing it). */
export async function closeFetchConnections(consumer: Consumer): Promise<void> {
  const pool = pools.get(consumer);
  pools.delete(consumer);
  await pool?.close();
}

/**
 * One read_committed fetch from each leader of the given partitions (manual assignment, no group
 * membership, as Flink's KafkaSource reads): the records between each cursor's next and stop
 * offsets, control batches and aborted transactions skipped, cursors advanced past everything fetched.
 */
export async function fetchRecords(
  consumer: Consumer,
  active: readonly PartitionCursor[],
): Promise<LogRecord[]> {
  const kafka = await kafkaLibrary();
  const { FetchIsolationLevels, fetchV17 } = kafka;
  const byLeader = new Map<number, PartitionCursor[]>();
  for (const c of active) byLeader.set(c.leader, [...(byLeader.get(c.leader) ?? []), c]);
  const responses = await Promise.all(
    [...byLeader].map(async ([leader, cursors]) => {
      const topics = new Map<string, PartitionCursor[]>();
      for (const c of cursors) topics.set(c.topicId, [...(topics.get(c.topicId) ?? []), c]);
      const broker = (
        await consumer.metadata({ topics: [...new Set(cursors.map((c) => c.topic))] })
      ).brokers.get(leader);
      if (broker === undefined) throw new Error(`no Kafka broker with node id ${leader} in the metadata`);
      const connection = await fetchConnections(consumer, kafka).get(broker);
      const response = await fetchV17.api.async(
        connection,
        FETCH_WAIT_MS,
        1,
        FETCH_BYTES,
        FetchIsolationLevels.READ_COMMITTED,
        NO_SESSION.id,
        NO_SESSION.epoch,
        [...topics].map(([topicId, list]) => ({
          topicId,
          partitions: list.map((c) => ({
            partition: c.partition,
            fetchOffset: BigInt(c.next),
            partitionMaxBytes: PARTITION_FETCH_BYTES,
            currentLeaderEpoch: -1,
            lastFetchedEpoch: -1,
          })),
        })),
        [],
        "",
      );
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
        collect(cursor, p.records ?? [], p.abortedTransactions ?? [], records);
      }
    }
  }
  return records;
}

function collect(
  cursor: PartitionCursor,
  batches: readonly RecordsBatch[],
  aborted: readonly AbortedTransaction[],
  out: LogRecord[],
): void {
  const visible = new Set(committedBatches(batches, aborted));
  for (const batch of batches) {
    const first = Number(batch.firstOffset);
    const last = first + batch.lastOffsetDelta;
    if (visible.has(batch)) {
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
