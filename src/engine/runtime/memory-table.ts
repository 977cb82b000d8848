import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { describeTable } from "../../connectors/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { encodeKey } from "../../store/index.ts";
import { rowsEqual, valuesEqual } from "./expr/index.ts";
import type { LookupSource } from "./lookup-source.ts";
import { type StateKey, stateKey } from "./operators/join/join-matcher.ts";
import type { KeyedStateView } from "./state/keyed-state-view.ts";
import { SpillableMap, type StateCodec } from "./state/spillable-map.ts";
import type { StateSpill } from "./state/state-spill.ts";

/** One change of a table: the stored row (writable columns only) and when it was written. */
export interface TableChange {
  readonly kind: RowKind;
  readonly row: Row;
  readonly timestamp: number;
}

/**
 * How much of its changelog an in-memory table keeps. `all`: every change, so a query started at any
 * time reads the table from its first row (the default). `unread`: only the changes some open reader
 * has not read yet, as a log whose consumers all moved on can drop its past; a reader opened later
 * starts from the live rows of a keyed table (what a compacted topic gives) or from the oldest change
 * kept. For runs whose readers all start before the data (benchmarks, batch parity at scale), where
 * keeping every change of every table would hold the whole run's history in memory; not for
 * checkpointed statements, whose restored readers may need changes already dropped.
 */
export type ChangelogRetention = "all" | "unread";

/** Where one reader of a table is: the offset of the next change to read, and rows to read first. */
export interface TableCursor {
  offset: number;
  /** The live rows of a keyed table whose earlier changes were dropped, read before `offset`. */
  backlog: TableChange[] | undefined;
}

/** Changes dropped at once: a prefix of this size is worth shifting the log's array for. */
const TRIM_CHUNK = 4096;

/**
 * An in-memory table: what `'connector' = 'headwater'` (or no connector) means when the engine has no
 * store directory. It keeps its changelog (all of it, or what is unread: `ChangelogRetention`), so a
 * query that reads it starts from the first row kept. An upsert table (a primary key,
 * `'changelog.mode'` upsert) turns writes into upserts and its log holds the full retract changelog
 * (`-U` old, `+U` new), which is what a reader gets; other tables log each change as written
 * (inserts, or every kind for a retract table). Offsets are positions in the whole changelog, also
 * when its start was dropped.
 */
export class MemoryTable implements LookupSource {
  readonly schema: TableSchema;
  /** Positions (in the stored row) of the primary key. */
  readonly primaryKey: readonly number[] | undefined;
  private readonly retention: ChangelogRetention;
  /** The kept changes: `log[i]` is the change at offset `start + i`. */
  private log: TableChange[] = [];
  private start = 0;
  private readonly cursors = new Set<TableCursor>();
  /**
   * A keyed table's latest insert or update per key (the change, so its timestamp is at hand); with
   * the engine's state budget, beyond it encoded in memory or on disk, as operators' keyed state.
   */
  private readonly live: SpillableMap<StateKey, TableChange>;
  /**
   * Running INSERT jobs writing this table. A bounded reader (`Engine.runBounded`) ends only once
   * they have finished, so a pipeline of jobs drains in order: each table after all its inputs.
   */
  writers = 0;
  private readonly listeners = new Set<(change: TableChange, offset: number) => void>();

  /** `keyed`: writes are upserts by primary key (an upsert table). */
  constructor(
    schema: TableSchema,
    storedColumns: readonly number[],
    keyed: boolean,
    retention: ChangelogRetention = "all",
    spill?: StateSpill,
  ) {
    this.schema = schema;
    this.retention = retention;
    this.live = new SpillableMap(LIVE_CHANGE_CODEC, keyed ? spill : undefined);
    this.primaryKey = keyed
      ? schema.primaryKey?.map((name) => storedColumns.findIndex((c) => schema.columns[c]!.name === name))
      : undefined;
  }

  /** The offset of the oldest change kept. */
  get startOffset(): number {
    return this.start;
  }

  /** The offset the next change will get. */
  get endOffset(): number {
    return this.start + this.log.length;
  }

  /** Changes kept now (what `ChangelogRetention` leaves of the changelog). */
  get keptChanges(): number {
    return this.log.length;
  }

  /**
   * A keyed table's live rows as a checkpoint would read them (state reports): a read-only view of
   * them in every tier, valid until the table's next change; undefined for a table without a key.
   */
  liveRows(): KeyedStateView | undefined {
    return this.primaryKey ? this.live.checkpointView() : undefined;
  }

  /** The change at `offset`, which must lie in [startOffset, endOffset). */
  changeAt(offset: number): TableChange {
    return this.log[offset - this.start]!;
  }

  /** Kept changes at offsets ≥ `from` (from the oldest kept when earlier), at most `max`. */
  changesFrom(from: number, max: number): { readonly offset: number; readonly changes: TableChange[] } {
    const offset = Math.max(from, this.start);
    const at = offset - this.start;
    return { offset, changes: this.log.slice(at, at + Math.min(max, this.log.length)) };
  }

  /**
   * A reader's position from the first change kept. Under `unread` retention, once changes were
   * dropped, a keyed table's reader starts from its live rows (as inserts) and then the new changes.
   */
  openCursor(): TableCursor {
    const dropped = this.start > 0 && this.primaryKey !== undefined;
    const backlog = dropped
      ? [...this.live.entries()].map(
          ([, c]): TableChange => ({ kind: "+I", row: c.row, timestamp: c.timestamp }),
        )
      : undefined;
    const cursor: TableCursor = { offset: dropped ? this.endOffset : this.start, backlog };
    this.cursors.add(cursor);
    return cursor;
  }

  /** The reader is done: its position no longer keeps changes. */
  closeCursor(cursor: TableCursor): void {
    this.cursors.delete(cursor);
    this.trim();
  }

