import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { Store, Transaction } from "../../store/index.ts";
import type { DeadLetterWriter } from "./dead-letter.ts";
import type { MetadataKey } from "./metadata.ts";
import type { UpsertRows } from "./upsert-normalizer.ts";

/**
 * Which changes a source emits, as Flink's `ChangelogMode` of a `ScanTableSource`: inserts only (a
 * log of events), or every kind (an upsert or CDC source, normalized into `+I`/`-U`/`+U`/`-D`).
 */
export type SourceChangelog = "insert-only" | "all";

/**
 * Which changes a sink accepts, as Flink's `DynamicTableSink.getChangelogMode`:
 * - `append`: inserts only; an updating query is rejected by the planner;
 * - `upsert`: inserts, updates and deletes applied by primary key (needs one); `-U` is not written, and
 *   the planner asks for it only when the query's upsert key is not within the primary key;
 * - `retract`: every kind, each written as it comes, `-U` included (print, a retract topic, CDC formats);
 * - `discard`: every kind, none kept (blackhole).
 */
export type SinkChangelog = "append" | "upsert" | "retract" | "discard";

/** What planning needs to know about a table's connector: derived from its options alone, no I/O. */
export interface TableCapabilities {
  /** Undefined when the connector cannot be read. */
  readonly source: SourceChangelog | undefined;
  /** Undefined when the connector cannot be written. */
  readonly sink: SinkChangelog | undefined;
  /** Metadata keys the connector can read (`offset`) and write (`timestamp`, `headers`). */
  readonly metadata: readonly MetadataKey[];
}

/** What the engine gives a connector at run time. */
export interface ConnectorContext {
  /** The engine's embedded store; undefined when the engine runs in memory. */
  readonly store: Store | undefined;
  /** Processing time, epoch ms (the engine's injectable clock). */
  readonly clock: () => number;
  /** Called when asynchronous work (a fetch, a timer) made input available: the engine runs its jobs again. */
  readonly wake: () => void;
  /**
   * Short asynchronous work the engine waits for before `execute` returns (a registry look-up, a
   * produce request), unlike waiting for new input (a Kafka long poll), which it does not wait for.
   */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** A session setting (`SET 'key' = 'value'`), or the engine's default for it. */
  readonly setting: (key: string) => string | undefined;
  /** Schema registry URL for registry formats of store-backed tables (Confluent Cloud's implicit registry). */
  readonly schemaRegistryUrl: string | undefined;
  /** Where the `print` connector writes its lines. */
  readonly print: (line: string, standardError: boolean) => void;
  /** The dead-letter table of `'error-handling.mode' = 'log'`, by name. */
  readonly deadLetters: (target: string, source: TableSchema) => DeadLetterWriter;
  /** Adds to a named counter of the table (`records-in`, `bad-records-ignored`, ...). */
  readonly count: (table: TableSchema, metric: string, n?: number) => void;
}

/**
 * What a source produces per poll. Each row holds the table's physical columns in table order, then
 * the values of the metadata keys the engine asked for, in the order it asked.
 */
export interface SourceBatch {
  readonly rows: readonly Row[];
  /** Row kinds; all `+I` when absent. */
  readonly kinds?: readonly RowKind[];
  /** The split (Kafka partition, file) each row came from, for per-split watermarks; all 0 when absent. */
  readonly splits?: readonly number[];
}

/** A batch, or no rows for now (`idle`: maybe later), or the input is exhausted (`end`). */
export type SourcePoll = SourceBatch | "idle" | "end";

/**
 * The reading side of a table: pull-based, synchronous `poll`, so the engine's operators stay
 * synchronous. Connectors whose input is asynchronous (Kafka fetches, registry look-ups, timers)
 * buffer it in the background and call `ConnectorContext.wake` when a poll would return rows.
 */
export interface RecordReader {
  /** Splits known now (Kafka partitions); each gets its own watermark. */
  readonly splits: number;
  /** Connects, resolves start offsets and prepares formats; called once before the first poll. */
  open(): Promise<void>;
  poll(max: number): SourcePoll;
  /** From now on, end once the input available now is read: a bounded run of an unbounded source. */
  bound(): void;
  /** Position and any normalization state, as a SqlValue (checkpoints). */
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
  close(): Promise<void>;
}

