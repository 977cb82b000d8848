import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteLiteral } from "../../mirror/quote.ts";
import type { TableMirror } from "../../mirror/table-mirror.ts";
import { pgTypeOf } from "../types/pg-type.ts";

/**
 * The catalog rows that describe the served tables, written once at startup (their shape never
 * changes): pg_attribute typed with the PostgreSQL OIDs and modifiers RowDescription sends (DuckDB's
 * own pg_attribute uses DuckDB's type ids, which no PostgreSQL client knows), and each primary key as
 * PostgreSQL keeps it — a constraint named `<table>_pkey` backed by a unique index of the same name —
 * in hw_primary_keys, from which the shim's pg_index, pg_class and pg_constraint read. Columns are NOT
 * NULL where the Flink schema says so or they belong to the primary key.
 *
 * psql's publication query for `\d` indexes an array by a generate_series alias (`prattrs[s]`): a
 * number in PostgreSQL, a struct in DuckDB, so it does not bind. The extra column `s`, in a table that
 * query joins, is what `s` binds to instead; the query returns no rows either way (nothing is published).
 */
export async function servedTableStatements(
  schema: string,
  connection: DuckDBConnection,
  tables: readonly TableMirror[],
): Promise<string[]> {
  const found = (
    await connection.runAndReadAll(
      "SELECT table_name, table_oid, schema_oid FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'",
    )
  ).getRows();
  const oids = new Map(found.map((r) => [String(r[0]), { table: Number(r[1]), schema: Number(r[2]) }]));
  const attributes: string[] = [];
  const keys: string[] = [];
  for (const table of tables) {
    const oid = oids.get(table.name);
    if (!oid) continue;
    const view = table.view;
    view.columns.forEach((column, i) => {
      const pg = pgTypeOf(table.types[i]!);
      const notNull = !column.type.nullable || view.primaryKey.includes(column.name);
      const storage = pg.size > 0 ? "p" : "x";
      attributes.push(
        `(${oid.table}, ${quoteLiteral(column.name)}, ${pg.oid}, ${pg.size}, ${i + 1}, ${pg.modifier}, ${notNull}, '${storage}')`,
      );
    });
    if (view.primaryKey.length > 0) {
      const positions = view.primaryKey.map((k) => view.columns.findIndex((c) => c.name === k));
      keys.push(
        `(${oid.table * 1_000_000 + 999_999}, ${oid.table}, ${oid.schema}, 'main', ${quoteLiteral(table.name)},
          ${quoteLiteral(`${table.name}_pkey`)}, [${positions.join(", ")}], [${view.primaryKey.map(quoteLiteral).join(", ")}])`,
      );
    }
  }
  return [
    `CREATE TABLE ${schema}.pg_attribute (attrelid BIGINT, attname VARCHAR, atttypid BIGINT, attlen INTEGER,
       attnum INTEGER, atttypmod INTEGER, attnotnull BOOLEAN, attstorage VARCHAR, attstattarget INTEGER DEFAULT -1,
       attndims INTEGER DEFAULT 0, attbyval BOOLEAN DEFAULT false, attalign VARCHAR DEFAULT 'd',
       atthasdef BOOLEAN DEFAULT false, atthasmissing BOOLEAN DEFAULT false, attidentity VARCHAR DEFAULT '',
       attgenerated VARCHAR DEFAULT '', attisdropped BOOLEAN DEFAULT false, attislocal BOOLEAN DEFAULT true,
       attinhcount INTEGER DEFAULT 0, attcollation BIGINT DEFAULT 0, attcompression VARCHAR DEFAULT '',
       attacl VARCHAR[], attoptions VARCHAR[], attfdwoptions VARCHAR[], s INTEGER)`,
    `CREATE TABLE ${schema}.hw_primary_keys (oid BIGINT, table_oid BIGINT, schema_oid BIGINT, schema_name VARCHAR,
       table_name VARCHAR, index_name VARCHAR, columns INTEGER[], column_names VARCHAR[])`,
    ...(attributes.length > 0
      ? [
          `INSERT INTO ${schema}.pg_attribute (attrelid, attname, atttypid, attlen, attnum, atttypmod, attnotnull, attstorage)
             VALUES ${attributes.join(", ")}`,
        ]
      : []),
    ...(keys.length > 0 ? [`INSERT INTO ${schema}.hw_primary_keys VALUES ${keys.join(", ")}`] : []),
  ];
}
