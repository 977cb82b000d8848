import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { appendRows } from "../duckdb/typed-rows.ts";
import type { ConnectorContext, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { SinkRowLayout } from "../framework/sink-row.ts";
import type { FilesystemSettings } from "./filesystem-settings.ts";
import { type PartFile, PartFiles } from "./part-files.ts";

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes a filesystem table as Parquet, a bulk format: the rows of a part file are kept until it
 * rolls (PartFiles: size, interval, end of input), then DuckDB writes the whole file — its COPY TO,
 * into the hidden name, renamed when complete — in the background, one part after another. Rolling
 * by size compares `sink.rolling-policy.file-size` with the rows' uncompressed size (the Parquet
 * file is smaller). A failed write fails the statement at its next write or drain.
 */
export class ParquetWriter implements SinkWriter {
  private readonly parts: PartFiles;
  private readonly ctx: ConnectorContext;
  private readonly layout: SinkRowLayout;
  private readonly columns: readonly { readonly name: string; readonly type: DataType }[];
  private readonly types: readonly DataType[];
  private current: { readonly file: PartFile; rows: Row[]; size: number } | undefined;
  private duck:
    | {
        readonly instance: DuckDBInstance;
        readonly connection: DuckDBConnection;
        readonly columnsSql: string;
        readonly appendRows: typeof appendRows;
      }
    | undefined;
  /** The part files handed to DuckDB, written in order. */
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(table: TableSchema, settings: FilesystemSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.parts = new PartFiles(settings, ctx.clock);
    this.ctx = ctx;
    this.layout = new SinkRowLayout(table, request.columns);
    this.columns = physicalColumns(table).map((c) => table.columns[c]!);
    this.types = this.columns.map((c) => c.type);
  }

  async open(): Promise<void> {
    this.parts.createDirectory();
    // DuckDB loads with the first Parquet sink, not with every engine.
    const [{ DuckDBInstance }, { duckDbTypeOf }, { appendRows }] = await Promise.all([
      import("@duckdb/node-api"),
      import("../duckdb/duckdb-type.ts"),
      import("../duckdb/typed-rows.ts"),
    ]);
    const columnsSql = this.columns
      .map((c) => `${quoteIdent(c.name)} ${duckDbTypeOf(c.type).toString()}`)
      .join(", ");
    const instance = await DuckDBInstance.create(":memory:");
    this.duck = { instance, connection: await instance.connect(), columnsSql, appendRows };
  }

  write(_kind: RowKind, row: Row): void {
    if (this.failure) throw this.failure;
    const physical = this.layout.physicalRow(row);
    this.current ??= { file: this.parts.next(), rows: [], size: 0 };
    this.current.rows.push(physical);
    this.current.size += approximateSize(physical);
    // As Flink's rolling policy checks the size at every record.
    if (this.parts.shouldRoll(this.current.file, this.current.size)) this.roll();
  }

  flush(): boolean {
    if (this.current && this.parts.shouldRoll(this.current.file, this.current.size)) this.roll();
    // Rows become readable only once DuckDB has written and committed their part file.
    return false;
  }

  /** The statement's input ended: its last part file is written and becomes visible. */
  finish(): void {
    this.roll();
  }

  async drain(): Promise<void> {
    await this.writing;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.roll();
    await this.writing;
    this.duck?.connection.closeSync();
    this.duck?.instance.closeSync();
    this.duck = undefined;
    if (this.failure) throw this.failure;
  }

  private roll(): void {
    const part = this.current;
    if (!part) return;
    this.current = undefined;
    this.writing = this.writing
      .then(() => this.writePart(part.file, part.rows))
      .catch((error: unknown) => {
        this.failure ??= new Error(
          `writing Parquet part file ${part.file.final}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    void this.ctx.track(this.writing);
  }

  private async writePart(file: PartFile, rows: readonly Row[]): Promise<void> {
    if (this.failure) return;
    if (!this.duck) throw new Error("the Parquet writer was used before open()");
    const { connection, columnsSql, appendRows } = this.duck;
    await connection.run(`CREATE OR REPLACE TABLE part (${columnsSql})`);
    const appender = await connection.createAppender("part");
    appendRows(appender, this.types, rows);
    appender.closeSync();
    await connection.run(`COPY part TO ${quoteLiteral(file.hidden)} (FORMAT parquet)`);
    await connection.run("DROP TABLE part");
    this.parts.commit(file);
  }
}

/** Bytes a value takes uncompressed, roughly: what the size-based rolling policy counts. */
function approximateSize(row: readonly SqlValue[]): number {
  let size = 0;
  for (const value of row) size += valueSize(value);
  return size;
}

function valueSize(value: SqlValue): number {
  if (value === null || typeof value === "boolean") return 1;
  if (typeof value === "number") return 8;
  if (typeof value === "bigint") return 16;
  if (typeof value === "string") return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return approximateSize(value);
  let size = 0;
  for (const [k, v] of value) size += valueSize(k) + valueSize(v);
  return size;
}
