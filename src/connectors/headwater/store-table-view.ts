import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { encodeKey, PkTable, type ReadCursor, type Store, type Topic } from "../../store/index.ts";
import { BadRecords } from "../framework/bad-records.ts";
import type { ConnectorContext } from "../framework/connector.ts";
import { type DecodedRows, LogDecoder, type LogReadMode } from "../framework/log-decoder.ts";
import { metadataKeyOf } from "../framework/metadata.ts";
import { keyValues, physicalColumns, RecordFormat } from "../framework/record-format.ts";
import type { LogRecord } from "../framework/record-metadata.ts";
import { toLogRecord } from "../framework/record-metadata.ts";
import { TableOptions } from "../framework/table-options.ts";
import { PkTableState } from "./pk-table-state.ts";
import { StoreChangelog } from "./store-changelog.ts";
import { readStoreTableSettings, rowKindOf, type StoreTableSettings } from "./store-table-settings.ts";
import { ensureStoreTopic } from "./store-topic.ts";

/** One change of a stored table, at its position in the view's changelog. */
export interface StoredChange {
  readonly kind: RowKind;
  readonly row: Row;
  readonly timestamp: number;
  readonly offset: number;
}

/** The consumer group under which views record how far they have read an upsert topic. */
const VIEW_GROUP = "__headwater_view";
const READ_BYTES = 1 << 20;
const READ_RECORDS = 8192;
/** How often a view records its position (an fsync): a crash replays at most this much, harmlessly. */
const COMMIT_INTERVAL_MS = 1000;

/**
 * Read access to a store-backed table for serving: its current rows, point lookups by primary key
 * and its changelog. It follows the table's topic (catching up on every call and after every append).
 *
 * Upsert tables keep their current rows in a durable primary-key table (`__pk.<topic>` in the
 * store) and record the topic offsets it reflects, so after a restart lookups answer at once; the
 * changelog of such a view starts with the current rows as `+I`, then the changes that follow.
 * Append and retract tables replay their topic from its start. Rows are the table's physical and
 * persisted metadata columns, in table order.
 */
export class StoreTableView {
  readonly table: TableSchema;
  /** Table column positions of the view's rows. */
  readonly columns: readonly number[];
  /**
   * The table's changelog as stored, at log offsets that survive restarts — for a topic of one
   * partition, whose log is the table's one order of changes. A table of several partitions has no
   * such order: its changelog is `changes`, numbered as this view read them.
   */
  readonly changelog: StoreChangelog | undefined;
  private readonly settings: StoreTableSettings;
  private readonly ctx: ConnectorContext;
  private readonly store: Store;
  private readonly topic: Topic;
  private readonly format: RecordFormat;
  private readonly decoder: LogDecoder;
  private readonly cursors: ReadCursor[];
  /** Decoder row position of each view column. */
  private readonly order: readonly number[];
  private readonly pk: PkTable | undefined;
  /** Current rows of append and retract tables: by primary key, or by the whole row with a count. */
  private readonly current = new Map<string, { row: Row; count: number }>();
  private readonly keyPositions: readonly number[];
  private readonly log: StoredChange[] = [];
  private readonly listeners = new Set<(change: StoredChange) => void>();
  private readonly unsubscribe: () => void;
  private preparing = false;
  private closed = false;
  private catchUpQueued = false;
  private uncommitted = 0;
  private committedAt = 0;

  constructor(table: TableSchema, store: Store, ctx: ConnectorContext) {
    this.table = table;
    this.settings = readStoreTableSettings(table);
    this.ctx = ctx;
    this.store = store;
    this.topic = ensureStoreTopic(store, this.settings);
    const options = new TableOptions(table, table.options.connector ?? "confluent");
    this.format = new RecordFormat(options, this.settings.layout(ctx.schemaRegistryUrl), {
      topic: this.topic.name,
    });
    this.columns = table.columns.flatMap((c, i) =>
      c.origin === "physical" || (c.origin === "metadata" && !c.virtual) ? [i] : [],
    );
    const physical = physicalColumns(table);
    const metadataKeys = this.columns
      .filter((c) => !physical.includes(c))
      .map((c) => metadataKeyOf(table, c)!);
    this.order = this.columns.map((c) =>
      physical.includes(c)
        ? physical.indexOf(c)
        : physical.length + metadataKeys.indexOf(metadataKeyOf(table, c)!),
    );
    this.keyPositions = (table.primaryKey ?? []).map((name) =>
      physical.findIndex((c) => table.columns[c]!.name === name),
    );
    const committed = store.committedOffsets(VIEW_GROUP, this.topic.name);
    let mode: LogReadMode;
    if (this.settings.changelogMode === "upsert") {
      this.pk = PkTable.open(store, `__pk.${this.topic.name}`, { keyColumns: this.keyPositions });
      mode = { kind: "upsert", primaryKey: this.settings.primaryKey, state: new PkTableState(this.pk) };
      for (const row of this.pk.scan()) this.push("+I", row, ctx.clock());
    } else {
      mode =
        this.settings.changelogMode === "retract"
          ? { kind: "retract", kindOf: rowKindOf }
          : { kind: "append" };
    }
    const quiet = new BadRecords(table, { mode: "ignore", target: "" }, ctx);
    this.decoder = new LogDecoder(this.format, mode, metadataKeys, quiet);
    this.changelog =
      this.topic.partitions.length === 1
        ? new StoreChangelog(
            {
              topic: this.topic.name,
              log: this.topic.partitions[0]!,
              format: this.format,
              mode,
              metadataKeys,
              badRecords: quiet,
              viewRow: (decoded) => this.viewRow(decoded),
            },
            ctx,
          )
        : undefined;
    this.cursors = this.topic.partitions.map((log, p) => ({
      offset: this.pk ? (committed.get(p) ?? log.startOffset) : log.startOffset,
      segment: undefined,
      position: 0,
    }));
    const unsubscribes = this.topic.partitions.map((log) => log.onAppend(() => this.queueCatchUp()));
    this.unsubscribe = () => {
      for (const u of unsubscribes) u();
    };
    this.catchUp();
  }

