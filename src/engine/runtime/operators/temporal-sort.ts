import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { Collector, Operator } from "../operator.ts";
import { SpillableMap, sqlValueCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
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
  /** Where waiting rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
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
 * timestamp emitted is late and dropped. The rows of a timestamp are one entry of a SpillableMap:
 * past the memory budget the timestamps used least recently wait on disk, and a fired timestamp
 * takes its rows from wherever they are.
 */
class RowtimeSort implements Operator {
  readonly description: string;
  private readonly config: TemporalSortConfig;
  private readonly out: Collector;
  private readonly timers = new KeyedTimers();
  private readonly buffered: SpillableMap<number, Row[]>;
  private lastFired: number | undefined;

  constructor(config: TemporalSortConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.buffered = new SpillableMap(sqlValueCodec<Row[]>(), config.spill);
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
      const rows = this.buffered.take(time);
      if (!rows) return;
      emitSorted(rows, this.config.order, this.out);
      this.lastFired = time;
    });
    this.out.watermark(timestamp);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([
      [TEMPORAL_SORT_STATE, this.buffered.checkpointView()],
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

/** Rows per entry of the processing-time sort's buffer: the unit that goes to disk and back. */
const CHUNK_ROWS = 16;

/**
 * Rows wait for the next millisecond of processing time, then go out sorted by the other ORDER BY
 * keys. As in Flink, rows still waiting when the input ends are not emitted. Waiting rows are kept
 * in chunks of arrival order in a SpillableMap, so a burst within one millisecond that outgrows the
 * memory budget waits on disk; the chunks come back together when their timer fires.
 */
class ProctimeSort implements Operator {
  readonly description: string;
  private readonly config: TemporalSortConfig;
  private readonly out: Collector;
  private readonly timers = new KeyedTimers();
  /** Chunks of waiting rows by their number, `0` to `chunks - 1` in arrival order. */
  private readonly buffered: SpillableMap<number, Row[]>;
  private chunks = 0;

  constructor(config: TemporalSortConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.buffered = new SpillableMap(sqlValueCodec<Row[]>(), config.spill);
  }

  process(_kind: RowKind, row: Row): void {
    this.buffer(row.slice());
    this.timers.register("", this.config.clock() + 1);
  }

  private buffer(row: Row): void {
    const last = this.chunks > 0 ? this.buffered.get(this.chunks - 1) : undefined;
    if (last && last.length < CHUNK_ROWS) last.push(row);
    else this.buffered.set(this.chunks++, [row]);
  }

  /** Every waiting row in arrival order, leaving none. */
  private takeAll(): Row[] {
    const rows: Row[] = [];
    for (let chunk = 0; chunk < this.chunks; chunk++)
      for (const row of this.buffered.take(chunk)!) rows.push(row);
    this.chunks = 0;
    return rows;
  }

  onProcessingTime(now: number): void {
    this.timers.fire(now, () => emitSorted(this.takeAll(), this.config.order, this.out));
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }

  finish(): void {}

  /** The waiting rows as one list in arrival order, whatever the chunks (read without loading them). */
  snapshot(): SqlValue {
    const chunks = new Map(this.buffered.entries());
    const rows: Row[] = [];
    for (let chunk = 0; chunk < this.chunks; chunk++) rows.push(...chunks.get(chunk)!);
    return new Map<SqlValue, SqlValue>([
      [TEMPORAL_SORT_STATE, rows],
      ["timers", this.timers.snapshot()],
    ]);
  }

  restore(state: SqlValue): void {
    const s = state as Map<SqlValue, SqlValue>;
    this.buffered.clear();
    this.chunks = 0;
    for (const row of s.get(TEMPORAL_SORT_STATE) as Row[]) this.buffer(row);
    this.timers.restore(s.get("timers")!);
  }
}

function emitSorted(rows: Row[], order: RowComparator, out: Collector): void {
  rows.sort(order);
  for (const row of rows) out.collect("+I", row);
}
