import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { Operator } from "../operator.ts";

export interface ChangelogEntry {
  readonly kind: RowKind;
  readonly row: Row;
}

/**
 * The end of a query: keeps the changelog as it arrived and the table it describes (a multiset of
 * rows, in first-insertion order), as Flink's SQL client shows in changelog and table mode.
 *
 * +I[a, 1], -U[a, 1], +U[a, 3] → changelog: those three rows; table: [a, 3]
 */
export class CollectSink implements Operator {
  readonly description = "Collect";
  readonly changelog: ChangelogEntry[] = [];
  private readonly rows = new Map<string, { row: Row; count: number }>();

  process(kind: RowKind, row: Row): void {
    this.changelog.push({ kind, row });
    const key = encodeKey(row);
    const entry = this.rows.get(key);
    if (kind === "+I" || kind === "+U") {
      if (entry) entry.count++;
      else this.rows.set(key, { row, count: 1 });
    } else if (entry) {
      if (--entry.count === 0) this.rows.delete(key);
    }
  }

  /** The rows of the result now. */
  table(): Row[] {
    const out: Row[] = [];
    for (const { row, count } of this.rows.values()) for (let i = 0; i < count; i++) out.push(row);
    return out;
  }

  onWatermark(): void {}
  finish(): void {}

  snapshot(): SqlValue {
    return this.changelog.map((c) => [c.kind, c.row]);
  }

  restore(state: SqlValue): void {
    this.changelog.length = 0;
    this.rows.clear();
    for (const [kind, row] of state as [RowKind, Row][]) this.process(kind, row);
  }
}
