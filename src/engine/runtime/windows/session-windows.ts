import type { Row, SqlValue } from "../../../common/value.ts";
import { SpillableMap, type StateCodec } from "../state/spillable-map.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { SortedEnds } from "./sorted-ends.ts";

/** One key's session: its bounds grow as rows extend or join it. */
export interface Session<P> {
  start: number;
  end: number;
  payload: P;
}

interface KeySessions<P> {
  readonly key: Row;
  /** Disjoint, not touching, by start. */
  readonly sessions: Session<P>[];
}

/** How a session's contents are created, combined when sessions merge, and written to snapshots. */
export interface SessionPayload<P> {
  create(key: Row): P;
  /** Folds `from` into `into`; `into` is the earlier session. */
  merge(into: P, from: P, key: Row): void;
  snapshot(payload: P): SqlValue;
  restore(state: SqlValue): P;
}

/**
 * The open session windows of every key (Flink's MergingWindowSet with SessionWindowAssigner): a row
 * at `t` opens the window [t, t + gap); windows that intersect, ends included, merge into their
 * cover, so a row exactly `gap` after the last one still extends the session. Sessions fire in end
 * order; within one end, in the order their keys got there. With a memory budget, keys' sessions
 * spill (`'state.memory-budget'`); the timers (window ends and their keys) stay in memory.
 */
export class SessionWindows<P> {
  private readonly byKey: SpillableMap<string, KeySessions<P>>;
  private readonly timers = new Map<number, Set<string>>();
  private ends = new SortedEnds();
  private readonly payload: SessionPayload<P>;

  constructor(payload: SessionPayload<P>, spill?: StateSpill) {
    this.payload = payload;
    this.byKey = new SpillableMap(keySessionsCodec(payload), spill);
  }

  /**
   * The session a row's window [start, end) ends up in after merging the sessions it touches. A
   * window touching no session opens one, unless `late(end)` (it would have fired already) or the
   * row cannot open one (`open` false: a retraction): then undefined.
   */
  place(
    encoded: string,
    key: Row,
    start: number,
    end: number,
    late: (end: number) => boolean,
    open: boolean,
  ): Session<P> | undefined {
    let entry = this.byKey.get(encoded);
    const sessions = entry?.sessions ?? [];
    let first = 0;
    while (first < sessions.length && sessions[first]!.end < start) first++;
    let last = first;
    while (last < sessions.length && sessions[last]!.start <= end) last++;
    if (first === last) {
      if (!open || late(end)) return undefined;
      if (!entry) {
        entry = { key, sessions: [] };
        this.byKey.set(encoded, entry);
      }
      const session: Session<P> = { start, end, payload: this.payload.create(entry.key) };
      entry.sessions.splice(first, 0, session);
      this.addTimer(end, encoded);
      return session;
    }
    const target = sessions[first]!;
    const cover = Math.max(end, sessions[last - 1]!.end);
    this.removeTimer(target.end, encoded);
    for (let i = first + 1; i < last; i++) {
      this.payload.merge(target.payload, sessions[i]!.payload, entry!.key);
      this.removeTimer(sessions[i]!.end, encoded);
    }
    sessions.splice(first + 1, last - first - 1);
    target.start = Math.min(start, target.start);
    target.end = cover;
    this.addTimer(cover, encoded);
    return target;
  }

  /** Removes and hands over every session whose end is `due`, in end order. */
  fire(due: (end: number) => boolean, emit: (key: Row, session: Session<P>) => void): void {
    for (let end = this.ends.first(); end !== undefined && due(end); end = this.ends.first()) {
      this.ends.shift();
      const keys = this.timers.get(end);
      if (!keys) continue;
      this.timers.delete(end);
      for (const encoded of keys) {
        const entry = this.byKey.get(encoded)!;
        const index = entry.sessions.findIndex((s) => s.end === end);
        const [session] = entry.sessions.splice(index, 1);
        if (entry.sessions.length === 0) this.byKey.delete(encoded);
        emit(entry.key, session!);
      }
    }
  }

  private addTimer(end: number, encoded: string): void {
    let keys = this.timers.get(end);
    if (!keys) {
      keys = new Set();
      this.timers.set(end, keys);
      this.ends.insert(end);
    }
    keys.add(encoded);
  }

  private removeTimer(end: number, encoded: string): void {
    const keys = this.timers.get(end);
    keys?.delete(encoded);
    if (keys?.size === 0) this.timers.delete(end);
  }

  snapshot(): SqlValue {
    const sessions: SqlValue[] = [];
    const codec = keySessionsCodec(this.payload);
    for (const [encoded, entry] of this.byKey.entries())
      sessions.push([encoded, ...(codec.encode(entry) as SqlValue[])]);
    const timers: SqlValue[] = [];
    for (const end of this.ends.values()) {
      const keys = this.timers.get(end);
      if (keys) timers.push([end, [...keys]]);
    }
    return [sessions, timers];
  }

  restore(state: SqlValue): void {
    const [sessions, timers] = state as [[string, Row, SqlValue][], [number, string[]][]];
    this.byKey.clear();
    this.timers.clear();
    this.ends = new SortedEnds();
    const codec = keySessionsCodec(this.payload);
    for (const [encoded, key, list] of sessions) this.byKey.set(encoded, codec.decode([key, list]));
    for (const [end, keys] of timers) {
      this.timers.set(end, new Set(keys));
      this.ends.insert(end);
    }
  }
}

/** A key's sessions as checkpoints and spill files hold them: `[key, [[start, end, payload]…]]`. */
function keySessionsCodec<P>(payload: SessionPayload<P>): StateCodec<KeySessions<P>> {
  return {
    encode: (entry) => [entry.key, entry.sessions.map((s) => [s.start, s.end, payload.snapshot(s.payload)])],
    decode: (saved) => {
      const [key, list] = saved as [Row, [number, number, SqlValue][]];
      return {
        key,
        sessions: list.map(([start, end, state]) => ({ start, end, payload: payload.restore(state) })),
      };
    },
  };
}
