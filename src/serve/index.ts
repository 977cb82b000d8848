/**
 * Serving: the engine's tables to their consumers.
 */
export {
  type ExportOptions,
  exportTable,
  listVersions,
  readManifest,
  versionPath,
} from "./export/export-table.ts";
export { EXPORT_FORMATS, type ExportFormat, type ExportManifest } from "./export/manifest.ts";
export { DuckDbMirror, type MirroredTables } from "./mirror/duckdb-mirror.ts";
export {
  type SqlEndpoint,
  type SqlEndpointAuth,
  type SqlEndpointOptions,
  startSqlEndpoint,
} from "./pgwire/start-sql-endpoint.ts";
