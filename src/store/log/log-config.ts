/** Per-topic settings, persisted in the topic's `topic.json`. Names follow Kafka's topic configs. */
export interface LogConfig {
  /** A segment is sealed and a new one started once the next batch would push it past this size. */
  readonly segmentBytes: number;
  /** Bytes of log between two sparse index entries. */
  readonly indexIntervalBytes: number;
  /** `delete`: old segments expire by retention; `compact`: keep the last record per key as well. */
  readonly cleanupPolicy: "delete" | "compact";
  /** Sealed segments whose newest record is older than this are deleted; null keeps them forever. */
  readonly retentionMs: number | null;
  /** Oldest sealed segments are deleted while the partition is larger than this; null: no limit. */
  readonly retentionBytes: number | null;
  /** How long compaction keeps a tombstone (so that slow readers still see the delete). */
  readonly deleteRetentionMs: number;
  /** Verify each record's CRC when reading (recovery at open always verifies). */
  readonly verifyChecksumsOnRead: boolean;
}

export const DEFAULT_LOG_CONFIG: LogConfig = {
  segmentBytes: 64 * 1024 * 1024,
  indexIntervalBytes: 4096,
  cleanupPolicy: "delete",
  retentionMs: null,
  retentionBytes: null,
  deleteRetentionMs: 24 * 60 * 60 * 1000,
  verifyChecksumsOnRead: true,
};
