import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { encodeKey } from "../../store/index.ts";
import type { BadRecords } from "./bad-records.ts";
import { ConnectorError } from "./connector-error.ts";
import { keyValues, type RecordFormat } from "./record-format.ts";
import { type LogRecord, type MetadataReader, metadataReaders } from "./record-metadata.ts";
import { UpsertNormalizer, type UpsertRows, type UpsertState } from "./upsert-normalizer.ts";

/**
 * How records become changes: `append` decodes each value (a CDC value format may give any kind);
 * `upsert` treats a record as its key's current row and a null value as the key's delete, normalized
 * into a full changelog; `retract` takes each record's kind from the `kindOf` header reader.
 */
export type LogReadMode =
  | { readonly kind: "append" }
  | {
      readonly kind: "upsert";
      readonly primaryKey: readonly number[];
      /** Keeps the rows per key; a normalizer of the reader's own by default. */
      readonly state?: UpsertState;
      /** Where that normalizer keeps its rows (SourceRequest.upsertRows); a Map by default. */
      readonly rows?: UpsertRows;
    }
  | { readonly kind: "retract"; readonly kindOf: (record: LogRecord) => RowKind | undefined };

/** Output of decoding: rows (physical columns, then metadata), their kinds and their splits. */
export interface DecodedRows {
  readonly rows: Row[];
  readonly kinds: RowKind[];
  readonly splits: number[];
}

/**
 * Decodes log records into the rows a source emits, shared by the embedded store's and Kafka's
 * readers. Records that do not decode go to the table's error handling with their position.
 */
export class LogDecoder {
  private readonly format: RecordFormat;
  private readonly mode: LogReadMode;
  private readonly metadata: readonly MetadataReader[];
  private readonly badRecords: BadRecords;
  private readonly normalizer: UpsertState;

  constructor(
    format: RecordFormat,
    mode: LogReadMode,
    metadataKeys: readonly string[],
    badRecords: BadRecords,
  ) {
    this.format = format;
    this.mode = mode;
    this.normalizer =
      mode.kind === "upsert" ? (mode.state ?? new UpsertNormalizer(mode.rows)) : new UpsertNormalizer();
    this.metadata = metadataReaders(metadataKeys);
    this.badRecords = badRecords;
  }

  decode(record: LogRecord, out: DecodedRows): void {
    const meta = { topic: record.topic, partition: record.partition, offset: record.offset };
    // Rows carry their metadata from here on: the normalizer keeps them whole, as Flink's
    // ChangelogNormalize keeps the source's rows.
    const emit = (kind: RowKind, row: Row): void => {
      out.rows.push(row);
      out.kinds.push(kind);
      out.splits.push(record.partition);
    };
    const mode = this.mode;
    if (mode.kind === "upsert" && record.value === null) {
      const key = this.format.decodeKey(record.key, meta);
      if (key.kind === "error") {
        this.reject(record, key.message, key.field);
        return;
      }
      this.normalizer.delete(encodeKey(keyValues(key.physical, mode.primaryKey)), key.physical, emit);
      return;
    }
    const decoded = this.format.decode(record.key, record.value, meta);
    if (decoded.kind === "error") {
      this.reject(record, decoded.message, decoded.field);
      return;
    }
    switch (mode.kind) {
      case "append":
        for (const change of decoded.rows) emit(change.kind, this.withMetadata(change.row, record));
        return;
      case "upsert":
        for (const change of decoded.rows) {
          const key = encodeKey(keyValues(change.row, mode.primaryKey));
          if (change.kind === "-D") this.normalizer.delete(key, change.row, emit);
          else if (change.kind !== "-U")
            this.normalizer.upsert(key, this.withMetadata(change.row, record), emit);
        }
        return;
      case "retract": {
        const kind = mode.kindOf(record);
        if (kind === undefined) {
          this.reject(record, "the record has no valid row kind header", undefined);
          return;
        }
        for (const change of decoded.rows) emit(kind, this.withMetadata(change.row, record));
        return;
      }
      default:
        mode satisfies never;
    }
  }

  /**
   * Decodes records in order. A record the table's error handling rejects (mode `fail`) stops the
   * batch there: the rows before it are in `out`, as a record-at-a-time source would have emitted
   * them, and the error is returned for the reader to raise at its next poll.
   */
  decodeAll(records: readonly LogRecord[], out: DecodedRows): ConnectorError | undefined {
    for (const record of records) {
      try {
        this.decode(record, out);
      } catch (error) {
        if (error instanceof ConnectorError) return error;
        throw error;
      }
    }
    return undefined;
  }

  snapshot(): SqlValue {
    return this.normalizer.snapshot();
  }

  restore(state: SqlValue): void {
    this.normalizer.restore(state);
  }

  /** Appends the metadata values to a freshly decoded row (decoders give each record its own arrays). */
  private withMetadata(row: Row, record: LogRecord): Row {
    const metadata = this.metadata;
    if (metadata.length === 0) return row;
    for (let i = 0; i < metadata.length; i++) row.push(metadata[i]!(record));
    return row;
  }

  private reject(record: LogRecord, message: string, field: string | undefined): void {
    this.badRecords.handle({
      table: this.badRecords.table,
      message:
        field === undefined || message.includes(`'${field}'`) ? message : `field '${field}': ${message}`,
      ...(field === undefined ? {} : { field }),
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key === null ? null : record.key.slice(),
      value: record.value === null ? null : record.value.slice(),
      headers: record.headers.map(([name, value]) => [name, value.slice()] as const),
    });
  }
}