  /**
   * Under `unread` retention, drops the changes every open reader has read, in chunks. A keyed table
   * without readers drops them all (a reader opened later starts from the live rows); an append
   * table without readers keeps them: its first query may not have started yet.
   */
  trim(): void {
    if (this.retention === "all" || (this.cursors.size === 0 && !this.primaryKey)) return;
    let read = this.endOffset;
    for (const cursor of this.cursors) if (cursor.offset < read) read = cursor.offset;
    const drop = read - this.start;
    if (drop < TRIM_CHUNK && drop < this.log.length) return;
    this.log = this.log.slice(drop);
    this.start = read;
  }

  /** One change as a sink writes it: upserts and deletes by key, or logged as it comes. */
  write(kind: RowKind, row: Row, timestamp: number): void {
    if (!this.primaryKey) this.push({ kind, row, timestamp });
    else if (kind === "+I" || kind === "+U") this.upsert(row, timestamp);
    else if (kind === "-D") this.delete(row, timestamp);
  }

  append(row: Row, timestamp: number): void {
    this.push({ kind: "+I", row, timestamp });
  }

  /** Inserts or replaces the row with the same key; no change when the row is already there. */
  upsert(row: Row, timestamp: number): void {
    const key = this.keyOf(row);
    const old = this.live.get(key);
    if (old && rowsEqual(old.row, row)) return;
    const change: TableChange = { kind: old ? "+U" : "+I", row, timestamp };
    this.live.set(key, change);
    if (old) this.push({ kind: "-U", row: old.row, timestamp });
    this.push(change);
  }

  /** Deletes the row whose key `row` carries, if there is one. */
  delete(row: Row, timestamp: number): void {
    const key = this.keyOf(row);
    const old = this.live.take(key);
    if (!old) return;
    this.push({ kind: "-D", row: old.row, timestamp });
  }

  /** The table's rows now: the live row per key, or the kept rows with retractions applied. */
  rows(): Row[] {
    if (this.primaryKey) return [...this.live.entries()].map(([, c]) => c.row);
    const rows: Row[] = [];
    for (const change of this.log) {
      if (change.kind === "+I" || change.kind === "+U") rows.push(change.row);
      else {
        const at = rows.findLastIndex((r) => rowsEqual(r, change.row));
        if (at >= 0) rows.splice(at, 1);
      }
    }
    return rows;
  }

  /** The live row whose primary key is `key` (values in key order). */
  lookup(key: readonly SqlValue[]): Row | undefined {
    if (!this.primaryKey) return undefined;
    return this.live.get(liveKey(key))?.row;
  }

  /**
   * The rows now whose stored columns `columns` equal `values` (a lookup join's probe): by key when
   * `columns` are the primary key, else by scanning the rows.
   */
  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Row[] {
    const pk = this.primaryKey;
    if (pk && pk.length === columns.length && pk.every((k) => columns.includes(k))) {
      const row = this.live.get(liveKey(pk.map((k) => values[columns.indexOf(k)]!)))?.row;
      return row ? [row] : [];
    }
    return this.rows().filter((row) => columns.every((c, i) => valuesEqual(row[c]!, values[i]!)));
  }

  /** Calls `listener` with each change appended from now on; returns the unsubscribe function. */
  subscribe(listener: (change: TableChange, offset: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private push(change: TableChange): void {
    this.log.push(change);
    // Readers trim as they read; this trims a table nobody reads.
    if (this.log.length % TRIM_CHUNK === 0) this.trim();
    const offset = this.endOffset - 1;
    for (const listener of this.listeners) listener(change, offset);
  }

  private keyOf(row: Row): StateKey {
    return liveKey(this.primaryKey!.map((k) => row[k]!));
  }
}

/**
 * A primary key as a key of the live rows: a one-column key as its value (no encoded copy per row, a
 * table keyed by an id holds millions), a composite key encoded.
 */
function liveKey(values: readonly SqlValue[]): StateKey {
  return values.length === 1 ? stateKey(values[0]!) : encodeKey(values);
}

/** A live change as encoded state: its kind, row and timestamp. */
const LIVE_CHANGE_CODEC: StateCodec<TableChange> = {
  encode: (change) => [change.kind, change.row, change.timestamp],
  decode: (saved) => {
    const [kind, row, timestamp] = saved as [RowKind, Row, number];
    return { kind, row, timestamp };
  },
};

/** The in-memory tables of one engine, by qualified path. */
export class MemoryTables {
  private readonly tables = new Map<string, MemoryTable>();
  private readonly retention: ChangelogRetention;
  private readonly spill: StateSpill | undefined;

  /** `spill`: where keyed tables keep live rows beyond the engine's state budget; unset: all in memory. */
  constructor(retention: ChangelogRetention = "all", spill?: StateSpill) {
    this.retention = retention;
    this.spill = spill;
  }

  get(schema: TableSchema, storedColumns: readonly number[]): MemoryTable {
    const key = schema.path.join("\u0000");
    let table = this.tables.get(key);
    if (!table || table.schema !== schema) {
      const keyed = describeTable(schema).sink === "upsert";
      table = new MemoryTable(schema, storedColumns, keyed, this.retention, this.spill);
      this.tables.set(key, table);
    }
    return table;
  }

  /** Every table, in the order the engine first used them. */
  list(): MemoryTable[] {
    return [...this.tables.values()];
  }

  /** Whether rows are stored for exactly this schema (not an earlier table of the same name). */
  holds(schema: TableSchema): boolean {
    return this.tables.get(schema.path.join("\u0000"))?.schema === schema;
  }

  drop(path: readonly string[]): void {
    this.tables.delete(path.join("\u0000"));
  }
}
