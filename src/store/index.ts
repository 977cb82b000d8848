export {
  Consumer,
  type ConsumerOptions,
  type PartitionPosition,
  type PolledBatch,
  type StartPosition,
} from "./consumer.ts";
export type { GroupOffset } from "./control/control-entry.ts";
export { type CommittedRange, Transaction, type TransactionState } from "./control/transaction.ts";
export { DEFAULT_FSYNC_POLICY, type FsyncPolicy } from "./fsync-policy.ts";
export { encodeKey } from "./key-encoder.ts";
export type { CompactionResult } from "./log/compaction.ts";
export { DEFAULT_LOG_CONFIG, type LogConfig } from "./log/log-config.ts";
export type { PartitionLog, ReadCursor } from "./log/partition-log.ts";
export { murmur2, partitionForKey } from "./log/partitioner.ts";
export type { Header, RecordInput, StoredRecord } from "./log/record.ts";
export { Topic, type TopicConfig } from "./log/topic.ts";
export type { AggregateFunction, DeleteBehavior, MergeEngine } from "./pk-table/merge-engine.ts";
export { type ChangeRow, PkTable, type PkTableOptions } from "./pk-table/pk-table.ts";
export type { Version } from "./pk-table/version-history.ts";
export { decodeRow, encodeRow, RowReader, RowWriter } from "./row-codec.ts";
export { type CleanupResult, type ReadOnlyStoreOptions, Store, type StoreOptions } from "./store.ts";
export { StoreLockedError } from "./store-lock.ts";
