import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { MemoryTable } from "../memory-table.ts";
import type { PollResult, SourceReader } from "../operator.ts";

/**
 * Reads an in-memory table's changelog from its first change, then waits for more (`idle`): the
 * table is unbounded. Each stored row is laid out as the table's columns: the stored (physical)
 * columns in place, the system column `$rowtime` from the time the row was written.
 *
 * table t(a, b) after INSERT INTO t VALUES (1, 'x') → +I[1, x], then idle
 */
export class TableReader implements SourceReader {
  readonly description: string;
  private readonly table: MemoryTable;
  /** For each output column: the stored position it reads, or -1 for `$rowtime`. */
  private readonly layout: readonly number[];
  private offset = 0;

  constructor(description: string, table: MemoryTable, layout: readonly number[]) {
    this.description = description;
    this.table = table;
    this.layout = layout;
  }

  poll(max: number): PollResult {
    const log = this.table.log;
    if (this.offset >= log.length) return "idle";
    const end = Math.min(log.length, this.offset + max);
    const rows: Row[] = [];
    const kinds: RowKind[] = [];
    for (; this.offset < end; this.offset++) {
      const change = log[this.offset]!;
      rows.push(this.layout.map((p) => (p < 0 ? change.timestamp : change.row[p]!)));
      kinds.push(change.kind);
    }
    return { rows, kinds };
  }

  snapshot(): SqlValue {
    return this.offset;
  }

  restore(state: SqlValue): void {
    this.offset = state as number;
  }
}
