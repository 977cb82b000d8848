import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteLiteral } from "../../mirror/quote.ts";
import type { TableMirror } from "../../mirror/table-mirror.ts";
import { pgTypeOf } from "../types/pg-type.ts";

/**
 * pg_attribute for the served tables, typed with the PostgreSQL OIDs and modifiers RowDescription
 * sends (DuckDB's own pg_attribute uses DuckDB's type ids, which no PostgreSQL client knows). Columns
 * are NOT NULL where the Flink schema says so or they belong to the primary key.
 *
 * psql's publication query for `\d` indexes an array by a generate_series alias (`prattrs[s]`): a
 * number in PostgreSQL, a struct in DuckDB, so it does not bind. The extra column `s`, in a table that
 * query joins, is what `s` binds to instead; the query returns no rows either way (nothing is published).
 */
export async function columnStatements(
  schema: string,
  connection: DuckDBConnection,
  tables: readonly TableMirror[],
): Promise<string[]> {
  const oids = new Map(
    (
      await connection.runAndReadAll(
        "SELECT table_name, table_oid FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'",
      )
    )
      .getRows()
      .map((r) => [String(r[0]), Number(r[1])]),
  );
  const rows: string[] = [];
  for (const table of tables) {
    const relid = oids.get(table.name);
    if (relid === undefined) continue;
    table.view.columns.forEach((column, i) => {
      const pg = pgTypeOf(table.types[i]!);
      const notNull = !column.type.nullable || table.view.primaryKey.includes(column.name);
      rows.push(
        `(${relid}, ${quoteLiteral(column.name)}, ${pg.oid}, ${pg.size}, ${i + 1}, ${pg.modifier}, ${notNull}, '${pg.size > 0 ? "p" : "x"}')`,
      );
    });
  }
  return [
    `CREATE TABLE ${schema}.pg_attribute (attrelid BIGINT, attname VARCHAR, atttypid BIGINT, attlen INTEGER,
       attnum INTEGER, atttypmod INTEGER, attnotnull BOOLEAN, attstattarget INTEGER DEFAULT -1,
       attndims INTEGER DEFAULT 0, attbyval BOOLEAN DEFAULT false, attstorage VARCHAR DEFAULT 'x',
       attalign VARCHAR DEFAULT 'd', atthasdef BOOLEAN DEFAULT false, atthasmissing BOOLEAN DEFAULT false,
       attidentity VARCHAR DEFAULT '', attgenerated VARCHAR DEFAULT '', attisdropped BOOLEAN DEFAULT false,
       attislocal BOOLEAN DEFAULT true, attinhcount INTEGER DEFAULT 0, attcollation BIGINT DEFAULT 0,
       attcompression VARCHAR DEFAULT '', attacl VARCHAR[], attoptions VARCHAR[], attfdwoptions VARCHAR[], s INTEGER)`,
    ...(rows.length > 0
      ? [
          `INSERT INTO ${schema}.pg_attribute (attrelid, attname, atttypid, attlen, attnum, atttypmod, attnotnull, attstorage)
             VALUES ${rows.join(", ")}`,
        ]
      : []),
  ];
}
