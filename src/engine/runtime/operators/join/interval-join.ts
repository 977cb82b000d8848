import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { TimerQueue } from "../../time/timer-queue.ts";
import { MAX_WATERMARK, NO_WATERMARK } from "../../time/watermark.ts";
import { encodedJoinKey, hasNullKey, joinRows, type KeyColumns } from "./join-matcher.ts";

export interface IntervalJoinConfig {
  readonly description: string;
  readonly leftKey: KeyColumns;
  readonly rightKey: KeyColumns;
  readonly leftOuter: boolean;
  readonly rightOuter: boolean;
  readonly leftWidth: number;
  readonly rightWidth: number;
  /** left.time ∈ [right.time + lower, right.time + upper] */
  readonly leftLowerBound: number;
  readonly leftUpperBound: number;
  /** Event time (the rows' time attributes, watermarks) or processing time (the clock). */
  readonly rowTime: boolean;
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
  readonly condition?: CompiledPredicate;
  /** Where keys' cached rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** A cached row and whether it has joined a row yet (an outer row without match is padded at expiry). */
type Cached = [Row, boolean];

/** One join key's state: rows by time, and the pending cleanup timer of each cache. */
interface KeyState {
  readonly left: Map<number, Cached[]>;
  readonly right: Map<number, Cached[]>;
  leftCleanup: number | undefined;
  rightCleanup: number | undefined;
}

/** Names of the state this operator owns, as checkpoints list it. */
export const INTERVAL_JOIN_STATE = { keys: "keys", timers: "timers", expiration: "expiration" } as const;

/**
 * The interval join (Flink's TimeIntervalJoin with its row-time and processing-time variants). A row
 * joins the other side's cached rows whose time fits its window, and is cached as long as the other
 * side's time (the watermark, or the clock) can still bring a match; a cleanup timer per key and side
 * drops expired rows and, for an outer side, emits the rows that never matched padded with NULLs. The
 * output watermark is held back by the longer window side, so padded rows are never late.
 *
 * IntervalJoin(LeftOuterJoin, leftLowerBound=-10, leftUpperBound=0): left +I[a, t=5] caches;
 *   right +I[a, t=8] → +I[a, 5, a, 8]; left +I[a, t=30] caches; watermark 45 → +I[a, 30, NULL, NULL]
 */
export class IntervalJoinOperator implements Operator {
  readonly description: string;
  private readonly config: IntervalJoinConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly keys: SpillableMap<string, KeyState>;
  private readonly timers = new TimerQueue();
  /** How far a left row's window reaches back / forward in right time (Flink's relative sizes). */
  private readonly leftRelativeSize: number;
  private readonly rightRelativeSize: number;
  private readonly leftNulls: Row;
  private readonly rightNulls: Row;
  private readonly scratch: Row;
  /**
   * Operator-wide approximations of the caches' oldest times (Flink keeps them per operator). Flink
   * starts them at 0, which behaves the same for any real (positive) time; starting lower keeps a
   * processing-time join sensible under a test clock standing at 0.
   */
  private leftExpirationTime = NO_WATERMARK;
  private rightExpirationTime = NO_WATERMARK;
  private operatorTime = 0;

  constructor(config: IntervalJoinConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
    this.keys = new SpillableMap(KEY_STATE_CODEC, config.spill);
    this.leftRelativeSize = -config.leftLowerBound;
    this.rightRelativeSize = config.leftUpperBound;
    this.leftNulls = new Array<SqlValue>(config.leftWidth).fill(null);
    this.rightNulls = new Array<SqlValue>(config.rightWidth).fill(null);
    this.scratch = new Array<SqlValue>(config.leftWidth + config.rightWidth).fill(null);
  }

  process(_kind: RowKind, row: Row, input: number): void {
    if (!this.config.rowTime) this.operatorTime = this.ctx.currentTimestamp();
    if (input === 0) this.processLeft(row);
    else this.processRight(row);
  }

