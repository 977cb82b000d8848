import type { SqlValue } from "../../common/value.ts";
import type { Header, StoredRecord } from "../../store/index.ts";

/** A log record as sources see it, whichever log it came from (the embedded store or Kafka). */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType: "CreateTime" | "LogAppendTime";
  readonly leaderEpoch: number | null;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly Header[];
}

/** Reads one metadata key of a record (see RECORD_METADATA). */
export type MetadataReader = (record: LogRecord) => SqlValue;

const READERS: Readonly<Record<string, MetadataReader>> = {
  topic: (r) => r.topic,
  partition: (r) => r.partition,
  offset: (r) => r.offset,
  timestamp: (r) => r.timestamp,
  "timestamp-type": (r) => r.timestampType,
  "leader-epoch": (r) => r.leaderEpoch,
  key: (r) => (r.key === null ? null : r.key.slice()),
  headers: (r) => new Map<SqlValue, SqlValue>(r.headers.map(([name, value]) => [name, value.slice()])),
};

/** Readers for the requested keys, in order; the engine only asks for keys the connector offers. */
export function metadataReaders(keys: readonly string[]): MetadataReader[] {
  return keys.map((key) => {
    const reader = READERS[key];
    if (reader === undefined) throw new Error(`no record metadata '${key}'`);
    return reader;
  });
}

/**
 * A stored record as the decoders read it. Reads are views of a segment's buffer, which the next read
 * may reuse: a record kept beyond that (across an await, in a batch handed to a consumer) is `copied`
 * out of it; one decoded at once can stay a `view` and save the copies.
 */
export function toLogRecord(
  topic: string,
  partition: number,
  record: StoredRecord,
  bytes: "copied" | "view" = "copied",
): LogRecord {
  const copy = bytes === "copied";
  return {
    topic,
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: "CreateTime",
    leaderEpoch: null,
    key: copy && record.key !== null ? record.key.slice() : record.key,
    value: copy && record.value !== null ? record.value.slice() : record.value,
    headers: copy ? record.headers.map(([n, v]) => [n, v.slice()] as const) : record.headers,
  };
}
