import type { Row, SqlValue } from "../../common/value.ts";
import type { StoreTableView } from "../../connectors/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { MemoryTable, TableChange } from "./memory-table.ts";
import type { ResultColumn } from "./statement-result.ts";

/** One change of a table's changelog with its position, which a reader resumes from. */
export interface OffsetChange extends TableChange {
  readonly offset: number;
}

/**
 * The changelog a live stream serves and a client resumes in. `durable` says whether offsets survive
 * a restart: a store table's log offsets do; a memory table numbers its changes from 0 in each
 * process. Offsets below `startOffset` were dropped (retention) and cannot be read any more.
 */
export interface Changelog {
  readonly durable: boolean;
  readonly startOffset: number;
  /** The offset the next change will get. */
  readonly endOffset: number;
  /** Changes at offsets ≥ `from` (≥ `startOffset`), at most about `max`; offsets may skip (a compacted log). */
  read(from: number, max: number): OffsetChange[];
  /** Calls `listener` when new changes may be read; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * Read access to a table the engine stores, for the serving layer (REST, SQL endpoint, exports, live
 * streams): the current rows, point lookups by primary key, and the changelog from any offset.
 * Rows are the table's stored (physical) columns, in `columns` order.
 */
export interface TableView {
  readonly schema: TableSchema;
  readonly columns: readonly ResultColumn[];
  /** Names of the primary-key columns; empty for an append-only table. */
  readonly primaryKey: readonly string[];
  rows(): Row[];
  lookup(key: readonly SqlValue[]): Row | undefined;
  /** Changes at offsets ≥ `from` (from the oldest kept, when earlier ones were dropped), at most `max`. */
  changes(from: number, max?: number): OffsetChange[];
  /** The offset the next change will get. */
  readonly endOffset: number;
  /** Calls `listener` with every later change; returns the unsubscribe function. */
  subscribe(listener: (change: OffsetChange) => void): () => void;
  /** The changelog live streams serve: for a store table of one partition, its log as stored. */
  readonly changelog: Changelog;
}

export function memoryTableView(table: MemoryTable, storedColumns: readonly number[]): TableView {
  const schema = table.schema;
  return {
    schema,
    columns: storedColumns.map((c) => ({ name: schema.columns[c]!.name, type: schema.columns[c]!.type })),
    primaryKey: schema.primaryKey ?? [],
    rows: () => table.rows(),
    lookup: (key) => table.lookup(key),
    changes: (from, max = Number.POSITIVE_INFINITY) => {
      const kept = table.changesFrom(from, max);
      return kept.changes.map((change, i) => ({ ...change, offset: kept.offset + i }));
    },
    get endOffset() {
      return table.endOffset;
    },
    subscribe: (listener) => table.subscribe((change, offset) => listener({ ...change, offset })),
    changelog: {
      durable: false,
      get startOffset() {
        return table.startOffset;
      },
      get endOffset() {
        return table.endOffset;
      },
      read: (from, max) => {
        const kept = table.changesFrom(from, max);
        return kept.changes.map((change, i) => ({ ...change, offset: kept.offset + i }));
      },
      subscribe: (listener) => table.subscribe(listener),
    },
  };
}

/** A table of the embedded store, read through the connector's view of its topic. */
export function storeTableView(view: StoreTableView): TableView {
  const schema = view.table;
  const changelog: Changelog = view.changelog ?? {
    durable: false,
    startOffset: 0,
    get endOffset() {
      return view.endOffset;
    },
    read: (from, max) => view.changes(from, max),
    subscribe: (listener) => view.subscribe(listener),
  };
  return {
    schema,
    columns: view.columns.map((c) => ({ name: schema.columns[c]!.name, type: schema.columns[c]!.type })),
    primaryKey: view.primaryKey,
    rows: () => view.rows(),
    lookup: (key) => view.lookup(key),
    changes: (from, max) => view.changes(from, max),
    get endOffset() {
      return view.endOffset;
    },
    subscribe: (listener) => view.subscribe(listener),
    changelog,
  };
}
