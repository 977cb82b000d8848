import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { formatFor, type Serializer } from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorContext, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { SinkRowLayout } from "../framework/sink-row.ts";
import type { FilesystemSettings } from "./filesystem-settings.ts";

const NEWLINE = new Uint8Array([10]);

/**
 * Writes a filesystem table as Flink's file sink does: part files `part-<uuid>-0-<n>` in the table's
 * directory, one record per line. A part file is written hidden (`.part-…inprogress`, which readers
 * skip) and made visible when it rolls (`sink.rolling-policy.file-size`, `…rollover-interval`) or
 * when the statement ends; Flink commits on checkpoints, which the embedded engine does not take yet.
 */
export class FileWriter implements SinkWriter {
  private readonly settings: FilesystemSettings;
  private readonly ctx: ConnectorContext;
  private readonly rows: SinkRowLayout;
  private readonly serializer: Serializer;
  private readonly prefix = `part-${randomUUID()}-0-`;
  private count = 0;
  private current:
    | { readonly hidden: string; readonly final: string; size: number; openedAt: number }
    | undefined;
  private pending: Uint8Array[] = [];

  constructor(table: TableSchema, settings: FilesystemSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.settings = settings;
    this.ctx = ctx;
    this.rows = new SinkRowLayout(table, request.columns);
    const columns = physicalColumns(table).map((c) => ({
      name: table.columns[c]!.name,
      type: table.columns[c]!.type,
    }));
    try {
      this.serializer = formatFor(settings.format)!.createSerializer({ columns }, settings.formatOptions);
    } catch (error) {
      throw settings.options.error(`format '${settings.format}': ${(error as Error).message}`);
    }
  }

  async open(): Promise<void> {
    fs.mkdirSync(this.settings.path, { recursive: true });
  }

  write(kind: RowKind, row: Row): void {
    const bytes = this.serializer(kind, this.rows.physicalRow(row));
    if (bytes !== null) this.pending.push(bytes, NEWLINE);
  }

  flush(): boolean {
    if (this.pending.length > 0) {
      const file = this.currentFile();
      const data = Buffer.concat(this.pending);
      this.pending = [];
      fs.appendFileSync(file.hidden, data);
      file.size += data.length;
    }
    const file = this.current;
    if (
      file &&
      (file.size >= this.settings.rollingFileSize ||
        this.ctx.clock() - file.openedAt >= this.settings.rolloverIntervalMs)
    ) {
      this.commit();
      return true;
    }
    return false;
  }

  /** The statement's input ended: its last part file becomes visible. */
  finish(): void {
    this.flush();
    this.commit();
  }

  async drain(): Promise<void> {
    this.flush();
  }

  async close(): Promise<void> {
    this.finish();
  }

  private currentFile() {
    if (!this.current) {
      const name = `${this.prefix}${this.count++}`;
      this.current = {
        hidden: path.join(this.settings.path, `.${name}.inprogress`),
        final: path.join(this.settings.path, name),
        size: 0,
        openedAt: this.ctx.clock(),
      };
    }
    return this.current;
  }

  private commit(): void {
    const file = this.current;
    if (!file) return;
    this.current = undefined;
    fs.renameSync(file.hidden, file.final);
  }
}
