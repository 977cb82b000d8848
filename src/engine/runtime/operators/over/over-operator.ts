import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { Collector, Operator } from "../../operator.ts";
import { IdleStateRetention } from "../../state/idle-state-retention.ts";
import { SpillableMap } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { KeyedTimers } from "../../time/keyed-timers.ts";
import { NO_WATERMARK } from "../../time/watermark.ts";
import { partitionKeyOf } from "../partition-key.ts";
import type { OverAccumulators } from "./over-accumulators.ts";

export interface OverConfig {
  readonly description: string;
  readonly partitionKeys: readonly number[];
  readonly accumulators: OverAccumulators;
  /** Input position of the rowtime (event-time windows). */
  readonly rowtime: number;
  /**
   * The frame's reach: rows in the window including the current one (ROWS N PRECEDING is N + 1), or
   * milliseconds back from the current row's time (RANGE).
   */
  readonly preceding: number;
  /** Processing time, epoch milliseconds. */
  readonly clock: () => number;
  /** Where partitions beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
  /** How long an idle partition is kept under `table.exec.state.ttl` (none: kept until it empties). */
  readonly retention?: OverRetention;
}

/** A partition idle `cleanupMs` is dropped; rows within `ttlMs` of the last cleanup move it on. */
export interface OverRetention {
  readonly ttlMs: number;
  readonly cleanupMs: number;
}

/** Names of the state these operators own, as checkpoints list it. */
export const OVER_STATE = "partitions";
const RETENTION_STATE = "written";

/**
 * What every OVER aggregation operator shares: state per partition key, timers per key (event-time
 * ones fire on the watermark, processing-time ones on the clock), and the plumbing. Each subclass is
 * one of Flink's over functions and says how a row is taken in and what a timer does.
 *
 * Partitions live in a SpillableMap: past the memory budget the least recently used go to disk in
 * their snapshot form and come back when a row or a timer of theirs arrives. Timers stay in memory
 * and name their partition by key, since a state object that went to disk and came back is a new one.
 */
export abstract class OverOperator<State> implements Operator {
  readonly description: string;
  protected readonly config: OverConfig;
  protected readonly out: Collector;
  protected readonly partitions: SpillableMap<string, State>;
  protected readonly timers = new KeyedTimers();
  protected watermark = NO_WATERMARK;
  private readonly keyOf: (row: Row) => string;
  private readonly retention: IdleStateRetention<string> | undefined;

  constructor(config: OverConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.keyOf = partitionKeyOf(config.partitionKeys);
    this.partitions = new SpillableMap<string, State>(
      { encode: (state) => this.snapshotState(state), decode: (saved) => this.restoreState(saved) },
      config.spill,
    );
    const retention = config.retention;
    if (retention) this.retention = new IdleStateRetention<string>(retention.ttlMs, retention.cleanupMs);
  }

  /**
   * Flink's over functions register a processing-time cleanup timer per key on every row and timer
   * of theirs, and clear the key's state when it fires: a partition idle for the state TTL starts over.
   */
  process(_kind: RowKind, row: Row): void {
    const key = this.keyOf(row);
    if (this.retention) {
      this.retention.advance(this.config.clock());
      if (this.retention.expired(key)) this.expire(key);
    }
    this.accept(key, this.stateOf(key), row);
    this.retention?.written(key);
  }

  /** Drops the partitions idle past the state TTL; subclasses with clock timers fire those first. */
  onProcessingTime(now: number): void {
    if (!this.retention) return;
    this.retention.advance(now);
    for (const key of this.retention.expiredKeys()) this.expire(key);
  }

  /**
   * The partition's cleanup time came: its state goes, unless rows still wait for the watermark —
   * Flink's event-time functions then keep it and register the next cleanup instead.
   */
  private expire(key: string): void {
    if (this.waitsForWatermark(key)) {
      this.retention!.written(key);
      return;
    }
    this.partitions.delete(key);
    this.retention!.forget(key);
  }

  /**
   * Whether the partition holds rows not emitted yet. Only event-time operators can, and only they
   * read the state for it: a processing-time partition expiring on disk is deleted, not loaded.
   */
  protected waitsForWatermark(_key: string): boolean {
    return false;
  }

  /** A timer of the partition ran: like a row, it keeps the partition alive. */
  protected timerRan(key: string): void {
    this.retention?.written(key);
  }

  protected stateOf(key: string): State {
    let state = this.partitions.get(key);
    if (!state) {
      state = this.createState();
      this.partitions.set(key, state);
    }
    return state;
  }

  /** Event time: advance, fire the due timers, then pass the watermark on. */
  onWatermark(timestamp: number): void {
    this.watermark = timestamp;
    this.fireTimers(timestamp);
    this.out.watermark(timestamp);
  }

  /** Runs the event-time timers due at `timestamp`; an operator with its own timers overrides the three hooks. */
  protected fireTimers(timestamp: number): void {
    this.timers.fire(timestamp, (key, time) => this.runTimer(key, time));
  }

  /** Runs one timer of a partition on its state. */
  protected runTimer(key: string, time: number): void {
    this.onTimer(key, time, this.stateOf(key));
    this.timerRan(key);
  }

  protected snapshotTimers(): SqlValue {
    return this.timers.snapshot();
  }

  /** Called after the partitions are restored. */
  protected restoreTimers(snapshot: SqlValue): void {
    this.timers.restore(snapshot);
  }

  finish(): void {}

  protected abstract createState(): State;
  protected abstract accept(key: string, state: State, row: Row): void;
  protected abstract onTimer(key: string, time: number, state: State): void;
  protected abstract snapshotState(state: State): SqlValue;
  protected abstract restoreState(snapshot: SqlValue): State;

  /** Emits the row followed by the calls' values. */
  protected emit(row: Row, values: readonly SqlValue[]): void {
    this.out.collect("+I", this.config.accumulators.output(row, values));
  }

  snapshot(): SqlValue {
    const state = new Map<SqlValue, SqlValue>([
      [OVER_STATE, this.partitions.checkpointView()],
      ["timers", this.snapshotTimers()],
      ["watermark", this.watermark],
    ]);
    if (this.retention) state.set(RETENTION_STATE, this.retention.snapshot());
    return state;
  }

  restore(snapshot: SqlValue): void {
    const s = snapshot as Map<SqlValue, SqlValue>;
    this.partitions.clear();
    for (const [key, state] of s.get(OVER_STATE) as Map<string, SqlValue>)
      this.partitions.set(key, this.restoreState(state));
    this.restoreTimers(s.get("timers")!);
    this.watermark = s.get("watermark") as number;
    const written = s.get(RETENTION_STATE);
    if (this.retention && written !== undefined) this.retention.restore(written);
  }
}

/** Rows waiting by timestamp, in a snapshot-friendly form. */
export function snapshotRows(rows: Map<number, Row[]>): SqlValue {
  return new Map<SqlValue, SqlValue>(rows);
}

export function restoreRows(snapshot: SqlValue): Map<number, Row[]> {
  return new Map([...(snapshot as Map<number, Row[]>)].map(([t, rows]) => [t, [...rows]]));
}
