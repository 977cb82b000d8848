import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { valuesEqual } from "../expr/index.ts";
import type { MemoryTable } from "../memory-table.ts";
import type { Operator } from "../operator.ts";

export interface TableSinkConfig {
  readonly description: string;
  /**
   * How rows reach the table: `append` (insert-only input, no key), `upsert` (the input's upsert key
   * is within the primary key: `+I`/`+U` replace by key, `-U`/`-D` delete), or `materialize` (a retract
   * input whose rows may share a primary key: Flink's SinkUpsertMaterializer keeps every live row per
   * key and shows the last one added), or `discard` (`'connector' = 'blackhole'`, for benchmarks).
   */
  readonly mode: "append" | "upsert" | "materialize" | "discard";
}

/**
 * INSERT INTO an in-memory table.
 *
 * Sink with PRIMARY KEY (k), materialize: +I[a, 1], +I[a, 2], -D[a, 2] → table: [a, 1]
 */
export class TableSink implements Operator {
  readonly description: string;
  private readonly config: TableSinkConfig;
  private readonly table: MemoryTable | undefined;
  private readonly clock: () => number;
  /** materialize mode: the live rows per key, oldest first. */
  private readonly rowsByKey = new Map<string, Row[]>();

  constructor(config: TableSinkConfig, table: MemoryTable | undefined, clock: () => number) {
    this.description = config.description;
    this.config = config;
    this.table = table;
    this.clock = clock;
    if (table) table.writers++;
  }

  process(kind: RowKind, row: Row): void {
    const table = this.table;
    if (!table) return;
    const now = this.clock();
    const add = kind === "+I" || kind === "+U";
    switch (this.config.mode) {
      case "append":
        table.append(row, now);
        return;
      case "upsert":
        // `-U` deletes by key like `-D`, as Flink's upsert sinks write a tombstone for it: the `+U`
        // that follows may carry another key, or none at all when a filter dropped it.
        if (add) table.upsert(row, now);
        else table.delete(row, now);
        return;
      case "materialize": {
        const key = table.keyOf(row);
        const rows = this.rowsByKey.get(key) ?? [];
        if (add) rows.push(row);
        else {
          const at = rows.findLastIndex((r) => r.every((v, i) => valuesEqual(v, row[i]!)));
          if (at >= 0) rows.splice(at, 1);
        }
        if (rows.length > 0) {
          this.rowsByKey.set(key, rows);
          table.upsert(rows[rows.length - 1]!, now);
        } else {
          this.rowsByKey.delete(key);
          table.delete(row, now);
        }
        return;
      }
      case "discard":
        return;
      default:
        this.config.mode satisfies never;
    }
  }

  onWatermark(): void {}

  finish(): void {
    if (this.table) this.table.writers--;
  }

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([...this.rowsByKey].map(([k, rows]) => [k, rows]));
  }

  restore(state: SqlValue): void {
    this.rowsByKey.clear();
    for (const [k, rows] of state as Map<string, Row[]>) this.rowsByKey.set(k, rows);
  }
}
