import type { SqlValue } from "../../../common/value.ts";
import type { RowReader, RowWriter } from "../../../store/index.ts";
import { KeyedStateView } from "../state/keyed-state-view.ts";

/**
 * The keyed tables of a snapshot (format version 3). A job-state tree holds each operator's keyed
 * state as a KeyedStateView; the file holds, in its place, a marker naming the table by its position
 * among the tree's views (depth first), and after the tree, the tables themselves:
 *
 *   table count, then per table (each item a value of the row codec)
 *     "full" | "delta"
 *     true, key, value    an entry (an upsert in a delta)
 *     false, key          a key deleted since the parent checkpoint (deltas only)
 *     null                end of the table
 *
 * A "delta" table holds only the entries its operator touched since the parent checkpoint: applied
 * to the parent's table, it gives this checkpoint's. The tree itself is always written whole: it is
 * the small part of the state (source positions, watermarks, timers, non-keyed operator state).
 */
export const FULL_TABLE = "full";
export const DELTA_TABLE = "delta";
const MARKER_KEY = "\u0000headwater.keyed-table";

/** The value a table's view is replaced with in a written tree. */
export function tableMarker(index: number): SqlValue {
  return new Map<SqlValue, SqlValue>([[MARKER_KEY, index]]);
}

function markerIndex(value: SqlValue): number | undefined {
  if (!(value instanceof Map) || value.size !== 1) return undefined;
  const index = value.get(MARKER_KEY);
  return typeof index === "number" ? index : undefined;
}

/** Writes a view's table: every entry, or (`delta`) the entries touched since the last checkpoint. */
export function writeTable(writer: RowWriter, view: KeyedStateView, delta: boolean): void {
  view.assertCurrent();
  const state = view.state;
  const changes = delta ? state.changesSinceCheckpoint() : undefined;
  if (changes === undefined) {
    writer.writeValue(FULL_TABLE);
    for (const [key, value] of state.encodedEntries()) {
      writer.writeValue(true);
      writer.writeValue(key);
      writer.writeValue(value);
    }
  } else {
    writer.writeValue(DELTA_TABLE);
    for (const key of changes) {
      const value = state.peekEncoded(key);
      writer.writeValue(value !== undefined);
      writer.writeValue(key);
      if (value !== undefined) writer.writeValue(value);
    }
  }
  writer.writeValue(null);
}

/** A table as read back: its entries, and whether it replaces the parent's (full) or applies to it. */
export type TableEntries = Map<SqlValue, SqlValue>;

/**
 * Reads a file's tables after its tree and applies them to `tables` (the parent chain's tables so
 * far, by index): a full table replaces, a delta applies its upserts and deletes.
 */
export function applyTables(reader: RowReader, tables: (TableEntries | undefined)[], file: string): void {
  const count = reader.readValue() as number;
  for (let i = 0; i < count; i++) {
    const mode = reader.readValue();
    let table = tables[i];
    if (mode === FULL_TABLE) {
      table = new Map();
      tables[i] = table;
    } else if (mode !== DELTA_TABLE || table === undefined)
      throw new Error(
        `${file}: table ${i} is ${mode === DELTA_TABLE ? "a delta without a base in its parent checkpoints" : "not a table"}`,
      );
    for (let tag = reader.readValue(); tag !== null; tag = reader.readValue()) {
      const key = reader.readValue();
      if (tag === true) table.set(key, reader.readValue());
      else table.delete(key);
    }
  }
}

/**
 * Puts the tables in place of their markers in a tree read back (in place: the tree is fresh from
 * the decoder). Throws when a marker names a table the chain did not hold.
 */
export function substituteTables(
  tree: SqlValue,
  tables: readonly (TableEntries | undefined)[],
  file: string,
): SqlValue {
  const resolve = (value: SqlValue): SqlValue => {
    const index = markerIndex(value);
    if (index !== undefined) {
      const table = tables[index];
      if (table === undefined)
        throw new Error(`${file}: its state names table ${index}, which it does not hold`);
      return table;
    }
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = resolve(value[i]!);
    else if (value instanceof Map)
      for (const [key, inner] of value) {
        const resolved = resolve(inner);
        if (resolved !== inner) value.set(key, resolved);
      }
    return value;
  };
  return resolve(tree);
}

/** The views in a captured tree, in the order a writer meets them (depth first). */
export function viewsOf(tree: SqlValue, found: KeyedStateView[] = []): KeyedStateView[] {
  if (tree instanceof KeyedStateView) found.push(tree);
  else if (Array.isArray(tree)) for (const value of tree) viewsOf(value, found);
  else if (tree instanceof Map) for (const value of tree.values()) viewsOf(value, found);
  return found;
}
