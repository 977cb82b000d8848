/**
 * Serving: the engine's tables to their consumers.
 */
export * from "./export/export-table.ts";
export * from "./export/manifest.ts";
export { DuckDbMirror, type MirroredTables } from "./mirror/duckdb-mirror.ts";
export * from "./pgwire/start-sql-endpoint.ts";
export { servedTables } from "./served-tables.ts";
