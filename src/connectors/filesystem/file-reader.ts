import * as fs from "node:fs";
import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { type Deserializer, formatFor } from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { BadRecords } from "../framework/bad-records.ts";
import type { ConnectorContext, RecordReader, SourcePoll, SourceRequest } from "../framework/connector.ts";
import { ConnectorError } from "../framework/connector-error.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { type DataFile, listDataFiles } from "./file-listing.ts";
import type { FilesystemSettings } from "./filesystem-settings.ts";
import { isTextFormat } from "./filesystem-settings.ts";
import { splitRecords } from "./text-records.ts";

const ENCODER = new TextEncoder();

const FILE_METADATA_READERS: Readonly<Record<string, (file: DataFile) => SqlValue>> = {
  "file.path": (f) => f.path,
  "file.name": (f) => f.name,
  "file.size": (f) => f.size,
  "file.modification-time": (f) => f.modified,
};

/**
 * Reads the files of a filesystem table, in path order, each once: text formats record by record
 * (lines; CSV records may span lines), Parquet through DuckDB. With `source.monitor-interval` the
 * directory is listed again that often and new files are read as they appear (an unbounded source);
 * without it, the files present at the start are read and the source ends.
 */
export class FileReader implements RecordReader {
  readonly splits = 1;
  private readonly table: TableSchema;
  private readonly settings: FilesystemSettings;
  private readonly ctx: ConnectorContext;
  private readonly metadataKeys: readonly string[];
  private readonly badRecords: BadRecords;
  private readonly columns: readonly {
    readonly name: string;
    readonly type: TableSchema["columns"][number]["type"];
  }[];
  private deserializer: Deserializer | undefined;
  private readonly seen = new Set<string>();
  private queue: DataFile[] = [];
  private rows: Row[] = [];
  private kinds: RowKind[] = [];
  private loading = false;
  private bounded = false;
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  /** Files fully read, by path: the position to resume from. */
  private done: string[] = [];

  constructor(
    table: TableSchema,
    settings: FilesystemSettings,
    request: SourceRequest,
    ctx: ConnectorContext,
  ) {
    this.table = table;
    this.settings = settings;
    this.ctx = ctx;
    this.metadataKeys = request.metadataKeys;
    this.badRecords = new BadRecords(table, settings.errorHandling, ctx);
    this.columns = physicalColumns(table).map((c) => ({
      name: table.columns[c]!.name,
      type: table.columns[c]!.type,
    }));
  }

  async open(): Promise<void> {
    this.prepare();
  }

  /** What `open` does, synchronously: text formats need nothing asynchronous before the first poll. */
  prepare(): void {
    if (isTextFormat(this.settings.format)) {
      try {
        this.deserializer = formatFor(this.settings.format)!.createDeserializer(
          { columns: this.columns },
          this.settings.formatOptions,
        );
      } catch (error) {
        throw this.settings.options.error(`format '${this.settings.format}': ${(error as Error).message}`);
      }
    }
    const monitoring = this.settings.monitorIntervalMs !== undefined;
    if (!monitoring && !fs.existsSync(this.settings.path))
      throw this.settings.options.error(`path '${this.settings.path}' does not exist`);
    this.scan();
    if (monitoring) {
      this.timer = setInterval(
        () => {
          if (this.scan()) this.ctx.wake();
        },
        Math.max(1, this.settings.monitorIntervalMs!),
      );
    }
  }

  poll(max: number): SourcePoll {
    if (this.failure && this.rows.length === 0) throw this.failure;
    while (this.rows.length < max && this.queue.length > 0 && !this.loading && !this.failure)
      this.load(this.queue[0]!);
    if (this.rows.length > 0) {
      const rows = this.rows.splice(0, max);
      const kinds = this.kinds.splice(0, rows.length);
      return { rows, kinds };
    }
    if (this.loading || this.queue.length > 0) return "idle";
    return this.settings.monitorIntervalMs !== undefined && !this.bounded ? "idle" : "end";
  }

  bound(): void {
    this.bounded = true;
    this.stopMonitoring();
  }

  snapshot(): SqlValue {
    return [...this.done];
  }

  restore(state: SqlValue): void {
    this.done = [...(state as string[])];
    for (const file of this.done) this.seen.add(file);
    this.queue = this.queue.filter((file) => !this.done.includes(file.path));
  }

  async close(): Promise<void> {
    this.stopMonitoring();
  }

  private stopMonitoring(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Lists the directory; true when it found files not seen before. */
  private scan(): boolean {
    if (!fs.existsSync(this.settings.path)) return false;
    let found = false;
    for (const file of listDataFiles(this.settings.path, this.settings.pathPattern)) {
      if (this.seen.has(file.path)) continue;
      this.seen.add(file.path);
      this.queue.push(file);
      found = true;
    }
    return found;
  }

  /** Reads one file into the pending rows (Parquet asynchronously, tracked by the engine). */
  private load(file: DataFile): void {
    if (!isTextFormat(this.settings.format)) {
      this.loading = true;
      void this.ctx
        // DuckDB loads with the first Parquet file read, not with every engine.
        .track(
          import("./parquet-rows.ts").then(({ readParquetRows }) => readParquetRows(file.path, this.columns)),
        )
        .then(
          (rows) => {
            for (const row of rows) this.push("+I", row, file);
          },
          (error) => {
            this.failure = this.settings.options.error(
              `cannot read Parquet file '${file.path}': ${(error as Error).message}`,
            );
          },
        )
        .finally(() => {
          this.loading = false;
          this.finishFile(file);
          this.ctx.wake();
        });
      return;
    }
    const text = fs.readFileSync(file.path, "utf8");
    const quote =
      this.settings.format === "csv" && this.settings.formatOptions["csv.disable-quote-character"] !== "true"
        ? (this.settings.formatOptions["csv.quote-character"] ?? '"')
        : undefined;
    for (const record of splitRecords(text, quote)) {
      const bytes = ENCODER.encode(record.text);
      const decoded = this.deserializer!(bytes, { line: record.line });
      if (decoded.kind === "error") {
        try {
          this.badRecords.handle({
            table: this.table,
            message: decoded.message,
            ...(decoded.field === undefined ? {} : { field: decoded.field }),
            file: file.path,
            line: record.line,
            key: null,
            value: bytes,
            headers: [],
          });
        } catch (error) {
          if (!(error instanceof ConnectorError)) throw error;
          // The rows before the bad record still come first.
          this.failure = error;
          return;
        }
        continue;
      }
      for (const change of decoded.rows) this.push(change.kind, change.row, file);
    }
    this.finishFile(file);
  }

  private finishFile(file: DataFile): void {
    this.queue.splice(this.queue.indexOf(file), 1);
    this.done.push(file.path);
    this.ctx.count(this.table, "files-read");
  }

  private push(kind: RowKind, row: Row, file: DataFile): void {
    for (const key of this.metadataKeys) row.push(FILE_METADATA_READERS[key]!(file));
    this.rows.push(row);
    this.kinds.push(kind);
  }
}
