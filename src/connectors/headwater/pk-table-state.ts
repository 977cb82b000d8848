import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { encodeKey, type PkTable } from "../../store/index.ts";
import type { UpsertState } from "../framework/upsert-normalizer.ts";

/**
 * An upsert table's current rows kept in the store's durable primary-key table, so point lookups
 * survive restarts without replaying the topic. A write that leaves a row as it was emits nothing
 * (re-applying records after a crash changes nothing).
 */
export class PkTableState implements UpsertState {
  private readonly table: PkTable;

  constructor(table: PkTable) {
    this.table = table;
  }

  upsert(_key: string, row: Row, out: (kind: RowKind, row: Row) => void): void {
    const changes = this.table.upsert(row);
    if (changes.length === 2 && encodeKey(changes[0]!.row) === encodeKey(changes[1]!.row)) return;
    for (const change of changes) out(change.kind, change.row);
  }

  delete(_key: string, keyRow: Row, out: (kind: RowKind, row: Row) => void): void {
    for (const change of this.table.delete(keyRow)) out(change.kind, change.row);
  }

  /** The state is the durable table itself. */
  snapshot(): SqlValue {
    return null;
  }

  restore(): void {}
}
