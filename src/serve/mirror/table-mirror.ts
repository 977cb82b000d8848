import { type DuckDBConnection, DuckDBDataChunk, type DuckDBType, type DuckDBValue } from "@duckdb/node-api";
import type { Row } from "../../common/value.ts";
import { duckDbTypeOf } from "../../connectors/duckdb/duckdb-type.ts";
import { type ToDuckDb, toDuckDbValue } from "../../connectors/duckdb/duckdb-value.ts";
import type { OffsetChange, TableView } from "../../engine/index.ts";
import { encodeKey } from "../../store/index.ts";
import { quoteIdent } from "./quote.ts";

/** Changes read from the view per step: bounds memory while a long changelog is applied. */
const CHANGES_PER_STEP = 16_384;
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/**
 * One TableView copied into a DuckDB table and kept current from the view's changelog. The first
 * load takes the view's rows and its end offset together (both are read in one synchronous step, so
 * they agree); later catch-ups read `changes(offset)` and apply them: inserts through the appender in
 * data chunks, updates and deletes by primary key (the keys go to a temporary table, then one
 * `DELETE ... USING`). A table without a primary key is append-only in the engine; should a keyless
 * changelog carry a retraction, it removes one equal row.
 *
 * Callers serialize catch-ups and wrap them in a transaction (see DuckDbMirror); a table mirror only
 * writes through the connection it is given.
 */
export class TableMirror {
  readonly name: string;
  readonly view: TableView;
  /** The DuckDB type of each column, in the view's column order. */
  readonly types: readonly DuckDBType[];
  private readonly convert: readonly ToDuckDb[];
  /** Positions of the primary-key columns in a row; empty when the table has none. */
  private readonly keyColumns: readonly number[];
  private readonly keyTable: string;
  private offset = 0;

  private constructor(name: string, view: TableView, keyTable: string) {
    this.name = name;
    this.view = view;
    this.types = view.columns.map((c) => duckDbTypeOf(c.type));
    this.convert = view.columns.map((c) => toDuckDbValue(c.type));
    this.keyColumns = view.primaryKey.map((k) => {
      const i = view.columns.findIndex((c) => c.name === k);
      if (i < 0) throw new Error(`table '${name}': primary-key column '${k}' is not a stored column`);
      return i;
    });
    this.keyTable = keyTable;
  }

  /** Creates the DuckDB table (and its key table) and loads the view's current rows. */
  static async create(
    connection: DuckDBConnection,
    name: string,
    view: TableView,
    keyTable: string,
  ): Promise<TableMirror> {
    const mirror = new TableMirror(name, view, keyTable);
    const columns = view.columns.map((c, i) => `${quoteIdent(c.name)} ${mirror.types[i]!.toString()}`);
    // No PRIMARY KEY constraint: the engine keeps keys unique, and DuckDB's index on one makes appends
    // three times and keyed deletes ten times slower (bench/serve-mirror.ts).
    await connection.run(`CREATE TABLE ${quoteIdent(name)} (${columns.join(", ")})`);
    if (mirror.keyColumns.length > 0) {
      const keys = mirror.keyColumns.map(
        (k) => `${quoteIdent(view.columns[k]!.name)} ${mirror.types[k]!.toString()}`,
      );
      await connection.run(`CREATE TEMP TABLE ${quoteIdent(keyTable)} (${keys.join(", ")})`);
    }
    await mirror.reload(connection);
    return mirror;
  }

  /** The changelog offset the DuckDB table reflects: every change before it is applied. */
  get appliedOffset(): number {
    return this.offset;
  }

  /** Forgets changes applied after `offset`: their DuckDB transaction was rolled back. */
  rewind(offset: number): void {
    this.offset = offset;
  }

  /** True when the view has changes the DuckDB table does not reflect yet. */
  get behind(): boolean {
    return this.view.endOffset !== this.offset;
  }

  /** Applies every change up to the view's end offset; returns how many changes were read. */
  async catchUp(connection: DuckDBConnection): Promise<number> {
    // A changelog that ends before what was applied was reset (the table was recreated): start over.
    if (this.view.endOffset < this.offset) {
      await connection.run(`DELETE FROM ${quoteIdent(this.name)}`);
      return this.reload(connection);
    }
    let applied = 0;
    while (this.offset < this.view.endOffset) {
      const changes = this.view.changes(this.offset, CHANGES_PER_STEP);
      if (changes.length === 0) break;
      if (this.keyColumns.length > 0) await this.applyKeyed(connection, changes);
      else await this.applyKeyless(connection, changes);
      this.offset = changes[changes.length - 1]!.offset + 1;
      applied += changes.length;
    }
    return applied;
  }

