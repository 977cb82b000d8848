import type { RowKind } from "../../../common/changelog.ts";
import type { Row } from "../../../common/value.ts";
import type { SinkWriter } from "../../../connectors/index.ts";
import type { MemoryTable } from "../memory-table.ts";

/**
 * Writes to an in-memory table: changes are visible to readers at once (no buffering). It counts as
 * one of the table's running writers until its statement's input ends, so bounded readers of the
 * table end only after it (a pipeline of INSERT jobs drains in order).
 */
export class MemoryTableWriter implements SinkWriter {
  private readonly table: MemoryTable;
  private readonly clock: () => number;
  private finished = false;

  constructor(table: MemoryTable, clock: () => number) {
    this.table = table;
    this.clock = clock;
    table.writers++;
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.table.writers--;
  }

  async open(): Promise<void> {}

  write(kind: RowKind, row: Row): void {
    this.table.write(kind, row, this.clock());
  }

  flush(): boolean {
    return false;
  }

  async drain(): Promise<void> {}

  /** A failed or canceled statement stops writing too. */
  async close(): Promise<void> {
    this.finish();
  }
}
