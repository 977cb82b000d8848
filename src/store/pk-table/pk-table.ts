import * as fs from "node:fs";
import * as path from "node:path";
import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { encodeKey } from "../key-encoder.ts";
import type { RecordInput, StoredRecord } from "../log/record.ts";
import type { Topic, TopicConfig } from "../log/topic.ts";
import { decodeRow, encodeRow } from "../row-codec.ts";
import type { Store } from "../store.ts";
import { aggregateRows } from "./aggregate-functions.ts";
import { type DeleteBehavior, defaultDeleteBehavior, type MergeEngine } from "./merge-engine.ts";
import { readSnapshot, writeSnapshot } from "./snapshot.ts";
import { VersionHistory } from "./version-history.ts";

/** One row of a changelog, in Flink's kinds. */
export interface ChangeRow {
  readonly kind: RowKind;
  readonly row: Row;
}

export interface PkTableOptions {
  /** Column positions of the primary key. */
  readonly keyColumns: readonly number[];
  readonly mergeEngine?: MergeEngine;
  readonly deleteBehavior?: DeleteBehavior;
  /** Settings of the backing log topic (it is always compacted, one partition). */
  readonly topic?: Partial<Omit<TopicConfig, "cleanupPolicy" | "partitions">>;
}

const NO_CHANGES: readonly ChangeRow[] = Object.freeze([]);

/**
 * A table that keeps the current row per primary key and turns every write into its changelog:
 * `+I` for a new key, `-U`/`+U` for an update, `-D` for a delete, nothing for a no-op.
 *
 * Durability: each write batch appends the resulting state of the touched keys to a compacted log
 * topic (key → row, tombstone on delete; for `versioned`, key+timestamp → version) with one
 * `appendBatch`, under the store's fsync policy. Reopening rebuilds the table from an optional
 * snapshot plus the log after it. State lives in memory.
 */
export class PkTable {
  readonly name: string;
  readonly engine: MergeEngine;
  readonly deleteBehavior: DeleteBehavior;
  private readonly keyColumns: readonly number[];
  private readonly isKeyColumn: boolean[];
  private readonly topic: Topic;
  private readonly snapshotPath: string;
  private readonly rows = new Map<string, Row>();
  private readonly histories = new Map<string, VersionHistory>();

  private constructor(name: string, topic: Topic, snapshotPath: string, options: PkTableOptions) {
    this.name = name;
    this.topic = topic;
    this.snapshotPath = snapshotPath;
    this.engine = options.mergeEngine ?? { kind: "last_row" };
    this.deleteBehavior = options.deleteBehavior ?? defaultDeleteBehavior(this.engine);
    this.keyColumns = options.keyColumns;
    this.isKeyColumn = [];
    for (const column of options.keyColumns) this.isKeyColumn[column] = true;
    if (options.keyColumns.length === 0) throw new Error(`table '${name}' needs at least one key column`);
  }

  /** Opens (or creates) the table `name`, backed by the topic of the same name, and rebuilds its state. */
  static open(store: Store, name: string, options: PkTableOptions): PkTable {
    const topic = store.ensureTopic(name, { ...options.topic, cleanupPolicy: "compact", partitions: 1 });
    const snapshotPath = path.join(store.dir, "pk-snapshots", `${name}.snapshot`);
    const table = new PkTable(name, topic, snapshotPath, options);
    table.rebuild();
    return table;
  }

  get size(): number {
    return this.engine.kind === "versioned" ? this.countCurrentVersions() : this.rows.size;
  }

  /** The current row of a key, or undefined. */
  get(key: readonly SqlValue[]): Row | undefined {
    const encoded = encodeKey(key);
    if (this.engine.kind === "versioned") return this.histories.get(encoded)?.current() ?? undefined;
    return this.rows.get(encoded);
  }

  /** For `versioned` tables: the row of a key valid at `timestamp` (the newest version at or before it). */
  getAsOf(key: readonly SqlValue[], timestamp: number): Row | undefined {
    if (this.engine.kind !== "versioned") throw new Error(`table '${this.name}' is not versioned`);
    return this.histories.get(encodeKey(key))?.asOf(timestamp) ?? undefined;
  }

