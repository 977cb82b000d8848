/** A record header: a name and opaque bytes, as in Kafka. */
export type Header = readonly [name: string, value: Uint8Array];

/** What a producer hands to `appendBatch`. A `null` value is a tombstone (a delete in a compacted topic). */
export interface RecordInput {
  readonly key?: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers?: readonly Header[];
  /** Epoch milliseconds; defaults to the time of the append. */
  readonly timestamp?: number;
}

/**
 * A record read back from the log. `key`, `value` and header values are views into the read buffer
 * (no copy); copy them if you keep them long after processing, or they pin the whole read chunk.
 */
export interface StoredRecord {
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly headers: readonly Header[];
}

export const NO_HEADERS: readonly Header[] = Object.freeze([]);
