import type { SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { PartitionLog, ReadCursor, Store, Topic } from "../../store/index.ts";
import { BadRecords } from "../framework/bad-records.ts";
import type { ConnectorContext, RecordReader, SourcePoll, SourceRequest } from "../framework/connector.ts";
import { type DecodedRows, LogDecoder, type LogReadMode } from "../framework/log-decoder.ts";
import { RecordFormat } from "../framework/record-format.ts";
import { type LogRecord, toLogRecord } from "../framework/record-metadata.ts";
import { TableOptions } from "../framework/table-options.ts";
import { upsertRowsOf } from "../framework/upsert-normalizer.ts";
import { rowKindOf, type StoreTableSettings } from "./store-table-settings.ts";
import { ensureStoreTopic } from "./store-topic.ts";

/** Bytes read per partition per poll. */
const READ_BYTES = 1 << 20;

interface PartitionState {
  readonly log: PartitionLog;
  readonly cursor: ReadCursor;
  /** Reading stops before this offset (Infinity: unbounded). */
  stop: number;
}

/**
 * Reads a store-backed table: every partition of its topic from the startup position, records
 * decoded with the table's formats and turned into changes by its changelog mode. Registry formats
 * fetch writer schemas asynchronously: a batch waits for them (the poll says `idle`), then the
 * engine is woken to take it. The partitions' append notifications wake the engine for new records.
 */
export class StoreReader implements RecordReader {
  private readonly table: TableSchema;
  private readonly settings: StoreTableSettings;
  private readonly ctx: ConnectorContext;
  private readonly request: SourceRequest;
  private topic: Topic | undefined;
  private format: RecordFormat | undefined;
  private decoder: LogDecoder | undefined;
  private partitions: PartitionState[] = [];
  private nextPartition = 0;
  private unsubscribes: (() => void)[] = [];
  /** Records read but waiting for their registry schemas, then their decoded rows. */
  private waiting: LogRecord[] | undefined;
  private ready: LogRecord[] | undefined;
  private restored: SqlValue | undefined;
  /** A rejected record: raised at the next poll, after the rows decoded before it. */
  private failure: Error | undefined;

  constructor(
    table: TableSchema,
    settings: StoreTableSettings,
    request: SourceRequest,
    ctx: ConnectorContext,
  ) {
    this.table = table;
    this.settings = settings;
    this.ctx = ctx;
    this.request = request;
  }

  get splits(): number {
    return this.topic?.partitions.length ?? this.settings.partitions;
  }

  async open(): Promise<void> {
    const store = requireStore(this.ctx.store, this.table);
    const topic = ensureStoreTopic(store, this.settings);
    this.topic = topic;
    const options = new TableOptions(this.table, this.table.options.connector ?? "confluent");
    this.format = new RecordFormat(options, this.settings.layout(this.ctx.schemaRegistryUrl), {
      topic: topic.name,
    });
    this.decoder = new LogDecoder(
      this.format,
      readMode(this.settings, this.request),
      this.request.metadataKeys,
      new BadRecords(this.table, this.settings.errorHandling, this.ctx),
    );
    this.partitions = topic.partitions.map((log, p) => ({
      log,
      cursor: { offset: this.startOffset(log, p), segment: undefined, position: 0 },
      stop: this.stopOffset(log, p),
    }));
    if (this.restored !== undefined) this.applyRestore(this.restored);
    this.unsubscribes = topic.partitions.map((log) => log.onAppend(() => this.ctx.wake()));
  }

  poll(max: number): SourcePoll {
    if (this.failure) throw this.failure;
    const ready = this.ready;
    if (ready !== undefined) {
      this.ready = undefined;
      return this.decode(ready);
    }
    if (this.waiting !== undefined) return "idle";
    const records = this.read(max);
    if (records.length === 0) return this.partitions.every((p) => p.cursor.offset >= p.stop) ? "end" : "idle";
    if (!this.format!.needsPrepareFor(records)) return this.decode(records);
    this.waiting = records;
    void this.ctx.track(this.format!.prepareRead(records)).then(() => {
      this.ready = records;
      this.waiting = undefined;
      this.ctx.wake();
    });
    return "idle";
  }

  bound(): void {
    for (const p of this.partitions) p.stop = Math.min(p.stop, p.log.nextOffset);
  }

  /**
   * Positions, normalization state, stop offsets (a bounded read ends where it was going to end) and
   * the partition read first next. Records read but still waiting for registry schemas are not
   * consumed yet: the position is that of the first of them.
   */
  snapshot(): SqlValue {
    const held = this.ready ?? this.waiting ?? [];
    const offsets = this.partitions.map(
      (p, i) => held.find((record) => record.partition === i)?.offset ?? p.cursor.offset,
    );
    return [
      offsets,
      this.decoder?.snapshot() ?? null,
      this.partitions.map((p) => p.stop),
      this.nextPartition,
    ];
  }

  restore(state: SqlValue): void {
    if (this.partitions.length === 0) this.restored = state;
    else this.applyRestore(state);
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
  }

  private applyRestore(state: SqlValue): void {
    const [offsets, normalizer, stops, next] = state as [number[], SqlValue, number[]?, number?];
    offsets.forEach((offset, p) => {
      const partition = this.partitions[p];
      if (!partition) return;
      partition.cursor.offset = offset;
      partition.cursor.segment = undefined;
      if (stops?.[p] !== undefined) partition.stop = stops[p];
    });
    if (next !== undefined) this.nextPartition = next % Math.max(1, this.partitions.length);
    if (normalizer !== null) this.decoder?.restore(normalizer);
  }

  /** Up to `max` records, taking partitions in turn so none starves. */
  private read(max: number): LogRecord[] {
    const out: LogRecord[] = [];
    const count = this.partitions.length;
    const topic = this.topic!.name;
    for (let i = 0; i < count && out.length < max; i++) {
      const p = (this.nextPartition + i) % count;
      const state = this.partitions[p]!;
      const room = Math.min(max - out.length, state.stop - state.cursor.offset);
      if (room <= 0 || state.log.nextOffset <= state.cursor.offset) continue;
      for (const record of state.log.read(state.cursor, READ_BYTES, room)) {
        if (record.offset >= state.stop) {
          state.cursor.offset = state.stop;
          state.cursor.segment = undefined;
          break;
        }
        out.push(toLogRecord(topic, p, record, this.waitsForSchemas ? "copied" : "view"));
      }
    }
    this.nextPartition = (this.nextPartition + 1) % Math.max(1, count);
    return out;
  }

  /** Records kept across an async registry look-up must own their bytes (reads are views of a buffer). */
  private get waitsForSchemas(): boolean {
    return this.format!.needsPrepare;
  }

  private decode(records: readonly LogRecord[]): SourcePoll {
    const out: DecodedRows = { rows: [], kinds: [], splits: [] };
    this.failure = this.decoder!.decodeAll(records, out);
    this.ctx.count(this.table, "records-in", records.length);
    if (this.failure && out.rows.length === 0) throw this.failure;
    return out;
  }

  private startOffset(log: PartitionLog, partition: number): number {
    const startup = this.settings.startup;
    switch (startup.kind) {
      case "earliest-offset":
      case "group-offsets":
        return log.startOffset;
      case "latest-offset":
        return log.nextOffset;
      case "timestamp":
        return log.offsetForTimestamp(startup.timestamp);
      case "specific-offsets":
        return startup.offsets.get(partition) ?? log.startOffset;
      default:
        return startup satisfies never;
    }
  }

  private stopOffset(log: PartitionLog, partition: number): number {
    const bounded = this.settings.bounded;
    switch (bounded.kind) {
      case "unbounded":
      case "group-offsets":
        return Number.POSITIVE_INFINITY;
      case "latest-offset":
        return log.nextOffset;
      case "timestamp":
        return log.offsetForTimestamp(bounded.timestamp);
      case "specific-offsets":
        return bounded.offsets.get(partition) ?? log.nextOffset;
      default:
        return bounded satisfies never;
    }
  }
}

export function requireStore(store: Store | undefined, table: TableSchema): Store {
  if (store === undefined)
    throw new Error(
      `table '${table.path.join(".")}' is stored in the embedded store, but the engine has none`,
    );
  return store;
}

function readMode(settings: StoreTableSettings, request: SourceRequest): LogReadMode {
  switch (settings.changelogMode) {
    case "append":
      return { kind: "append" };
    case "upsert":
      return { kind: "upsert", primaryKey: settings.primaryKey, ...upsertRowsOf(request) };
    case "retract":
      return { kind: "retract", kindOf: rowKindOf };
    default:
      return settings.changelogMode satisfies never;
  }
}
