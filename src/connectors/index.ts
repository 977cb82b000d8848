/**
 * Connectors: how tables meet the outside world. The engine asks `connectorOf(table)` for a table's
 * reader and writer; each connector validates its options (`describe`) and turns records into rows
 * and back. Below them sit the formats (bytes ↔ rows) and the embedded store.
 */

export { type FileTableContents, readFileTable } from "./filesystem/file-lookup-rows.ts";
export { BadRecords, type ErrorHandlingMode } from "./framework/bad-records.ts";
export type {
  ConnectorContext,
  ConnectorFactory,
  RecordReader,
  SinkChangelog,
  SinkCommitter,
  SinkRequest,
  SinkWriter,
  SourceBatch,
  SourceChangelog,
  SourcePoll,
  SourceRequest,
  SourceSplit,
  TableCapabilities,
} from "./framework/connector.ts";
export { ConnectorError } from "./framework/connector-error.ts";
export {
  DEFAULT_DEAD_LETTER_TABLE,
  type DeadLetter,
  type DeadLetterWriter,
  deadLetterRow,
  deadLetterTableSql,
} from "./framework/dead-letter.ts";
export { catalogTableOf, withDynamicOptions } from "./framework/dynamic-options.ts";
export { type MetadataKey, metadataKeyOf, RECORD_METADATA } from "./framework/metadata.ts";
export { parseDuration } from "./framework/option-values.ts";
export { physicalColumns } from "./framework/record-format.ts";
export type { UpsertRows } from "./framework/upsert-normalizer.ts";
export { type StoredChange, StoreTableView } from "./headwater/store-table-view.ts";
export { connectorOf, describeTable, isKnownConnector, isStoreTable } from "./registry.ts";
