import * as fs from "node:fs";
import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { formatFor, type Serializer } from "../../formats/index.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorContext, SinkRequest, SinkWriter } from "../framework/connector.ts";
import { physicalColumns } from "../framework/record-format.ts";
import { SinkRowLayout } from "../framework/sink-row.ts";
import type { FilesystemSettings } from "./filesystem-settings.ts";
import { type PartFile, PartFiles } from "./part-files.ts";

const NEWLINE = new Uint8Array([10]);

/**
 * Writes a filesystem table in a text format (csv, json, raw, CDC json): one record per line,
 * appended to the current part file (see PartFiles for naming, rolling and commits).
 */
export class FileWriter implements SinkWriter {
  private readonly parts: PartFiles;
  private readonly rows: SinkRowLayout;
  private readonly serializer: Serializer;
  /** CSV records already end in a line break (as Jackson writes them); JSON and raw records do not. */
  private readonly lineBreak: boolean;
  private current: { readonly file: PartFile; size: number } | undefined;
  private pending: Uint8Array[] = [];

  constructor(table: TableSchema, settings: FilesystemSettings, request: SinkRequest, ctx: ConnectorContext) {
    this.parts = new PartFiles(settings, ctx.clock);
    this.rows = new SinkRowLayout(table, request.columns);
    this.lineBreak = settings.format !== "csv";
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
    this.parts.createDirectory();
  }

  write(kind: RowKind, row: Row): void {
    const bytes = this.serializer(kind, this.rows.physicalRow(row));
    if (bytes === null) return;
    this.pending.push(bytes);
    if (this.lineBreak) this.pending.push(NEWLINE);
  }

  flush(): boolean {
    if (this.pending.length > 0) {
      this.current ??= { file: this.parts.next(), size: 0 };
      const data = Buffer.concat(this.pending);
      this.pending = [];
      fs.appendFileSync(this.current.file.hidden, data);
      this.current.size += data.length;
    }
    if (this.current && this.parts.shouldRoll(this.current.file, this.current.size)) {
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

  private commit(): void {
    if (!this.current) return;
    this.parts.commit(this.current.file);
    this.current = undefined;
  }
}
