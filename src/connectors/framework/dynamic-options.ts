// Flink's dynamic table options (`SELECT ... FROM t /*+ OPTIONS('k' = 'v') */`, `INSERT INTO t
// /*+ OPTIONS(...) */`): one scan or sink of a table with some options overridden. The planner reads
// and writes a copy of the table with the merged options, so every connector validates and applies
// them exactly as WITH options. The copy remembers the catalog's table: what is kept per table, not
// per statement (the rows of an in-memory table), is found through it.
import type { TableSchema } from "../../sql/catalog/table-schema.ts";

const catalogTables = new WeakMap<TableSchema, TableSchema>();

/** The table with `overrides` laid over its WITH options (the table itself when there are none). */
export function withDynamicOptions(
  table: TableSchema,
  overrides: Readonly<Record<string, string>>,
): TableSchema {
  if (Object.keys(overrides).length === 0) return table;
  const origin = catalogTableOf(table);
  const copy: TableSchema = Object.freeze({ ...table, options: { ...table.options, ...overrides } });
  catalogTables.set(copy, origin);
  return copy;
}

/** The catalog's table behind a copy made by `withDynamicOptions` (or the table itself). */
export function catalogTableOf(table: TableSchema): TableSchema {
  return catalogTables.get(table) ?? table;
}
