import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { TableView } from "../../engine/index.ts";
import { TableMirror } from "./table-mirror.ts";

/** Tables to mirror, by the name they get in DuckDB. */
export type MirroredTables = Readonly<Record<string, TableView>>;

export interface MirrorOptions {
  /** The DuckDB instance to create the tables in; a new in-memory one by default. */
  readonly instance?: DuckDBInstance;
}

/** What one catch-up did. */
export interface CatchUpReport {
  /** Changes read from the tables' changelogs (rows on a first load or a reload). */
  readonly changes: number;
}

/**
 * A DuckDB copy of a set of engine tables, for SQL over snapshots (the SQL endpoint) and file exports.
 * `catchUp()` brings every table to its view's current end offset in one DuckDB transaction, so a
 * query that starts after it returns sees every change committed before, and never half of a catch-up.
 * Catch-ups run one at a time on a private writer connection; readers use their own connections
 * (`connect()`), and DuckDB's MVCC keeps a running query on the snapshot it started with.
 *
 * @example
 * const mirror = await DuckDbMirror.create({ orders: engine.table("orders") });
 * await mirror.catchUp();
 * const reader = await mirror.connect();
 * (await reader.runAndReadAll("SELECT count(*) FROM orders")).getRows(); // [[3n]]
 */
export class DuckDbMirror {
  readonly instance: DuckDBInstance;
  readonly tables: readonly TableMirror[];
  private readonly writer: DuckDBConnection;
  private queue: Promise<unknown> = Promise.resolve();
  private changes = 0;
  private closed = false;

  private constructor(instance: DuckDBInstance, writer: DuckDBConnection, tables: readonly TableMirror[]) {
    this.instance = instance;
    this.writer = writer;
    this.tables = tables;
  }

  static async create(tables: MirroredTables, options: MirrorOptions = {}): Promise<DuckDbMirror> {
    const seen = new Map<string, string>();
    for (const name of Object.keys(tables)) {
      // DuckDB identifiers are case-insensitive: `Orders` and `orders` would be one table.
      const other = seen.get(name.toLowerCase());
      if (other !== undefined) throw new Error(`tables '${other}' and '${name}' differ only in case`);
      seen.set(name.toLowerCase(), name);
    }
    const instance = options.instance ?? (await DuckDBInstance.create(":memory:"));
    const writer = await instance.connect();
    const mirrors: TableMirror[] = [];
    let i = 0;
    for (const [name, view] of Object.entries(tables))
      mirrors.push(await TableMirror.create(writer, name, view, `__headwater_keys_${i++}`));
    return new DuckDbMirror(instance, writer, mirrors);
  }

  /** Counts catch-ups that changed a table: readers holding plans from an older generation re-plan. */
  get generation(): number {
    return this.changes;
  }

  /** Names of the mirrored tables, as DuckDB knows them. */
  get tableNames(): readonly string[] {
    return this.tables.map((t) => t.name);
  }

  /**
   * Applies every change the views hold now. Calls queue behind each other; one that finds nothing
   * new costs an offset comparison per table.
   */
  catchUp(): Promise<CatchUpReport> {
    const run = this.queue.then(() => this.catchUpNow());
    this.queue = run.catch(() => {});
    return run;
  }

  /** A new connection for reading the mirrored tables. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.writer.closeSync();
  }

  private async catchUpNow(): Promise<CatchUpReport> {
    if (this.closed) throw new Error("the DuckDB mirror is closed");
    if (!this.tables.some((t) => t.behind)) return { changes: 0 };
    const marks = this.tables.map((t) => t.appliedOffset);
    await this.writer.run("BEGIN TRANSACTION");
    let changes = 0;
    try {
      for (const table of this.tables) changes += await table.catchUp(this.writer);
      await this.writer.run("COMMIT");
      if (changes > 0) this.changes++;
    } catch (error) {
      await this.writer.run("ROLLBACK");
      for (const [i, t] of this.tables.entries()) t.rewind(marks[i]!);
      throw error;
    }
    return { changes };
  }
}
