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
  };
}

/** A table of the embedded store, read through the connector's view of its topic. */
export function storeTableView(view: StoreTableView): TableView {
  const schema = view.table;
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
  };
}
