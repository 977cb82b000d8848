import { isAccumulate, type RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { Collector, Operator } from "../../operator.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { TimerQueue } from "../../time/timer-queue.ts";
import { MAX_WATERMARK } from "../../time/watermark.ts";
import { encodedJoinKey, hasNullKey, joinRows, type KeyColumns } from "./join-matcher.ts";

export interface TemporalJoinConfig {
  readonly description: string;
  readonly leftKey: KeyColumns;
  readonly rightKey: KeyColumns;
  readonly leftOuter: boolean;
  readonly leftWidth: number;
  readonly rightWidth: number;
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
  readonly condition?: CompiledPredicate;
  /** Where keys' versions and waiting rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** A row as it arrived, with its kind: the left's kind is the output's, a version's says whether it exists. */
type Change = [RowKind, Row];

/** One join key's state: left rows waiting for the watermark (by arrival), versions by rowtime. */
interface KeyState {
  readonly left: Map<number, Change>;
  nextLeft: number;
  readonly versions: Map<number, Change>;
  timer: number | undefined;
}

/** Names of the state this operator owns, as checkpoints list it. */
export const TEMPORAL_JOIN_STATE = { keys: "keys", timers: "timers" } as const;

/**
 * The event-time temporal join (Flink's TemporalRowTimeJoinOperator): left rows wait until the
 * watermark passes their rowtime, then each joins the version of the right row (same key) with the
 * latest rowtime not after its own — unless that version is a deletion — in arrival order, with the
 * left row's kind. A LEFT join pads the rows without version. Versions older than the one valid at
 * the watermark are dropped; one version per rowtime (a later one at the same time replaces it).
 *
 * TemporalJoin(InnerJoin): right +I[EUR, 1.1, t=0], +U[EUR, 1.2, t=10]; left +I[o1, EUR, t=5],
 *   +I[o2, EUR, t=12]; watermark 12 → +I[o1, EUR, 1.1], +I[o2, EUR, 1.2]
 */
export class TemporalJoinOperator implements Operator {
  readonly description: string;
  private readonly config: TemporalJoinConfig;
  private readonly ctx: EvalContext;
  private readonly out: Collector;
  private readonly keys: SpillableMap<string, KeyState>;
  private readonly timers = new TimerQueue();
  private readonly rightNulls: Row;
  private readonly scratch: Row;

  constructor(config: TemporalJoinConfig, ctx: EvalContext, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.ctx = ctx;
    this.out = out;
    this.keys = new SpillableMap(KEY_STATE_CODEC, config.spill);
    this.rightNulls = new Array<SqlValue>(config.rightWidth).fill(null);
    this.scratch = new Array<SqlValue>(config.leftWidth + config.rightWidth).fill(null);
  }

  process(kind: RowKind, row: Row, input: number): void {
    const c = this.config;
    const left = input === 0;
    const time = row[left ? c.leftTimeIndex : c.rightTimeIndex];
    if (typeof time !== "number") return;
    const key = encodedJoinKey(row, left ? c.leftKey : c.rightKey);
    const state = this.state(key);
    if (left) state.left.set(state.nextLeft++, [kind, row.slice()]);
    else state.versions.set(time, [kind, row.slice()]);
    this.registerSmallestTimer(key, state, time);
  }

  onWatermark(timestamp: number): void {
    for (let timer = this.timers.next(timestamp); timer; timer = this.timers.next(timestamp)) {
      const state = this.keys.get(timer.key);
      if (!state || state.timer !== timer.time) continue;
      state.timer = undefined;
      const lastUnprocessed = this.emitAndCleanUp(state, timestamp);
      if (lastUnprocessed < MAX_WATERMARK) this.registerTimer(timer.key, state, lastUnprocessed);
      if (state.left.size === 0 && state.versions.size === 0 && state.timer === undefined)
        this.keys.delete(timer.key);
    }
    this.out.watermark(timestamp);
  }

  /** Emits the left rows the watermark passed; returns the earliest rowtime still waiting. */
  private emitAndCleanUp(state: KeyState, watermark: number): number {
    const c = this.config;
    const versions = [...state.versions.values()].sort(
      (a, b) => (a[1][c.rightTimeIndex] as number) - (b[1][c.rightTimeIndex] as number),
    );
    let lastUnprocessed = MAX_WATERMARK;
    const ready: Change[] = [];
    for (const [seq, change] of state.left) {
      const time = change[1][c.leftTimeIndex] as number;
      if (time <= watermark) {
        ready.push(change);
        state.left.delete(seq);
      } else if (time < lastUnprocessed) lastUnprocessed = time;
    }
    for (const [kind, row] of ready) {
      const version = hasNullKey(row, c.leftKey)
        ? undefined
        : latestAtOrBefore(versions, row[c.leftTimeIndex] as number, c.rightTimeIndex);
      if (version && isAccumulate(version[0]) && this.matches(row, version[1]))
        this.out.collect(kind, joinRows(row, version[1]));
      else if (c.leftOuter) this.out.collect(kind, joinRows(row, this.rightNulls));
    }
    // Keep the version valid at the watermark and the later ones.
    let keep = versions.findIndex((v) => (v[1][c.rightTimeIndex] as number) > watermark);
    keep = keep < 0 ? versions.length - 1 : keep - 1;
    for (let i = 0; i < keep; i++) state.versions.delete(versions[i]![1][c.rightTimeIndex] as number);
    return lastUnprocessed;
  }

  private matches(left: Row, right: Row): boolean {
    const condition = this.config.condition;
    if (!condition) return true;
    const scratch = this.scratch;
    for (let i = 0; i < left.length; i++) scratch[i] = left[i]!;
    for (let i = 0; i < right.length; i++) scratch[left.length + i] = right[i]!;
    return condition(scratch, this.ctx);
  }

  private registerSmallestTimer(key: string, state: KeyState, time: number): void {
    if (state.timer === undefined) this.registerTimer(key, state, time);
    else if (state.timer > time) {
      this.timers.delete(state.timer, key);
      this.registerTimer(key, state, time);
    }
  }

  private registerTimer(key: string, state: KeyState, time: number): void {
    state.timer = time;
    this.timers.register(time, key);
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { left: new Map(), nextLeft: 0, versions: new Map(), timer: undefined };
      this.keys.set(key, state);
    }
    return state;
  }

  finish(): void {}

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>([
      [TEMPORAL_JOIN_STATE.keys, this.keys.checkpointView()],
      [TEMPORAL_JOIN_STATE.timers, this.timers.snapshot()],
    ]);
  }

  restore(state: SqlValue): void {
    const map = state as Map<string, SqlValue>;
    this.keys.clear();
    for (const [key, saved] of map.get(TEMPORAL_JOIN_STATE.keys) as Map<string, SqlValue>)
      this.keys.set(key, KEY_STATE_CODEC.decode(saved));
    this.timers.restore(map.get(TEMPORAL_JOIN_STATE.timers)!);
  }
}

/** A key's state as checkpoints and spill files hold it: `[left rows by arrival, next arrival, versions by rowtime, timer]`. */
const KEY_STATE_CODEC: StateCodec<KeyState> = {
  encode: (s) => [[...s.left], s.nextLeft, [...s.versions], s.timer ?? null],
  decode: (saved) => {
    const [left, nextLeft, versions, timer] = saved as [
      [number, Change][],
      number,
      [number, Change][],
      number | null,
    ];
    return { left: new Map(left), nextLeft, versions: new Map(versions), timer: timer ?? undefined };
  },
};

/** The version with the latest rowtime not after `time` (versions sorted by rowtime), if any. */
function latestAtOrBefore(versions: readonly Change[], time: number, timeIndex: number): Change | undefined {
  let low = 0;
  let high = versions.length - 1;
  let found: Change | undefined;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const t = versions[mid]![1][timeIndex] as number;
    if (t <= time) {
      found = versions[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
