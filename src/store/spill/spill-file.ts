import * as fs from "node:fs";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import { KeyFilter } from "./key-filter.ts";

/** Keys the first filter of a file is sized for; each rebuild doubles over the entries on disk. */
const FIRST_FILTER_KEYS = 65_536;

/** Writes per transaction: large enough to amortize a commit, small enough to keep its journal small. */
const WRITES_PER_COMMIT = 4096;

/**
 * A scratch key-value file for state that does not fit its memory budget: string keys, byte values,
 * on Node's built-in SQLite (`node:sqlite`: no native package to install, a B-tree on disk with a
 * bounded page cache). Nothing in it has to survive a crash — checkpoints do that — so it runs
 * without a journal or fsync, and writes are batched into long transactions (one commit per
 * WRITES_PER_COMMIT writes). Reads see the connection's own uncommitted writes.
 *
 * Measured on the project's 2-core machine against the project's own append-only segment files
 * (an in-memory index, `readSync` per lookup): SQLite reads about half as fast, but keeps no
 * index in memory — with many small spilled entries the index alone would break the budget.
 *
 * Most lookups of keyed state are for keys never seen (a new transaction, a new item): a Bloom
 * filter of the keys on disk (about 10 bits per key) answers those without a read, and deleting a
 * key that was never spilled costs nothing. The filter keeps deleted keys (a wasted read each) until
 * it outgrows its size and is rebuilt from the keys on disk.
 */
export class SpillFile {
  readonly path: string;
  private readonly db: DatabaseSync;
  private readonly selectOne: StatementSync;
  private readonly upsertOne: StatementSync;
  private readonly deleteOne: StatementSync;
  private readonly takeOne: StatementSync;
  private readonly selectAll: StatementSync;
  private readonly selectKeys: StatementSync;
  private filter = new KeyFilter(FIRST_FILTER_KEYS);
  private writes = 0;
  private entries = 0;
  private valueBytes = 0;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
    db.exec(
      "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;" +
        "PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;" +
        "CREATE TABLE entries (k TEXT PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID",
    );
    this.selectOne = db.prepare("SELECT v FROM entries WHERE k = ?");
    this.upsertOne = db.prepare("INSERT OR REPLACE INTO entries (k, v) VALUES (?, ?)");
    this.deleteOne = db.prepare("DELETE FROM entries WHERE k = ? RETURNING length(v) AS n");
    this.takeOne = db.prepare("DELETE FROM entries WHERE k = ? RETURNING v");
    this.selectAll = db.prepare("SELECT v FROM entries");
    this.selectKeys = db.prepare("SELECT k FROM entries");
  }

  /**
   * Creates the file afresh (a leftover of a crashed process is replaced). Not defensive: Node opens
   * SQLite in defensive mode, which refuses `journal_mode = OFF` and silently keeps a rollback journal
   * on disk — a second write of every page changed in a transaction, for a file no crash needs.
   */
  static create(path: string): SpillFile {
    fs.rmSync(path, { force: true });
    return new SpillFile(path, new DatabaseSync(path, { defensive: false }));
  }

  /** Entries on disk. */
  get size(): number {
    return this.entries;
  }

  /** Bytes of the values on disk, counted as they come and go (state reports read it instead of the file). */
  get bytes(): number {
    return this.valueBytes;
  }

  get(key: string): Uint8Array | undefined {
    if (!this.filter.mightContain(key)) return undefined;
    const row = this.selectOne.get(key) as { v: Uint8Array } | undefined;
    return row?.v;
  }

  /** Removes `key` and returns its value (one B-tree search, not a read and a delete); undefined when absent. */
  take(key: string): Uint8Array | undefined {
    if (!this.filter.mightContain(key)) return undefined;
    this.write();
    const row = this.takeOne.get(key) as { v: Uint8Array } | undefined;
    if (row === undefined) return undefined;
    this.entries--;
    this.valueBytes -= row.v.length;
    return row.v;
  }

  /** Stores `value` under `key`, which must not be in the file yet. */
  add(key: string, value: Uint8Array): void {
    this.write();
    this.upsertOne.run(key, value);
    this.entries++;
    this.valueBytes += value.length;
    this.filter.add(key);
    if (this.filter.full) this.rebuildFilter();
  }

  /** Removes `key`; true when it was there. */
  delete(key: string): boolean {
    if (!this.filter.mightContain(key)) return false;
    this.write();
    const row = this.deleteOne.get(key) as { n: number } | undefined;
    if (row === undefined) return false;
    this.entries--;
    this.valueBytes -= row.n;
    return true;
  }

  /** Every value, in key order. */
  *values(): IterableIterator<Uint8Array> {
    for (const row of this.selectAll.iterate() as Iterable<{ v: Uint8Array }>) yield row.v;
  }

  clear(): void {
    this.write();
    this.db.exec("DELETE FROM entries");
    this.entries = 0;
    this.valueBytes = 0;
    this.filter = new KeyFilter(FIRST_FILTER_KEYS);
  }

  /** Closes and deletes the file. */
  close(): void {
    if (this.db.isOpen) {
      if (this.db.isTransaction) this.db.exec("COMMIT");
      this.db.close();
    }
    fs.rmSync(this.path, { force: true });
  }

  /** A filter of the keys on disk now, sized for twice as many: deleted keys stop passing it. */
  private rebuildFilter(): void {
    const filter = new KeyFilter(2 * this.entries);
    for (const row of this.selectKeys.iterate() as Iterable<{ k: string }>) filter.add(row.k);
    this.filter = filter;
  }

  private write(): void {
    if (this.writes === 0) {
      if (this.db.isTransaction) this.db.exec("COMMIT");
      this.db.exec("BEGIN");
    }
    this.writes = (this.writes + 1) % WRITES_PER_COMMIT;
  }
}
