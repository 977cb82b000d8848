import type { FormatOptions } from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { ERROR_HANDLING_KEYS, type ErrorHandling, readErrorHandling } from "../framework/bad-records.ts";
import type { SinkChangelog, SourceChangelog } from "../framework/connector.ts";
import type { MetadataKey } from "../framework/metadata.ts";
import { checkFormatName, formatOptions, isChangelogFormat } from "../framework/record-format.ts";
import { TableOptions } from "../framework/table-options.ts";

/** Flink's filesystem source metadata (docs/connectors/table/filesystem.md, "Available Metadata"). */
export const FILE_METADATA: readonly MetadataKey[] = [
  { name: "file.path", type: { kind: "VARCHAR", length: 2147483647, nullable: false }, writable: false },
  { name: "file.name", type: { kind: "VARCHAR", length: 2147483647, nullable: false }, writable: false },
  { name: "file.size", type: { kind: "BIGINT", nullable: false }, writable: false },
  {
    name: "file.modification-time",
    type: { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false },
    writable: false,
  },
];

/** Formats whose files are read line by line (or CSV record by record); parquet is columnar. */
const TEXT_FORMATS = ["csv", "json", "raw", "debezium-json", "canal-json", "maxwell-json"];

const KEYS = [
  "path",
  "format",
  "source.monitor-interval",
  "source.path.regex-pattern",
  "source.report-statistics",
  "sink.rolling-policy.file-size",
  "sink.rolling-policy.rollover-interval",
  "sink.rolling-policy.check-interval",
  "sink.rolling-policy.inactivity-interval",
  "sink.parallelism",
  "auto-compaction",
  "compaction.file-size",
  "partition.default-name",
  "scan.watermark.idle-timeout",
  ...ERROR_HANDLING_KEYS,
];

export interface FilesystemSettings {
  readonly options: TableOptions;
  readonly path: string;
  readonly format: string;
  readonly formatOptions: FormatOptions;
  /** `source.monitor-interval`: look for new files this often (unset: read the files there once). */
  readonly monitorIntervalMs: number | undefined;
  readonly pathPattern: RegExp | undefined;
  readonly rollingFileSize: number;
  readonly rolloverIntervalMs: number;
  readonly errorHandling: ErrorHandling;
  readonly source: SourceChangelog;
  readonly sink: SinkChangelog | undefined;
}

export function readFilesystemSettings(table: TableSchema): FilesystemSettings {
  const options = new TableOptions(table, "filesystem");
  const path = options.required("path");
  const declared = options.required("format").trim().toLowerCase();
  // Parquet is a file layout, not a record format: the connector reads it through DuckDB.
  const format = declared === "parquet" ? declared : checkFormatName(options, "format", declared);
  if (!TEXT_FORMATS.includes(format) && format !== "parquet")
    throw options.error(
      `format '${format}' is not supported by the filesystem connector (supported: ${[...TEXT_FORMATS, "parquet"].join(", ")})`,
    );
  if (table.partitionedBy.length > 0)
    throw options.error(
      "PARTITIONED BY is not supported by the filesystem connector yet: list the files in one directory",
    );
  const regex = options.string("source.path.regex-pattern");
  let pathPattern: RegExp | undefined;
  if (regex !== undefined) {
    try {
      pathPattern = new RegExp(`^(?:${regex})$`);
    } catch (error) {
      throw options.error(
        `option 'source.path.regex-pattern' = '${regex}' is not a regular expression: ${(error as Error).message}`,
      );
    }
  }
  const settings: FilesystemSettings = {
    options,
    path,
    format,
    formatOptions: formatOptions(options, "", format),
    monitorIntervalMs: options.duration("source.monitor-interval"),
    pathPattern,
    rollingFileSize: options.memorySize("sink.rolling-policy.file-size") ?? 128 * 1024 * 1024,
    rolloverIntervalMs: options.duration("sink.rolling-policy.rollover-interval") ?? 30 * 60_000,
    errorHandling: readErrorHandling(options),
    source: isChangelogFormat(format) ? "all" : "insert-only",
    sink: isChangelogFormat(format) ? "retract" : "append",
  };
  options.duration("sink.rolling-policy.check-interval");
  options.duration("sink.rolling-policy.inactivity-interval");
  options.boolean("auto-compaction", false);
  options.boolean("source.report-statistics", false);
  options.memorySize("compaction.file-size");
  options.integer("sink.parallelism", 1);
  options.duration("scan.watermark.idle-timeout");
  options.checkKnown(KEYS, [`${format}.`, "sink.partition-commit."]);
  return settings;
}

/** Whether the format is read line by line (text) rather than through DuckDB (parquet). */
export function isTextFormat(format: string): boolean {
  return TEXT_FORMATS.includes(format);
}