  get primaryKey(): readonly string[] {
    return this.table.primaryKey ?? [];
  }

  rows(): Row[] {
    this.catchUp();
    if (this.pk) return [...this.pk.scan()].map((row) => this.viewRow(row));
    const out: Row[] = [];
    for (const { row, count } of this.current.values()) for (let i = 0; i < count; i++) out.push(row);
    return out;
  }

  /** The row whose primary key is `key` (values in key order). */
  lookup(key: readonly SqlValue[]): Row | undefined {
    this.catchUp();
    if (this.pk) {
      const row = this.pk.get(key);
      return row === undefined ? undefined : this.viewRow(row);
    }
    if (this.keyPositions.length === 0) return undefined;
    return this.current.get(encodeKey(key))?.row;
  }

  changes(from: number, max = Number.POSITIVE_INFINITY): StoredChange[] {
    this.catchUp();
    return this.log.slice(from, from + Math.min(max, this.log.length));
  }

  get endOffset(): number {
    this.catchUp();
    return this.log.length;
  }

  subscribe(listener: (change: StoredChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.commit();
  }

  private queueCatchUp(): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    queueMicrotask(() => {
      this.catchUpQueued = false;
      this.catchUp();
    });
  }

  /** Reads what was appended since the last call; registry formats may finish it asynchronously. */
  private catchUp(): void {
    if (this.preparing || this.closed) return;
    for (;;) {
      const records = this.read();
      if (records.length === 0) break;
      if (this.format.needsPrepareFor(records)) {
        this.preparing = true;
        void this.ctx.track(this.format.prepareRead(records)).then(() => {
          this.preparing = false;
          if (this.closed) return;
          this.apply(records);
          this.catchUp();
        });
        return;
      }
      this.apply(records);
    }
    if (this.uncommitted > 0 && this.ctx.clock() - this.committedAt >= COMMIT_INTERVAL_MS) this.commit();
  }

  private read(): LogRecord[] {
    const out: LogRecord[] = [];
    this.topic.partitions.forEach((log, partition) => {
      const cursor = this.cursors[partition]!;
      if (log.nextOffset <= cursor.offset) return;
      for (const record of log.read(cursor, READ_BYTES, READ_RECORDS))
        out.push(toLogRecord(this.topic.name, partition, record));
    });
    return out;
  }

  private apply(records: readonly LogRecord[]): void {
    for (const record of records) {
      const out: DecodedRows = { rows: [], kinds: [], splits: [] };
      this.decoder.decode(record, out);
      for (let i = 0; i < out.rows.length; i++) {
        const kind = out.kinds[i]!;
        const row = out.rows[i]!;
        if (!this.pk) this.track(kind, row);
        this.push(kind, row, record.timestamp);
      }
    }
    this.uncommitted += records.length;
  }

  /** Keeps the current rows of append and retract tables (`decoded`: physical columns first). */
  private track(kind: RowKind, decoded: Row): void {
    const keyed = this.keyPositions.length > 0;
    const row = this.viewRow(decoded);
    const key = encodeKey(keyed ? keyValues(decoded, this.keyPositions) : row);
    const entry = this.current.get(key);
    if (kind === "+I" || kind === "+U") {
      if (entry && !keyed) entry.count++;
      else this.current.set(key, { row, count: 1 });
    } else if (entry && (keyed || --entry.count <= 0)) {
      this.current.delete(key);
    }
  }

  private push(kind: RowKind, decoded: Row, timestamp: number): void {
    const change: StoredChange = { kind, row: this.viewRow(decoded), timestamp, offset: this.log.length };
    this.log.push(change);
    for (const listener of this.listeners) listener(change);
  }

  private viewRow(decoded: Row): Row {
    return this.order.map((i) => decoded[i] ?? null);
  }

  private commit(): void {
    if (!this.pk || this.uncommitted === 0) return;
    this.store.commitOffsets(VIEW_GROUP, this.topic.name, new Map(this.cursors.map((c, p) => [p, c.offset])));
    this.uncommitted = 0;
    this.committedAt = this.ctx.clock();
  }
}
