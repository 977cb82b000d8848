import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { SinkWriter } from "../../../connectors/index.ts";
import { encodeKey } from "../../../store/index.ts";
import { valuesEqual } from "../expr/index.ts";
import type { Operator } from "../operator.ts";
import { SpillableMap, sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";

/**
 * How rows reach the table:
 * - `append`: insert-only input, every row written as `+I`;
 * - `upsert`: the input's upsert key is within the primary key: `+I`/`+U` replace by key, `-U` and
 *   `-D` delete;
 * - `materialize`: a retract input whose rows may share a primary key: Flink's SinkUpsertMaterializer
 *   keeps every live row per key and writes the last one added (or deletes the key);
 * - `retract`: every change written as it comes (print, a retract topic);
 * - `discard`: nothing written (`'connector' = 'blackhole'`).
 */
export type TableSinkMode = "append" | "upsert" | "materialize" | "retract" | "discard";

export interface TableSinkConfig {
  readonly description: string;
  readonly mode: TableSinkMode;
  /** Row positions of the primary key (materialize mode). */
  readonly primaryKey?: readonly number[];
  /** Where the materializer's keys beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/**
 * INSERT INTO a table: applies the sink mode and hands each resulting change to the table's writer.
 *
 * Sink with PRIMARY KEY (k), materialize: +I[a, 1], +I[a, 2], -D[a, 2] → writes +I[a, 1], +U[a, 2], +U[a, 1]
 */
export class TableSink implements Operator {
  readonly description: string;
  private readonly config: TableSinkConfig;
  private readonly writer: SinkWriter | undefined;
  /** materialize mode: the live rows per key, oldest first; past the memory budget, on disk. */
  private readonly rowsByKey: SpillableMap<string, Row[]>;

  constructor(config: TableSinkConfig, writer: SinkWriter | undefined) {
    this.description = config.description;
    this.config = config;
    this.writer = writer;
    this.rowsByKey = new SpillableMap(sqlValueCodec<Row[]>(), config.spill);
  }

  process(kind: RowKind, row: Row): void {
    const writer = this.writer;
    if (!writer) return;
    const add = kind === "+I" || kind === "+U";
    switch (this.config.mode) {
      case "append":
        writer.write("+I", row);
        return;
      case "upsert":
        // `-U` deletes by key like `-D`, as Flink's upsert sinks write a tombstone for it: the `+U`
        // that follows may carry another key, or none at all when a filter dropped it.
        if (add) writer.write(kind, row);
        else writer.write("-D", row);
        return;
      case "materialize": {
        const key = encodeKey(this.config.primaryKey!.map((k) => row[k]!));
        const kept = this.rowsByKey.get(key);
        const rows = kept ?? [];
        const before = rows.length;
        if (add) rows.push(row);
        else {
          const at = rows.findLastIndex((r) => r.every((v, i) => valuesEqual(v, row[i]!)));
          if (at >= 0) rows.splice(at, 1);
        }
        if (rows.length > 0) {
          // A list already kept was changed in place (and is in memory, just read).
          if (!kept) this.rowsByKey.set(key, rows);
          writer.write(before === 0 ? "+I" : "+U", rows[rows.length - 1]!);
        } else {
          this.rowsByKey.delete(key);
          if (before > 0) writer.write("-D", row);
        }
        return;
      }
      case "retract":
        writer.write(kind, row);
        return;
      case "discard":
        return;
      default:
        this.config.mode satisfies never;
    }
  }

  onWatermark(): void {}

  finish(): void {
    this.writer?.finish?.();
  }

  /**
   * Only the materializer keeps state; other modes have none (null), so a checkpoint says so. Its
   * state is keyed: a view, so an incremental checkpoint writes only the keys written since the last.
   */
  snapshot(): SqlValue {
    if (this.config.mode !== "materialize") return null;
    return this.rowsByKey.checkpointView();
  }

  restore(state: SqlValue): void {
    this.rowsByKey.clear();
    if (state === null) return;
    for (const [k, rows] of state as Map<string, Row[]>) this.rowsByKey.set(k, rows);
  }
}