  /** Every current row, in no particular order. */
  *scan(): IterableIterator<Row> {
    if (this.engine.kind !== "versioned") {
      yield* this.rows.values();
      return;
    }
    for (const history of this.histories.values()) {
      const row = history.current();
      if (row !== null) yield row;
    }
  }

  upsert(row: Row, versionTime?: number): readonly ChangeRow[] {
    return this.apply([{ kind: "+I", row }], versionTime);
  }

  /** Deletes the row whose key columns equal those of `row` (other columns are ignored). */
  delete(row: Row, versionTime?: number): readonly ChangeRow[] {
    return this.apply([{ kind: "-D", row }], versionTime);
  }

  /**
   * Applies an input changelog and returns the table's output changelog. `+I`/`+U` upsert, `-D`
   * deletes, `-U` is ignored (the following `+U` carries the update), as in Fluss primary-key tables.
   * All resulting state changes are persisted with one append. `versionTime` is the version timestamp
   * for `versioned` tables without a time column (default: now); other engines ignore it.
   */
  apply(changes: readonly ChangeRow[], versionTime?: number): readonly ChangeRow[] {
    // Log records carry the wall-clock write time: tombstone retention and snapshot validity rely on it.
    const timestamp = Date.now();
    const out: ChangeRow[] = [];
    const records: RecordInput[] = [];
    for (const change of changes) {
      if (change.kind === "-U") continue;
      if (change.kind === "-D")
        this.applyDelete(change.row, timestamp, versionTime ?? timestamp, out, records);
      else if (this.engine.kind === "versioned") {
        this.putVersion(
          change.row,
          this.versionTime(change.row, versionTime ?? timestamp),
          out,
          records,
          timestamp,
        );
      } else this.applyUpsert(change.row, timestamp, out, records);
    }
    if (records.length > 0) this.topic.appendBatch(0, records);
    return out.length === 0 ? NO_CHANGES : out;
  }

  /** Writes all current state to a snapshot file so that reopening replays only the log after it. */
  snapshot(): void {
    const entries: Row[] = [];
    if (this.engine.kind === "versioned") {
      for (const [, history] of this.histories) {
        const first = history.versions.find((v) => v.row !== null);
        if (first === undefined) continue;
        entries.push([this.keyOf(first.row!), history.versions.map((v) => [v.timestamp, v.row])]);
      }
    } else {
      for (const row of this.rows.values()) entries.push([row]);
    }
    writeSnapshot(this.snapshotPath, this.topic.partition(0).nextOffset, Date.now(), entries);
  }

  private applyUpsert(row: Row, timestamp: number, out: ChangeRow[], records: RecordInput[]): void {
    const key = this.keyOf(row);
    const encoded = encodeKey(key);
    const old = this.rows.get(encoded);
    let next: Row;
    if (old === undefined) next = row;
    else if (this.engine.kind === "first_row") return;
    else if (this.engine.kind === "aggregation")
      next = aggregateRows(old, row, this.engine.functions, this.isKeyColumn);
    else next = row;
    this.rows.set(encoded, next);
    if (old === undefined) out.push({ kind: "+I", row: next });
    else out.push({ kind: "-U", row: old }, { kind: "+U", row: next });
    records.push({ key: encodeRow(key), value: encodeRow(next), timestamp });
  }

  private applyDelete(
    row: Row,
    timestamp: number,
    versionTime: number,
    out: ChangeRow[],
    records: RecordInput[],
  ): void {
    if (this.deleteBehavior === "ignore") return;
    if (this.deleteBehavior === "disable") {
      throw new Error(`table '${this.name}' does not accept deletes (delete behavior 'disable')`);
    }
    const key = this.keyOf(row);
    if (this.engine.kind === "versioned") {
      this.putVersion(row, this.versionTime(row, versionTime), out, records, timestamp, true);
      return;
    }
    const encoded = encodeKey(key);
    const old = this.rows.get(encoded);
    if (old === undefined) return;
    this.rows.delete(encoded);
    out.push({ kind: "-D", row: old });
    records.push({ key: encodeRow(key), value: null, timestamp });
  }