  private async reload(connection: DuckDBConnection): Promise<number> {
    const offset = this.view.endOffset;
    const rows = this.view.rows();
    await this.append(connection, this.name, rows, this.types, this.convert);
    this.offset = offset;
    return rows.length;
  }

  /**
   * Reduces a run of changes to each key's final row: keys whose first change here retracts a row
   * are in the table already and are deleted first; the final `+I`/`+U` rows are then appended.
   */
  private async applyKeyed(connection: DuckDBConnection, changes: readonly OffsetChange[]): Promise<void> {
    const final = new Map<string, Row | null>();
    const stale: Row[] = [];
    for (const change of changes) {
      const key = this.keyOf(change.row);
      const retract = change.kind === "-U" || change.kind === "-D";
      if (!final.has(key) && retract) stale.push(this.keyColumns.map((k) => change.row[k]!));
      final.set(key, retract ? null : change.row);
    }
    if (stale.length > 0) {
      const keyTypes = this.keyColumns.map((k) => this.types[k]!);
      const keyConvert = this.keyColumns.map((k) => this.convert[k]!);
      await this.append(connection, this.keyTable, stale, keyTypes, keyConvert);
      const on = this.keyColumns
        .map((k) => quoteIdent(this.view.columns[k]!.name))
        .map((c) => `t.${c} = k.${c}`)
        .join(" AND ");
      await connection.run(
        `DELETE FROM ${quoteIdent(this.name)} AS t USING ${quoteIdent(this.keyTable)} AS k WHERE ${on}`,
      );
      await connection.run(`DELETE FROM ${quoteIdent(this.keyTable)}`);
    }
    const rows = [...final.values()].filter((r): r is Row => r !== null);
    await this.append(connection, this.name, rows, this.types, this.convert);
  }

  /** Appends inserts in order; a retraction cancels an equal pending insert or deletes one stored row. */
  private async applyKeyless(connection: DuckDBConnection, changes: readonly OffsetChange[]): Promise<void> {
    let pending: Row[] = [];
    for (const change of changes) {
      if (change.kind === "+I" || change.kind === "+U") {
        pending.push(change.row);
        continue;
      }
      const target = encodeKey(change.row);
      const i = pending.findLastIndex((r) => encodeKey(r) === target);
      if (i >= 0) {
        pending.splice(i, 1);
        continue;
      }
      await this.append(connection, this.name, pending, this.types, this.convert);
      pending = [];
      await this.deleteOne(connection, change.row);
    }
    await this.append(connection, this.name, pending, this.types, this.convert);
  }

  private async deleteOne(connection: DuckDBConnection, row: Row): Promise<void> {
    const match = this.view.columns.map((c, i) => `${quoteIdent(c.name)} IS NOT DISTINCT FROM $${i + 1}`);
    const table = quoteIdent(this.name);
    const values: DuckDBValue[] = row.map((v, i) => this.convert[i]!(v));
    await connection.run(
      `DELETE FROM ${table} WHERE rowid = (SELECT rowid FROM ${table} WHERE ${match.join(" AND ")} LIMIT 1)`,
      values,
      [...this.types],
    );
  }

  private async append(
    connection: DuckDBConnection,
    table: string,
    rows: readonly Row[],
    types: readonly DuckDBType[],
    convert: readonly ToDuckDb[],
  ): Promise<void> {
    if (rows.length === 0) return;
    // The key table is a temporary table, which lives in DuckDB's `temp` catalog.
    const appender =
      table === this.keyTable
        ? await connection.createAppender(table, "main", "temp")
        : await connection.createAppender(table);
    try {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const end = Math.min(rows.length, start + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(types, end - start);
        const columns = convert.map((toValue, c) => {
          const column = new Array<DuckDBValue>(end - start);
          for (let r = start; r < end; r++) column[r - start] = toValue(rows[r]![c] ?? null);
          return column;
        });
        chunk.setColumns(columns);
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  private keyOf(row: Row): string {
    return encodeKey(this.keyColumns.map((k) => row[k]!));
  }
}
