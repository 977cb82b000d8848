import type { ConnectorFactory } from "../framework/connector.ts";
import { checkMetadataColumns } from "../framework/metadata.ts";
import { FileReader } from "./file-reader.ts";
import { FileWriter } from "./file-writer.ts";
import { FILE_METADATA, readFilesystemSettings } from "./filesystem-settings.ts";
import { ParquetWriter } from "./parquet-writer.ts";

/** Flink's `filesystem` connector over a local directory: csv, json (and CDC json) lines, raw, Parquet. */
export const filesystemConnector: ConnectorFactory = {
  name: "filesystem",
  describe(table) {
    const settings = readFilesystemSettings(table);
    checkMetadataColumns(settings.options, FILE_METADATA, false);
    return { source: settings.source, sink: settings.sink, metadata: FILE_METADATA };
  },
  createReader(table, request, ctx) {
    return new FileReader(table, readFilesystemSettings(table), request, ctx);
  },
  createWriter(table, request, ctx) {
    const settings = readFilesystemSettings(table);
    checkMetadataColumns(settings.options, FILE_METADATA, true);
    return settings.format === "parquet"
      ? new ParquetWriter(table, settings, request, ctx)
      : new FileWriter(table, settings, request, ctx);
  },
};
