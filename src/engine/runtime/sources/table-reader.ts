import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { MemoryTable, TableChange, TableCursor } from "../memory-table.ts";
import type { PollResult, SourceReader } from "../operator.ts";
import type { ScanRowBuilder, WatermarkGenerator } from "./scan-row.ts";

/**
 * Reads an in-memory table's changelog from its first change kept, then waits for more (`idle`):
 * the table is unbounded until `bound()`. Its position is a cursor of the table, which lets a table
 * that keeps only unread changes drop what every reader has read; an ended reader closes it. Each change is laid out as the table's columns by the
 * `ScanRowBuilder` (`$rowtime` is the time the row was written); with a watermark strategy, every
 * batch carries the watermark after its rows.
 *
 * table t(a, b) after INSERT INTO t VALUES (1, 'x') → +I[1, x], then idle
 */
export class TableReader implements SourceReader {
  readonly description: string;
  private readonly table: MemoryTable;
  private readonly rows: ScanRowBuilder;
  private readonly watermarks: WatermarkGenerator | undefined;
  private readonly cursor: TableCursor;
  /** How much of the cursor's backlog is read. */
  private backlogRead = 0;
  private bounded = false;
  /** Where a bounded read ends: set once the table has no running writers left. */
  private limit: number | undefined;
  /** The record's one metadata value, its timestamp (reused: the builder copies it). */
  private readonly metadata: SqlValue[] = [0];

  constructor(
    description: string,
    table: MemoryTable,
    rows: ScanRowBuilder,
    watermarks: WatermarkGenerator | undefined,
  ) {
    this.description = description;
    this.table = table;
    this.rows = rows;
    this.watermarks = watermarks;
    this.cursor = table.openCursor();
  }

  poll(max: number): PollResult {
    const table = this.table;
    const cursor = this.cursor;
    if (cursor.backlog) return this.emit(this.takeBacklog(cursor.backlog, max));
    if (this.bounded && this.limit === undefined && table.writers === 0) this.limit = table.endOffset;
    const available = Math.min(table.endOffset, this.limit ?? table.endOffset);
    if (cursor.offset >= available) {
      if (this.limit === undefined || cursor.offset < this.limit) return "idle";
      table.closeCursor(cursor);
      return "end";
    }
    const end = Math.min(available, cursor.offset + max);
    const changes: TableChange[] = [];
    for (; cursor.offset < end; cursor.offset++) changes.push(table.changeAt(cursor.offset));
    const result = this.emit(changes);
    table.trim();
    return result;
  }

  private takeBacklog(backlog: TableChange[], max: number): TableChange[] {
    const taken = backlog.slice(this.backlogRead, this.backlogRead + max);
    this.backlogRead += taken.length;
    if (this.backlogRead === backlog.length) this.cursor.backlog = undefined;
    return taken;
  }

  private emit(changes: readonly TableChange[]): PollResult {
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    const watermarks = this.watermarks;
    for (const change of changes) {
      this.metadata[0] = change.timestamp;
      const row = this.rows.build(change.row, this.metadata, 0);
      watermarks?.observe(row);
      rows.push(row);
      kinds.push(change.kind);
    }
    return watermarks ? { rows, kinds, watermark: watermarks.current } : { rows, kinds };
  }

  /** Ends at the rows written so far, or, while INSERT jobs still write the table, after their last. */
  bound(): void {
    this.bounded = true;
  }

  snapshot(): SqlValue {
    return [this.cursor.offset, this.watermarks?.current ?? null];
  }

  restore(state: SqlValue): void {
    const [offset, watermark] = state as [number, number | null];
    this.cursor.offset = Math.max(offset, this.table.startOffset);
    this.cursor.backlog = undefined;
    if (this.watermarks && watermark !== null) this.watermarks.current = watermark;
  }
}