  private putVersion(
    row: Row,
    time: number,
    out: ChangeRow[],
    records: RecordInput[],
    timestamp: number,
    isDelete = false,
  ): void {
    const key = this.keyOf(row);
    const encoded = encodeKey(key);
    let history = this.histories.get(encoded);
    if (history === undefined) {
      history = new VersionHistory();
      this.histories.set(encoded, history);
    }
    const before = history.current();
    history.put({ timestamp: time, row: isDelete ? null : row });
    const after = history.current();
    if (before !== after) {
      if (before === null) out.push({ kind: "+I", row: after! });
      else if (after === null) out.push({ kind: "-D", row: before });
      else out.push({ kind: "-U", row: before }, { kind: "+U", row: after });
    }
    records.push({ key: encodeRow([key, time]), value: encodeRow([isDelete ? null : row]), timestamp });
  }

  private versionTime(row: Row, defaultTime: number): number {
    if (this.engine.kind !== "versioned" || this.engine.timeColumn === undefined) return defaultTime;
    const value = row[this.engine.timeColumn];
    if (typeof value !== "number")
      throw new TypeError(`table '${this.name}': version time column is not a timestamp`);
    return value;
  }

  private keyOf(row: Row): SqlValue[] {
    return this.keyColumns.map((column) => row[column] ?? null);
  }

  private countCurrentVersions(): number {
    let count = 0;
    for (const history of this.histories.values()) if (history.current() !== null) count++;
    return count;
  }

  /**
   * Loads the snapshot, then replays the log after it. A snapshot is used only while it is consistent
   * with the log: not ahead of it (a log that lost unsynced writes) and younger than the delete
   * retention (otherwise compaction may have dropped a later tombstone and the snapshot would
   * resurrect a deleted row). Otherwise the whole log is replayed.
   */
  private rebuild(): void {
    const log = this.topic.partition(0);
    let from = log.startOffset;
    const snapshot = fs.existsSync(this.snapshotPath) ? readSnapshot(this.snapshotPath) : undefined;
    const usable =
      snapshot !== undefined &&
      snapshot.nextOffset <= log.nextOffset &&
      snapshot.writtenAt >= Date.now() - this.topic.config.deleteRetentionMs;
    if (usable) {
      for (const entry of snapshot.entries) this.restoreSnapshotEntry(entry);
      from = Math.max(from, snapshot.nextOffset);
    }
    const cursor = { offset: from, segment: undefined, position: 0 };
    for (
      let records = log.read(cursor, 4 << 20, 1 << 20);
      records.length > 0;
      records = log.read(cursor, 4 << 20, 1 << 20)
    ) {
      for (const record of records) this.replay(record);
    }
  }

  private restoreSnapshotEntry(entry: Row): void {
    if (this.engine.kind !== "versioned") {
      const row = entry[0] as Row;
      this.rows.set(encodeKey(this.keyOf(row)), row);
      return;
    }
    const history = new VersionHistory();
    for (const version of entry[1] as [number, Row | null][])
      history.put({ timestamp: version[0], row: version[1] });
    this.histories.set(encodeKey(entry[0] as SqlValue[]), history);
  }

  private replay(record: StoredRecord): void {
    const keyed = decodeRow(record.key!);
    if (this.engine.kind === "versioned") {
      const [key, time] = keyed as [SqlValue[], number];
      const encoded = encodeKey(key);
      let history = this.histories.get(encoded);
      if (history === undefined) {
        history = new VersionHistory();
        this.histories.set(encoded, history);
      }
      history.put({ timestamp: time, row: decodeRow(record.value!)[0] as Row | null });
      return;
    }
    const encoded = encodeKey(keyed);
    if (record.value === null) this.rows.delete(encoded);
    else this.rows.set(encoded, decodeRow(record.value));
  }
}