/** What the engine asks a source for. */
export interface SourceRequest {
  /** Metadata keys to append to each row, after the physical columns. */
  readonly metadataKeys: readonly string[];
  /**
   * Reader `index` of `count` parallel readers (a factory with `readsSplits`): it reads its share of
   * the table's splits, and the `count` shares together are exactly the whole table.
   */
  readonly split?: SourceSplit;
  /** Where an upsert source keeps its rows per key (the engine's keyed state); a Map without. */
  readonly upsertRows?: () => UpsertRows;
}

/** One of several parallel readers of a table. */
export interface SourceSplit {
  readonly index: number;
  readonly count: number;
}

/** What the engine asks a sink for. */
export interface SinkRequest {
  /** Positions of the table columns in each written row: physical and persisted metadata columns. */
  readonly columns: readonly number[];
  /** How rows arrive (see SinkChangelog); `upsert` rows are `+I`/`+U` (insert or replace) and `-D`. */
  readonly mode: SinkChangelog;
  /**
   * Exactly-once (the statement runs under checkpoints): the store transaction this checkpoint's
   * writes go into — a new one after each checkpoint, which commits it. Absent: writes are visible
   * at flush.
   */
  readonly transaction?: () => Transaction;
  /**
   * Exactly-once for sinks whose own system has transactions (Kafka): the statement's identity,
   * which names its transactional id and where its checkpoint ids are committed (see SinkCommitter).
   */
  readonly exactlyOnce?: { readonly statement: string };
}

/**
 * A sink writing exactly-once through its own system's transactions: everything written between two
 * checkpoints goes into one transaction, committed with the checkpoint's id in it — that commit is
 * the checkpoint's commit point. A restarted writer aborts what its predecessor left open.
 */
export interface SinkCommitter {
  /** The id of the last checkpoint its system committed for the statement (after `open`). */
  lastCommitted(): Promise<number | undefined>;
  /** Commits everything written so far, with `checkpointId` in the same transaction. */
  commit(checkpointId: number): Promise<void>;
}

/**
 * The writing side of a table. `write` is synchronous and buffers; `flush` hands buffered records on
 * (synchronously for the embedded store, in the background for Kafka) and returns true when records
 * became readable at once; `drain` waits until everything written so far is stored or failed.
 */
export interface SinkWriter {
  open(): Promise<void>;
  /** Throws when an earlier background write failed: the statement fails with that error. */
  write(kind: RowKind, row: Row): void;
  /** The statement's input ended: no more writes come (sinks downstream may end their reads). */
  finish?(): void;
  flush(): boolean;
  drain(): Promise<void>;
  close(): Promise<void>;
  /** Present when the writer commits through its own system's transactions (exactly-once). */
  readonly committer?: SinkCommitter;
  /**
   * State that decides where later records go (a round-robin position), for checkpoints: a resumed
   * statement writes each record where an uninterrupted one would.
   */
  snapshot?(): SqlValue;
  restore?(state: SqlValue): void;
}

/** One connector, as Flink's `DynamicTableSourceFactory`/`DynamicTableSinkFactory`. */
export interface ConnectorFactory {
  /** The `connector` option value (`kafka`); the embedded store's factory also serves tables without one. */
  readonly name: string;
  /** Validates the table's options (throws ConnectorError) and says what the table can do. */
  describe(table: TableSchema): TableCapabilities;
  createReader?(table: TableSchema, request: SourceRequest, ctx: ConnectorContext): RecordReader;
  /** The reader honours `SourceRequest.split`: a parallel statement reads the table on every worker. */
  readonly readsSplits?: boolean;
  createWriter?(table: TableSchema, request: SinkRequest, ctx: ConnectorContext): SinkWriter;
  /** CREATE TABLE: e.g. create the topic with the table's partitions. */
  onCreateTable?(table: TableSchema, ctx: ConnectorContext): Promise<void>;
  /** DROP TABLE: Confluent Cloud deletes the topic with the table. */
  onDropTable?(table: TableSchema, ctx: ConnectorContext): Promise<void>;
}
