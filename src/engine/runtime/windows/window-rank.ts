import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, Operator } from "../operator.ts";
import { partitionKeyOf } from "../operators/partition-key.ts";
import type { RowComparator } from "../operators/row-comparator.ts";
import { sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import type { WindowClock } from "./window-clock.ts";
import { WindowPartitions } from "./window-partitions.ts";

export interface WindowRankConfig {
  readonly description: string;
  /** Input positions of the partition keys besides the window. */
  readonly partitionKeys: readonly number[];
  /** Input position of window_end, which names a row's window. */
  readonly windowEnd: number;
  readonly compare: RowComparator;
  readonly rankStart: number;
  readonly rankEnd: number;
  readonly outputRankNumber: boolean;
  readonly clock: WindowClock;
  /** Where partitions beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** Name of the state this operator owns, as checkpoints list it. */
export const WINDOW_RANK_STATE = "windows";

/**
 * Window Top-N (Flink's WindowRankOperator with its WindowRankProcessor): rows are kept per window
 * and partition, sorted by the order keys (ties in arrival order), at most `rankEnd` of them; when
 * the watermark passes a window's end, ranks `rankStart..rankEnd` of each partition go out as `+I`,
 * with their ROW_NUMBER when asked, and the window is forgotten. Rows for a fired window are late
 * and dropped. Output: insert-only.
 *
 * WindowRank(rankRange=[rankStart=1, rankEnd=2], partitionBy=[k], orderBy=[v DESC]), 10 s TUMBLE:
 *   +I[a, 1, 00:00-00:10], +I[a, 3, 00:00-00:10], +I[a, 2, 00:00-00:10], watermark 00:09.999
 *   → +I[a, 3, 00:00-00:10, 1], +I[a, 2, 00:00-00:10, 2]
 */
export class WindowRankOperator implements Operator {
  readonly description: string;
  private readonly config: WindowRankConfig;
  private readonly out: Collector;
  private readonly partitions: WindowPartitions<Row[]>;
  private readonly keyOf: (row: Row) => string;

  constructor(config: WindowRankConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.partitions = new WindowPartitions(config.clock, sqlValueCodec<Row[]>(), config.spill);
    this.keyOf = partitionKeyOf(config.partitionKeys);
  }

  process(_kind: RowKind, row: Row): void {
    const end = row[this.config.windowEnd] as number;
    if (this.partitions.isLate(end)) return;
    const window = this.partitions.of(end);
    const key = this.keyOf(row);
    let top = window.get(key);
    if (!top) {
      top = [];
      window.set(key, top);
    }
    insertRanked(top, row, this.config.compare, this.config.rankEnd);
  }

  onWatermark(timestamp: number): void {
    const { rankStart, outputRankNumber } = this.config;
    this.partitions.fire(timestamp, (window) => {
      for (const top of window)
        for (let rank = rankStart; rank <= top.length; rank++) {
          const row = top[rank - 1]!;
          this.out.collect("+I", outputRankNumber ? [...row, rank] : row);
        }
    });
    this.out.watermark(timestamp);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([[WINDOW_RANK_STATE, this.partitions.snapshot()]]);
  }

  restore(state: SqlValue): void {
    const windows = (state as Map<SqlValue, SqlValue>).get(WINDOW_RANK_STATE)!;
    this.partitions.restore(windows);
  }
}

/**
 * Inserts a copy of `row` after the rows it ties with (a stable sort keeps arrival order among equal
 * keys, as Flink's TopNBuffer lists do) and keeps the first `limit` rows: later ones can never rank.
 */
function insertRanked(top: Row[], row: Row, compare: RowComparator, limit: number): void {
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(top[mid]!, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= limit) return;
  top.splice(lo, 0, row.slice());
  if (top.length > limit) top.pop();
}
