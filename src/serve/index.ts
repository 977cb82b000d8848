/** Serving data products: REST (and live changes), the SQL endpoint, exports. */
export * from "./export/export-table.ts";
export * from "./export/manifest.ts";
export { DuckDbMirror, type MirroredTables } from "./mirror/duckdb-mirror.ts";
export * from "./pgwire/start-sql-endpoint.ts";
export * from "./rest/index.ts";
export { servedTables } from "./served-tables.ts";
