import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { Collector, Operator } from "../operator.ts";
import { KeyedTimers } from "../time/keyed-timers.ts";
import type { RowComparator } from "./row-comparator.ts";

export interface TemporalSortConfig {
  readonly description: string;
  readonly time: TimeAttribute;
  /** Input position of the rowtime (event-time sort). */
  readonly rowtime: number;
  /** The ORDER BY keys after the time attribute, for rows of one timestamp. */
  readonly order: RowComparator;
  /** Processing time, epoch milliseconds. */
  readonly clock: () => number;
}

/** Names of the state these operators own, as checkpoints list it. */
export const TEMPORAL_SORT_STATE = "buffered";

/**
 * ORDER BY a time attribute ascending on a stream (Flink's RowTimeSortOperator and
 * ProcTimeSortOperator), insert-only in and out.
 *
 * TemporalSort(orderBy=[ts ASC]): +I[b, ts=2], +I[a, ts=1], watermark 2 → +I[a, 1], +I[b, 2]
 */
export function createTemporalSort(config: TemporalSortConfig, out: Collector): Operator {
  return config.time === "rowtime" ? new RowtimeSort(config, out) : new ProctimeSort(config, out);
}

/**
 * Rows wait until the watermark passes their timestamp, then go out timestamp by timestamp, rows of
 * one timestamp by the other ORDER BY keys (arrival order on ties). A row at or before the last
 * timestamp emitted is late and dropped.
 */
class RowtimeSort implements Operator {
  readonly description: string;
  private readonly config: TemporalSortConfig;
  private readonly out: Collector;
  private readonly timers = new KeyedTimers();
  private readonly buffered = new Map<number, Row[]>();
  private lastFired: number | undefined;

  constructor(config: TemporalSortConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
  }

  process(_kind: RowKind, row: Row): void {
    const time = row[this.config.rowtime] as number;
    if (this.lastFired !== undefined && time <= this.lastFired) return;
    const rows = this.buffered.get(time);
    if (rows) rows.push(row.slice());
    else {
      this.buffered.set(time, [row.slice()]);
      this.timers.register("", time);
    }
  }

  onWatermark(timestamp: number): void {
    this.timers.fire(timestamp, (_key, time) => {
      const rows = this.buffered.get(time);
      if (!rows) return;
      this.buffered.delete(time);
      emitSorted(rows, this.config.order, this.out);
      this.lastFired = time;
    });
    this.out.watermark(timestamp);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([
      [TEMPORAL_SORT_STATE, new Map<SqlValue, SqlValue>(this.buffered)],
      ["timers", this.timers.snapshot()],
      ["lastFired", this.lastFired ?? null],
    ]);
  }

  restore(state: SqlValue): void {
    const s = state as Map<SqlValue, SqlValue>;
    this.buffered.clear();
    for (const [time, rows] of s.get(TEMPORAL_SORT_STATE) as Map<number, Row[]>)
      this.buffered.set(time, rows);
    this.timers.restore(s.get("timers")!);
    this.lastFired = (s.get("lastFired") as number | null) ?? undefined;
  }
}

/**
 * Rows wait for the next millisecond of processing time, then go out sorted by the other ORDER BY
 * keys. As in Flink, rows still waiting when the input ends are not emitted.
 */
class ProctimeSort implements Operator {
  readonly description: string;
  private readonly config: TemporalSortConfig;
  private readonly out: Collector;
  private readonly timers = new KeyedTimers();
  private buffered: Row[] = [];

  constructor(config: TemporalSortConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
  }

  process(_kind: RowKind, row: Row): void {
    this.buffered.push(row.slice());
    this.timers.register("", this.config.clock() + 1);
  }

  onProcessingTime(now: number): void {
    this.timers.fire(now, () => {
      const rows = this.buffered;
      this.buffered = [];
      emitSorted(rows, this.config.order, this.out);
    });
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([
      [TEMPORAL_SORT_STATE, this.buffered],
      ["timers", this.timers.snapshot()],
    ]);
  }

  restore(state: SqlValue): void {
    const s = state as Map<SqlValue, SqlValue>;
    this.buffered = [...(s.get(TEMPORAL_SORT_STATE) as Row[])];
    this.timers.restore(s.get("timers")!);
  }
}

function emitSorted(rows: Row[], order: RowComparator, out: Collector): void {
  rows.sort(order);
  for (const row of rows) out.collect("+I", row);
}
