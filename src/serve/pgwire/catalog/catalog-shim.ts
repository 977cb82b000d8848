import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { TableMirror } from "../../mirror/table-mirror.ts";
import { SERVER_VERSION } from "../session-settings.ts";
import { servedTableStatements } from "./shim-served-tables.ts";
import { typeStatements } from "./shim-types.ts";

/** The attached database holding the shim; every session searches it after `main`. */
const SHIM_DATABASE = "pg_compat";

export interface CatalogShim {
  /** Puts the shim on a new client connection's search path. */
  prepareConnection(connection: DuckDBConnection): Promise<void>;
}

/**
 * What DuckDB's pg_catalog emulation lacks for the catalog queries clients send (psql 15's `\dt`,
 * `\d`, `\d name`; drivers' `version()`): PostgreSQL functions it does not define, the OID alias types
 * (`'16384'::regclass`), pg_class columns added after its model of PostgreSQL, and the catalog tables
 * those queries join but that are always empty here (no policies, inheritance, publications,
 * extended statistics or triggers). The objects live in an attached in-memory database, because
 * DuckDB's own pg_catalog schema cannot take new entries; `rewriteCatalogSyntax` drops `pg_catalog.`
 * qualifiers so the search path (main, then the shim, then DuckDB's pg_catalog) finds them.
 */
export async function installCatalogShim(
  instance: DuckDBInstance,
  tables: readonly TableMirror[],
): Promise<CatalogShim> {
  const connection = await instance.connect();
  try {
    const duckdbVersion = String((await connection.runAndReadAll("SELECT version()")).getRows()[0]![0]);
    await connection.run(`ATTACH ':memory:' AS ${SHIM_DATABASE}`);
    const schema = `${SHIM_DATABASE}.main`;
    const statements = [
      ...(await servedTableStatements(schema, connection, tables)),
      ...shimStatements(duckdbVersion),
      ...typeStatements(schema),
    ];
    for (const statement of statements) await connection.run(statement);
  } finally {
    connection.closeSync();
  }
  return {
    prepareConnection: async (c) => {
      await c.run(`SET search_path = 'main,${SHIM_DATABASE}.main'`);
    },
  };
}

