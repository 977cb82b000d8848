import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { MemoryTable } from "../memory-table.ts";
import type { PollResult, SourceReader } from "../operator.ts";
import type { ScanRowBuilder, WatermarkGenerator } from "./scan-row.ts";

/**
 * Reads an in-memory table's changelog from its first change, then waits for more (`idle`): the
 * table is unbounded until `bound()`. Each change is laid out as the table's columns by the
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
  private offset = 0;
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
  }

  poll(max: number): PollResult {
    const log = this.table.log;
    if (this.bounded && this.limit === undefined && this.table.writers === 0) this.limit = log.length;
    const available = Math.min(log.length, this.limit ?? log.length);
    if (this.offset >= available)
      return this.limit !== undefined && this.offset >= this.limit ? "end" : "idle";
    const end = Math.min(available, this.offset + max);
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    const watermarks = this.watermarks;
    for (; this.offset < end; this.offset++) {
      const change = log[this.offset]!;
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
    return [this.offset, this.watermarks?.current ?? null];
  }

  restore(state: SqlValue): void {
    const [offset, watermark] = state as [number, number | null];
    this.offset = offset;
    if (this.watermarks && watermark !== null) this.watermarks.current = watermark;
  }
}
