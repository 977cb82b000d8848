import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { describeTable } from "../../connectors/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { encodeKey } from "../../store/index.ts";
import { valuesEqual } from "./expr/index.ts";
import type { LookupSource } from "./lookup-source.ts";

/** One change of a table: the stored row (writable columns only) and when it was written. */
export interface TableChange {
  readonly kind: RowKind;
  readonly row: Row;
  readonly timestamp: number;
}

/**
 * An in-memory table: what `'connector' = 'headwater'` (or no connector) means when the engine has no
 * store directory. It keeps its whole changelog, so every query that reads it starts from the first
 * row. An upsert table (a primary key, `'changelog.mode'` upsert) turns writes into upserts and its
 * log holds the full retract changelog (`-U` old, `+U` new), which is what a reader gets; other
 * tables log each change as written (inserts, or every kind for a retract table).
 */
export class MemoryTable implements LookupSource {
  readonly schema: TableSchema;
  readonly log: TableChange[] = [];
  /** Positions (in the stored row) of the primary key. */
  readonly primaryKey: readonly number[] | undefined;
  private readonly live = new Map<string, Row>();
  /**
   * Running INSERT jobs writing this table. A bounded reader (`Engine.runBounded`) ends only once
   * they have finished, so a pipeline of jobs drains in order: each table after all its inputs.
   */
  writers = 0;
  private readonly listeners = new Set<(change: TableChange, offset: number) => void>();

  /** `keyed`: writes are upserts by primary key (an upsert table). */
  constructor(schema: TableSchema, storedColumns: readonly number[], keyed: boolean) {
    this.schema = schema;
    this.primaryKey = keyed
      ? schema.primaryKey?.map((name) => storedColumns.findIndex((c) => schema.columns[c]!.name === name))
      : undefined;
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
    if (old && rowsEqual(old, row)) return;
    this.live.set(key, row);
    if (old) {
      this.push({ kind: "-U", row: old, timestamp });
      this.push({ kind: "+U", row, timestamp });
    } else {
      this.push({ kind: "+I", row, timestamp });
    }
  }

  /** Deletes the row whose key `row` carries, if there is one. */
  delete(row: Row, timestamp: number): void {
    const key = this.keyOf(row);
    const old = this.live.get(key);
    if (!old) return;
    this.live.delete(key);
    this.push({ kind: "-D", row: old, timestamp });
  }

  /** The table's rows now: the live row per key, or the logged rows with retractions applied. */
  rows(): Row[] {
    if (this.primaryKey) return [...this.live.values()];
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
    return this.live.get(encodeKey(key));
  }

  /**
   * The rows now whose stored columns `columns` equal `values` (a lookup join's probe): by key when
   * `columns` are the primary key, else by scanning the rows.
   */
  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Row[] {
    const pk = this.primaryKey;
    if (pk && pk.length === columns.length && pk.every((k) => columns.includes(k))) {
      const row = this.live.get(encodeKey(pk.map((k) => values[columns.indexOf(k)]!)));
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
    const offset = this.log.length - 1;
    for (const listener of this.listeners) listener(change, offset);
  }

  keyOf(row: Row): string {
    return encodeKey(this.primaryKey!.map((k) => row[k]!));
  }
}

function rowsEqual(a: Row, b: Row): boolean {
  return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]!));
}

/** The in-memory tables of one engine, by qualified path. */
export class MemoryTables {
  private readonly tables = new Map<string, MemoryTable>();

  get(schema: TableSchema, storedColumns: readonly number[]): MemoryTable {
    const key = schema.path.join("\u0000");
    let table = this.tables.get(key);
    if (!table || table.schema !== schema) {
      table = new MemoryTable(schema, storedColumns, describeTable(schema).sink === "upsert");
      this.tables.set(key, table);
    }
    return table;
  }

  /** Whether rows are stored for exactly this schema (not an earlier table of the same name). */
  holds(schema: TableSchema): boolean {
    return this.tables.get(schema.path.join("\u0000"))?.schema === schema;
  }

  drop(path: readonly string[]): void {
    this.tables.delete(path.join("\u0000"));
  }
}