function shimStatements(duckdbVersion: string): string[] {
  const s = `${SHIM_DATABASE}.main`;
  const version = `PostgreSQL ${SERVER_VERSION} (Headwater SQL endpoint on DuckDB ${duckdbVersion})`;
  // The served tables: the default database's main schema.
  const visible = `SELECT table_oid FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
    UNION ALL SELECT view_oid FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal`;
  const indexdef = `(SELECT 'CREATE UNIQUE INDEX ' || index_name || ' ON ' || schema_name || '.' || table_name
    || ' USING btree (' || array_to_string(column_names, ', ') || ')' FROM ${s}.hw_primary_keys WHERE oid = index_oid)`;
  const constraintdef = `(SELECT 'PRIMARY KEY (' || array_to_string(column_names, ', ') || ')'
    FROM ${s}.hw_primary_keys WHERE oid = constraint_oid)`;
  const shimSchema = `(SELECT oid FROM duckdb_schemas() WHERE database_name = '${SHIM_DATABASE}')`;
  return [
    `CREATE MACRO ${s}.version() AS '${version}'`,
    `CREATE MACRO ${s}.pg_get_userbyid(role_oid) AS 'headwater'`,
    `CREATE MACRO ${s}.pg_get_statisticsobjdef_columns(stat_oid) AS NULL::VARCHAR`,
    `CREATE MACRO ${s}.pg_relation_is_publishable(rel) AS false`,
    `CREATE MACRO ${s}.array_upper(arr, dimension) AS len(arr)`,
    // Sizes on disk have no meaning for an in-memory mirror.
    ...["pg_table_size", "pg_relation_size", "pg_total_relation_size", "pg_indexes_size"].map(
      (f) => `CREATE MACRO ${s}.${f}(rel) AS NULL::BIGINT`,
    ),
    `CREATE MACRO ${s}.pg_encoding_to_char(encoding) AS CASE encoding WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' END`,
    `CREATE MACRO ${s}.pg_get_expr(tree, rel) AS tree, (tree, rel, pretty) AS tree`,
    `CREATE MACRO ${s}.pg_table_is_visible(rel) AS rel IN (${visible})`,
    ...[
      "regclass",
      "regtype",
      "regproc",
      "regprocedure",
      "regoper",
      "regnamespace",
      "regrole",
      "regconfig",
    ].map((t) => `CREATE TYPE ${s}.${t} AS BIGINT`),
    `CREATE VIEW ${s}.pg_index AS SELECT oid AS indexrelid, table_oid AS indrelid, len(columns) AS indnatts,
       len(columns) AS indnkeyatts, true AS indisunique, true AS indisprimary, false AS indisexclusion,
       true AS indimmediate, false AS indisclustered, true AS indisvalid, false AS indcheckxmin, true AS indisready,
       true AS indislive, false AS indisreplident, [c + 1 for c in columns] AS indkey, NULL AS indcollation,
       NULL AS indclass, NULL AS indoption, NULL AS indexprs, NULL AS indpred FROM ${s}.hw_primary_keys`,
    // The shim's own objects stay out of pg_class, so no listing shows them; the key indexes join it.
    `CREATE VIEW ${s}.pg_class AS
       SELECT * REPLACE (NULL::VARCHAR[] AS reloptions, 'd' AS relreplident,
           relhasindex OR oid IN (SELECT table_oid FROM ${s}.hw_primary_keys) AS relhasindex,
           CASE WHEN relkind = 'i' THEN relam END AS relam), false AS relforcerowsecurity
         FROM system.pg_catalog.pg_class WHERE relnamespace <> ${shimSchema}
       UNION ALL BY NAME
       SELECT oid, index_name AS relname, schema_oid AS relnamespace, 0 AS relam, 0 AS reltablespace, 0 AS reloftype,
         0 AS reltoastrelid, false AS relhasindex, 'p' AS relpersistence, 'i' AS relkind, len(columns) AS relnatts,
         0 AS relchecks, false AS relhasrules, false AS relhastriggers, false AS relrowsecurity,
         false AS relforcerowsecurity, false AS relispartition, 'n' AS relreplident
       FROM ${s}.hw_primary_keys`,
    // The served tables' only constraints are their primary keys; a key's constraint and index share an OID.
    `CREATE VIEW ${s}.pg_constraint AS SELECT oid, index_name AS conname, schema_oid AS connamespace, 'p' AS contype,
       false AS condeferrable, false AS condeferred, true AS convalidated, table_oid AS conrelid, 0 AS contypid,
       oid AS conindid, 0 AS conparentid, 0 AS confrelid, ' ' AS confupdtype, ' ' AS confdeltype, ' ' AS confmatchtype,
       true AS conislocal, 0 AS coninhcount, true AS connoinherit, [c + 1 for c in columns] AS conkey,
       NULL::SMALLINT[] AS confkey, NULL::VARCHAR AS conbin FROM ${s}.hw_primary_keys`,
    `CREATE MACRO ${s}.pg_get_indexdef(index_oid) AS ${indexdef}, (index_oid, column_no, pretty) AS ${indexdef}`,
    `CREATE MACRO ${s}.pg_get_constraintdef(constraint_oid) AS ${constraintdef}, (constraint_oid, pretty) AS ${constraintdef}`,
    `CREATE TABLE ${s}.pg_policy (oid BIGINT, polname VARCHAR, polrelid BIGINT, polcmd VARCHAR, polpermissive BOOLEAN, polroles BIGINT[], polqual VARCHAR, polwithcheck VARCHAR)`,
    `CREATE TABLE ${s}.pg_inherits (inhrelid BIGINT, inhparent BIGINT, inhseqno INTEGER, inhdetachpending BOOLEAN)`,
    `CREATE TABLE ${s}.pg_roles (oid BIGINT, rolname VARCHAR, rolsuper BOOLEAN, rolinherit BOOLEAN,
       rolcreaterole BOOLEAN, rolcreatedb BOOLEAN, rolcanlogin BOOLEAN, rolreplication BOOLEAN, rolconnlimit INTEGER,
       rolvaliduntil TIMESTAMPTZ, rolbypassrls BOOLEAN, rolconfig VARCHAR[])`,
    `INSERT INTO ${s}.pg_roles VALUES (10, 'headwater', false, true, false, false, true, false, -1, NULL, false, NULL)`,
    `CREATE TABLE ${s}.pg_auth_members (oid BIGINT, roleid BIGINT, member BIGINT, grantor BIGINT, admin_option BOOLEAN)`,
    // One database: DuckDB's, whatever name the client connected with.
    `CREATE VIEW ${s}.pg_database AS SELECT oid, datname, 10 AS datdba, 6 AS encoding, 'C' AS datcollate,
       'C' AS datctype, NULL::VARCHAR AS daticulocale, 'c' AS datlocprovider, datallowconn, datistemplate,
       NULL::VARCHAR[] AS datacl, -1 AS datconnlimit, 0 AS dattablespace
       FROM system.pg_catalog.pg_database WHERE datname = current_database()`,
    `CREATE TABLE ${s}.pg_statistic_ext (oid BIGINT, stxrelid BIGINT, stxname VARCHAR, stxnamespace BIGINT,
       stxowner BIGINT, stxstattarget INTEGER, stxkeys INTEGER[], stxkind VARCHAR[], stxexprs VARCHAR)`,
    `CREATE TABLE ${s}.pg_publication (oid BIGINT, pubname VARCHAR, pubowner BIGINT, puballtables BOOLEAN,
       pubinsert BOOLEAN, pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN)`,
    `CREATE TABLE ${s}.pg_publication_rel (oid BIGINT, prpubid BIGINT, prrelid BIGINT, prqual VARCHAR, prattrs INTEGER[])`,
    `CREATE TABLE ${s}.pg_publication_namespace (oid BIGINT, pnpubid BIGINT, pnnspid BIGINT)`,
    `CREATE TABLE ${s}.pg_trigger (oid BIGINT, tgrelid BIGINT, tgparentid BIGINT, tgname VARCHAR, tgenabled VARCHAR, tgisinternal BOOLEAN)`,
    `CREATE TABLE ${s}.pg_rewrite (oid BIGINT, rulename VARCHAR, ev_class BIGINT, ev_type VARCHAR, is_instead BOOLEAN)`,
  ];
}