  private processLeft(leftRow: Row): void {
    const c = this.config;
    const time = this.timeOf(leftRow, c.leftTimeIndex);
    if (time === undefined || hasNullKey(leftRow, c.leftKey)) {
      if (c.leftOuter) this.out.collect("+I", joinRows(leftRow, this.rightNulls));
      return;
    }
    const key = encodedJoinKey(leftRow, c.leftKey);
    const state = this.state(key);
    const lower = time - this.rightRelativeSize;
    const upper = time + this.leftRelativeSize;
    let emitted = false;
    if (this.rightExpirationTime < upper) {
      this.rightExpirationTime = this.expirationTime(this.rightRelativeSize);
      for (const [rightTime, rows] of state.right) {
        if (rightTime >= lower && rightTime <= upper) {
          for (const cached of rows) {
            const joined = this.join(leftRow, cached[0]);
            emitted ||= joined;
            if (joined && c.rightOuter) cached[1] = true;
          }
        }
        if (rightTime <= this.rightExpirationTime) {
          if (c.rightOuter) this.padUnmatched(rows, false);
          state.right.delete(rightTime);
        }
      }
    }
    if (this.operatorTime < upper) {
      push(state.left, time, [leftRow.slice(), emitted]);
      if (state.leftCleanup === undefined) this.registerCleanup(key, state, time, true);
    } else if (!emitted && c.leftOuter) {
      this.out.collect("+I", joinRows(leftRow, this.rightNulls));
    }
    this.dropIfEmpty(key, state);
  }

  private processRight(rightRow: Row): void {
    const c = this.config;
    const time = this.timeOf(rightRow, c.rightTimeIndex);
    if (time === undefined || hasNullKey(rightRow, c.rightKey)) {
      if (c.rightOuter) this.out.collect("+I", joinRows(this.leftNulls, rightRow));
      return;
    }
    const key = encodedJoinKey(rightRow, c.rightKey);
    const state = this.state(key);
    const lower = time - this.leftRelativeSize;
    const upper = time + this.rightRelativeSize;
    let emitted = false;
    if (this.leftExpirationTime < upper) {
      this.leftExpirationTime = this.expirationTime(this.leftRelativeSize);
      for (const [leftTime, rows] of state.left) {
        if (leftTime >= lower && leftTime <= upper) {
          for (const cached of rows) {
            const joined = this.join(cached[0], rightRow);
            emitted ||= joined;
            if (joined && c.leftOuter) cached[1] = true;
          }
        }
        if (leftTime <= this.leftExpirationTime) {
          if (c.leftOuter) this.padUnmatched(rows, true);
          state.left.delete(leftTime);
        }
      }
    }
    if (this.operatorTime < upper) {
      push(state.right, time, [rightRow.slice(), emitted]);
      if (state.rightCleanup === undefined) this.registerCleanup(key, state, time, false);
    } else if (!emitted && c.rightOuter) {
      this.out.collect("+I", joinRows(this.leftNulls, rightRow));
    }
    this.dropIfEmpty(key, state);
  }

  /** Emits the joined row if the rest of the condition holds; whether it did. */
  private join(left: Row, right: Row): boolean {
    const condition = this.config.condition;
    if (condition) {
      const scratch = this.scratch;
      for (let i = 0; i < left.length; i++) scratch[i] = left[i]!;
      for (let i = 0; i < right.length; i++) scratch[left.length + i] = right[i]!;
      if (!condition(scratch, this.ctx)) return false;
    }
    this.out.collect("+I", joinRows(left, right));
    return true;
  }

  private padUnmatched(rows: readonly Cached[], left: boolean): void {
    for (const [row, matched] of rows) {
      if (matched) continue;
      this.out.collect("+I", left ? joinRows(row, this.rightNulls) : joinRows(this.leftNulls, row));
    }
  }

  onWatermark(timestamp: number): void {
    if (this.config.rowTime) {
      this.operatorTime = Math.max(timestamp, 0);
      this.fireTimers(timestamp);
      const delay = Math.max(this.leftRelativeSize, this.rightRelativeSize);
      this.out.watermark(timestamp === MAX_WATERMARK ? timestamp : timestamp - delay);
      return;
    }
    this.out.watermark(timestamp);
  }

  onProcessingTime(now: number): void {
    if (this.config.rowTime) return;
    this.operatorTime = now;
    this.fireTimers(now);
  }

  private fireTimers(now: number): void {
    for (let timer = this.timers.next(now); timer; timer = this.timers.next(now)) {
      const state = this.keys.get(timer.key);
      if (!state) continue;
      // A right row's timer cleans the right cache, a left row's the left one (in Flink's order).
      if (state.rightCleanup === timer.time) {
        this.rightExpirationTime = this.expirationTime(this.rightRelativeSize);
        this.removeExpired(timer.key, state, false);
      }
      if (state.leftCleanup === timer.time) {
        this.leftExpirationTime = this.expirationTime(this.leftRelativeSize);
        this.removeExpired(timer.key, state, true);
      }
      this.dropIfEmpty(timer.key, state);
    }
  }

