import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { PartitionLog, StoredRecord } from "../../store/index.ts";
import type { BadRecords } from "../framework/bad-records.ts";
import type { ConnectorContext } from "../framework/connector.ts";
import { type DecodedRows, LogDecoder, type LogReadMode } from "../framework/log-decoder.ts";
import type { RecordFormat } from "../framework/record-format.ts";
import { type LogRecord, toLogRecord } from "../framework/record-metadata.ts";
import type { UpsertState } from "../framework/upsert-normalizer.ts";
import type { StoredChange } from "./store-table-view.ts";

const READ_BYTES = 1 << 20;

/** How a view decodes its topic; the changelog reads the same records without the view's state. */
export interface StoreChangelogSource {
  readonly topic: string;
  readonly log: PartitionLog;
  readonly format: RecordFormat;
  readonly mode: LogReadMode;
  readonly metadataKeys: readonly string[];
  readonly badRecords: BadRecords;
  /** Turns a decoded row (physical columns, then metadata) into the view's row. */
  readonly viewRow: (decoded: Row) => Row;
}

/**
 * A store table's changelog as it is stored: one change per record of its (single-partition) topic,
 * at the record's log offset. Offsets are the log's own, so they mean the same after a restart, and a
 * reader resumes from any offset still retained without the reading process keeping anything.
 *
 * An upsert table's record is its key's new row, or a tombstone: the change is `+U` with the row
 * (Flink's upsert changelog, no `-U`, since the row it replaced is not stored with it) or `-D`
 * with the key columns set and the others null. Append and retract tables read as their records say.
 */
export class StoreChangelog {
  readonly durable = true;
  private readonly source: StoreChangelogSource;
  private readonly ctx: ConnectorContext;
  private readonly decoder: LogDecoder;
  /** Registry formats fetch schemas before decoding: records waiting for that, by their first offset. */
  private preparing: number | undefined;

  constructor(source: StoreChangelogSource, ctx: ConnectorContext) {
    this.source = source;
    this.ctx = ctx;
    const mode: LogReadMode =
      source.mode.kind === "upsert"
        ? { kind: "upsert", primaryKey: source.mode.primaryKey, state: AS_STORED }
        : source.mode;
    this.decoder = new LogDecoder(source.format, mode, source.metadataKeys, source.badRecords);
  }

  /** The oldest offset retention still keeps. */
  get startOffset(): number {
    return this.source.log.startOffset;
  }

  get endOffset(): number {
    return this.source.log.nextOffset;
  }

  /**
   * Changes of records at offsets ≥ `from` (which must be ≥ `startOffset`), at most about `max`
   * (a record may give more than one change). Empty while a registry format fetches the schemas
   * the records need; subscribers hear when they can be read.
   */
  read(from: number, max: number): StoredChange[] {
    if (this.preparing !== undefined) return [];
    const log = this.source.log;
    const stored = log.read({ offset: from, segment: undefined, position: 0 }, READ_BYTES, max);
    const records = stored.map((record) => this.logRecord(record));
    if (records.length > 0 && this.source.format.needsPrepareFor(records)) {
      this.preparing = from;
      void this.ctx.track(this.source.format.prepareRead(records)).finally(() => {
        this.preparing = undefined;
        log.notifyAppend();
      });
      return [];
    }
    const out: StoredChange[] = [];
    for (const record of records) {
      const decoded: DecodedRows = { rows: [], kinds: [], splits: [] };
      this.decoder.decode(record, decoded);
      for (let i = 0; i < decoded.rows.length; i++)
        out.push({
          kind: decoded.kinds[i]!,
          row: this.source.viewRow(decoded.rows[i]!),
          timestamp: record.timestamp,
          offset: record.offset,
        });
    }
    return out;
  }

  /** Calls `listener` whenever records were appended; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.source.log.onAppend(listener);
  }

  private logRecord(record: StoredRecord): LogRecord {
    return toLogRecord(this.source.topic, 0, record);
  }
}

/** Upserts and deletes passed on as stored: no state, so any offset can be read on its own. */
const AS_STORED: UpsertState = {
  upsert(_key: string, row: Row, out: (kind: RowKind, row: Row) => void): void {
    out("+U", row);
  },
  delete(_key: string, keyRow: Row, out: (kind: RowKind, row: Row) => void): void {
    out("-D", keyRow);
  },
  snapshot(): SqlValue {
    return null;
  },
  restore(): void {},
};
