import { ARRAY_OF, PG } from "../types/pg-type.ts";

/** pg_catalog's namespace OID in PostgreSQL, which type rows name as their schema. */
const PG_CATALOG_NAMESPACE = 11;

/** format_type's names: the SQL spelling PostgreSQL shows in `\d` (int8 is `bigint`). */
const SQL_NAMES: Readonly<Record<number, string>> = {
  [PG.bool.oid]: "boolean",
  [PG.bytea.oid]: "bytea",
  [PG.int8.oid]: "bigint",
  [PG.int2.oid]: "smallint",
  [PG.int4.oid]: "integer",
  [PG.text.oid]: "text",
  [PG.oid.oid]: "oid",
  [PG.json.oid]: "json",
  [PG.float4.oid]: "real",
  [PG.float8.oid]: "double precision",
  [PG.varchar.oid]: "character varying",
  [PG.date.oid]: "date",
  [PG.time.oid]: "time without time zone",
  [PG.timestamp.oid]: "timestamp without time zone",
  [PG.timestamptz.oid]: "timestamp with time zone",
  [PG.interval.oid]: "interval",
  [PG.timetz.oid]: "time with time zone",
  [PG.numeric.oid]: "numeric",
  [PG.uuid.oid]: "uuid",
};

/**
 * pg_type with PostgreSQL's OIDs — the ones RowDescription sends and the shim's pg_attribute uses, so
 * `\d` and a client's type lookups agree with the wire — and format_type over it, in PostgreSQL's
 * spelling with numeric's precision and scale (`numeric(10,2)`) and `[]` for arrays.
 */
export function typeStatements(schema: string): string[] {
  const rows: string[] = [];
  for (const t of Object.values(PG)) {
    const array = ARRAY_OF[t.oid] ?? 0;
    rows.push(typeRow(t.oid, t.name, t.size, 0, array, SQL_NAMES[t.oid] ?? t.name));
    if (array) rows.push(typeRow(array, `_${t.name}`, -1, t.oid, 0, `${SQL_NAMES[t.oid] ?? t.name}[]`));
  }
  return [
    `CREATE TABLE ${schema}.pg_type (oid BIGINT, typname VARCHAR, typnamespace BIGINT, typowner BIGINT, typlen INTEGER,
       typbyval BOOLEAN, typtype VARCHAR, typcategory VARCHAR, typispreferred BOOLEAN, typisdefined BOOLEAN,
       typdelim VARCHAR, typrelid BIGINT, typelem BIGINT, typarray BIGINT, typnotnull BOOLEAN, typbasetype BIGINT,
       typtypmod INTEGER, typndims INTEGER, typcollation BIGINT, typdefault VARCHAR, hw_sql_name VARCHAR)`,
    `INSERT INTO ${schema}.pg_type VALUES ${rows.join(", ")}`,
    // numeric's typmod is ((precision << 16) | scale) + 4.
    `CREATE MACRO ${schema}.format_type(type_oid, typemod) AS (
       SELECT CASE WHEN type_oid = ${PG.numeric.oid} AND typemod > 4
         THEN 'numeric(' || ((typemod - 4) >> 16) || ',' || ((typemod - 4) & 65535) || ')'
         ELSE hw_sql_name END
       FROM ${schema}.pg_type t WHERE t.oid = type_oid)`,
  ];
}

function typeRow(
  oid: number,
  name: string,
  size: number,
  element: number,
  array: number,
  sqlName: string,
): string {
  const category = element ? "A" : "U";
  return `(${oid}, '${name}', ${PG_CATALOG_NAMESPACE}, 10, ${size}, ${size > 0 && size <= 8}, 'b', '${category}', false,
    true, ',', 0, ${element}, ${array}, false, 0, -1, 0, 0, NULL, '${sqlName}')`;
}
