import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { Operator } from "../operator.ts";
import { NO_WATERMARK } from "../time/watermark.ts";

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
  /** The query's event-time progress: the last watermark that reached the client. */
  watermark = NO_WATERMARK;

  process(kind: RowKind, row: Row): void {
    this.changelog.push({ kind, row });
  }

  /** The rows of the result now: the changelog replayed (only when asked, off the hot path). */
  table(): Row[] {
    const rows = new Map<string, { row: Row; count: number }>();
    for (const { kind, row } of this.changelog) {
      const key = encodeKey(row);
      const entry = rows.get(key);
      if (kind === "+I" || kind === "+U") {
        // A row that comes back goes to the end, as in the SQL client's table view.
        if (entry) rows.delete(key);
        rows.set(key, { row, count: (entry?.count ?? 0) + 1 });
      } else if (entry) {
        if (--entry.count === 0) rows.delete(key);
      }
    }
    const out: Row[] = [];
    for (const { row, count } of rows.values()) for (let i = 0; i < count; i++) out.push(row);
    return out;
  }

  onWatermark(timestamp: number): void {
    this.watermark = timestamp;
  }
  finish(): void {}

  snapshot(): SqlValue {
    return this.changelog.map((c) => [c.kind, c.row]);
  }

  restore(state: SqlValue): void {
    this.changelog.length = 0;
    for (const [kind, row] of state as [RowKind, Row][]) this.process(kind, row);
  }
}
