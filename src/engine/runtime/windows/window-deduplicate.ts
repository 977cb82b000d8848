import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, Operator } from "../operator.ts";
import { replacesByRowtime } from "../operators/deduplicate.ts";
import { partitionKeyOf } from "../operators/partition-key.ts";
import { sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import type { WindowClock } from "./window-clock.ts";
import { WindowPartitions } from "./window-partitions.ts";

export interface WindowDeduplicateConfig {
  readonly description: string;
  /** Input positions of the partition keys besides the window. */
  readonly partitionKeys: readonly number[];
  /** Input position of window_end, which names a row's window. */
  readonly windowEnd: number;
  /** Input position of the rowtime rows are ordered by. */
  readonly rowtime: number;
  readonly keepLastRow: boolean;
  readonly clock: WindowClock;
  /** Where partitions beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** Name of the state this operator owns, as checkpoints list it. */
export const WINDOW_DEDUPLICATE_STATE = "windows";

/**
 * Window deduplication (Flink's RowTimeWindowDeduplicateOperator): one row per window and partition,
 * replaced by a row with a later or equal rowtime (keep last) or a strictly earlier one (keep first);
 * when the watermark passes a window's end its rows go out as `+I` and the window is forgotten. Rows
 * for a fired window are late and dropped. Output: insert-only.
 *
 * WindowDeduplicate(keep=[LastRow], partitionKeys=[k], orderKey=[ts]), 10 s TUMBLE:
 *   +I[a, 1, ts=00:03], +I[a, 2, ts=00:07], +I[a, 3, ts=00:05], watermark 00:09.999 → +I[a, 2, 00:07]
 */
export class WindowDeduplicateOperator implements Operator {
  readonly description: string;
  private readonly config: WindowDeduplicateConfig;
  private readonly out: Collector;
  private readonly partitions: WindowPartitions<Row>;
  private readonly keyOf: (row: Row) => string;

  constructor(config: WindowDeduplicateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.partitions = new WindowPartitions(config.clock, sqlValueCodec<Row>(), config.spill);
    this.keyOf = partitionKeyOf(config.partitionKeys);
  }

  process(_kind: RowKind, row: Row): void {
    const { windowEnd, rowtime, keepLastRow } = this.config;
    const end = row[windowEnd] as number;
    if (this.partitions.isLate(end)) return;
    const window = this.partitions.of(end);
    const key = this.keyOf(row);
    const kept = window.get(key);
    if (!kept || replacesByRowtime(kept, row, rowtime, keepLastRow)) window.set(key, row.slice());
  }

  onWatermark(timestamp: number): void {
    this.partitions.fire(timestamp, (window) => {
      for (const row of window) this.out.collect("+I", row);
    });
    this.out.watermark(timestamp);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([[WINDOW_DEDUPLICATE_STATE, this.partitions.snapshot()]]);
  }

  restore(state: SqlValue): void {
    const windows = (state as Map<SqlValue, SqlValue>).get(WINDOW_DEDUPLICATE_STATE)!;
    this.partitions.restore(windows);
  }
}