  /** Drops a cache's expired rows (padding unmatched outer rows) and re-arms its timer for the rest. */
  private removeExpired(key: string, state: KeyState, left: boolean): void {
    const cache = left ? state.left : state.right;
    const expiration = left ? this.leftExpirationTime : this.rightExpirationTime;
    const outer = left ? this.config.leftOuter : this.config.rightOuter;
    let earliest = -1;
    for (const [time, rows] of cache) {
      if (time <= expiration) {
        if (outer) this.padUnmatched(rows, left);
        cache.delete(time);
      } else if (time < earliest || earliest < 0) {
        earliest = time;
      }
    }
    if (left) state.leftCleanup = undefined;
    else state.rightCleanup = undefined;
    // As in Flink, a remaining earliest time of 0 or less counts as no rows left.
    if (earliest > 0) this.registerCleanup(key, state, earliest, left);
    else cache.clear();
  }

  private registerCleanup(key: string, state: KeyState, rowTime: number, left: boolean): void {
    const time = rowTime + (left ? this.leftRelativeSize : this.rightRelativeSize) + 1;
    this.timers.register(time, key);
    if (left) state.leftCleanup = time;
    else state.rightCleanup = time;
  }

  /** The time up to which the other side's cache can be cleaned (Flink's calExpirationTime). */
  private expirationTime(relativeSize: number): number {
    return this.operatorTime < MAX_WATERMARK ? this.operatorTime - relativeSize - 1 : MAX_WATERMARK;
  }

  private timeOf(row: Row, index: number): number | undefined {
    if (!this.config.rowTime) return this.operatorTime;
    const time = row[index];
    return typeof time === "number" ? time : undefined;
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { left: new Map(), right: new Map(), leftCleanup: undefined, rightCleanup: undefined };
      this.keys.set(key, state);
    }
    return state;
  }

  private dropIfEmpty(key: string, state: KeyState): void {
    if (
      state.left.size === 0 &&
      state.right.size === 0 &&
      state.leftCleanup === undefined &&
      state.rightCleanup === undefined
    )
      this.keys.delete(key);
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([
      [INTERVAL_JOIN_STATE.keys, this.keys.checkpointView()],
      [INTERVAL_JOIN_STATE.timers, this.timers.snapshot()],
      [
        INTERVAL_JOIN_STATE.expiration,
        [this.leftExpirationTime, this.rightExpirationTime, this.operatorTime],
      ],
    ]);
  }

  restore(state: SqlValue): void {
    const map = state as Map<string, SqlValue>;
    this.keys.clear();
    for (const [key, saved] of map.get(INTERVAL_JOIN_STATE.keys) as Map<string, SqlValue>)
      this.keys.set(key, KEY_STATE_CODEC.decode(saved));
    this.timers.restore(map.get(INTERVAL_JOIN_STATE.timers)!);
    [this.leftExpirationTime, this.rightExpirationTime, this.operatorTime] = map.get(
      INTERVAL_JOIN_STATE.expiration,
    ) as [number, number, number];
  }
}

function push(cache: Map<number, Cached[]>, time: number, entry: Cached): void {
  const rows = cache.get(time);
  if (rows) rows.push(entry);
  else cache.set(time, [entry]);
}

function cacheValue(cache: Map<number, Cached[]>): SqlValue {
  return [...cache].map(([time, rows]) => [time, rows.map(([row, matched]) => [row, matched])]);
}

/** A key's state as checkpoints and spill files hold it: `[left cache, right cache, left timer, right timer]`. */
const KEY_STATE_CODEC: StateCodec<KeyState> = {
  encode: (s) => [cacheValue(s.left), cacheValue(s.right), s.leftCleanup ?? null, s.rightCleanup ?? null],
  decode: (saved) => {
    const [left, right, lc, rc] = saved as [
      [number, Cached[]][],
      [number, Cached[]][],
      number | null,
      number | null,
    ];
    return {
      left: new Map(left),
      right: new Map(right),
      leftCleanup: lc ?? undefined,
      rightCleanup: rc ?? undefined,
    };
  },
};
