import type { RowKind } from "../../../common/changelog.ts";
import type { Row } from "../../../common/value.ts";
import type { SinkWriter } from "../../../connectors/index.ts";
import type { MemoryTable } from "../memory-table.ts";

/** Writes to an in-memory table: changes are visible to readers at once (no buffering). */
export class MemoryTableWriter implements SinkWriter {
  private readonly table: MemoryTable;
  private readonly clock: () => number;

  constructor(table: MemoryTable, clock: () => number) {
    this.table = table;
    this.clock = clock;
  }

  async open(): Promise<void> {}

  write(kind: RowKind, row: Row): void {
    this.table.write(kind, row, this.clock());
  }

  flush(): boolean {
    return false;
  }

  async drain(): Promise<void> {}
  async close(): Promise<void> {}
}
