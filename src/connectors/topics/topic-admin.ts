import type { Header } from "../../store/index.ts";
import type { LogRecord } from "../framework/record-metadata.ts";

/** One partition of a topic: the offsets it holds now, and its leader broker on Kafka. */
export interface PartitionInfo {
  readonly partition: number;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly leader?: number;
}

export interface TopicInfo {
  readonly name: string;
  readonly partitions: readonly PartitionInfo[];
  /** Topic settings by Kafka's names (`cleanup.policy`, `retention.ms`). */
  readonly config: Readonly<Record<string, string>>;
}

export interface NewTopic {
  readonly partitions: number;
  readonly compact: boolean;
  /** null: keep records forever. */
  readonly retentionMs: number | null;
}

/** A record to produce; the partition comes from the key (murmur2) or round robin when absent. */
export interface ProducerRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: readonly Header[];
  readonly timestamp?: number;
  readonly partition?: number;
}

/** Where a read starts in every partition. */
export type ReadStart =
  | { readonly kind: "earliest" }
  | { readonly kind: "latest" }
  | { readonly kind: "offset"; readonly offset: number }
  | { readonly kind: "timestamp"; readonly timestamp: number };

export interface ReadOptions {
  readonly from: ReadStart;
  readonly partitions?: readonly number[];
  /** Keep reading new records (tail) instead of stopping at the end offsets of the start. */
  readonly follow: boolean;
  readonly signal?: AbortSignal;
}

/**
 * The topics of the embedded store or of a Kafka cluster, as `headwater topic` manages them. Names
 * starting with `__` are internal (the store's primary-key tables, Kafka's offsets) and listed on
 * request only.
 */
export interface TopicAdmin {
  /** Where the topics live, for messages: `store /data/hw` or `kafka 127.0.0.1:9092`. */
  readonly where: string;
  list(includeInternal: boolean): Promise<string[]>;
  create(name: string, topic: NewTopic): Promise<void>;
  describe(name: string): Promise<TopicInfo>;
  produce(name: string, records: readonly ProducerRecord[]): Promise<void>;
  /** Batches of records in offset order per partition. */
  read(name: string, options: ReadOptions): AsyncGenerator<LogRecord[]>;
  close(): Promise<void>;
}

export function isInternalTopic(name: string): boolean {
  return name.startsWith("__");
}
