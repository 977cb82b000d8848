import type { SqlValue } from "../../../common/value.ts";
import { TimerHeap } from "./timer-heap.ts";

/**
 * Timers per key, as Flink's timer service keeps them for a keyed operator: at most one timer per
 * key and timestamp; `fire(t)` runs every timer at or before `t` in timestamp order (ties in the
 * order they were registered), including timers registered while firing. Event-time operators fire
 * them on a watermark, processing-time operators on the clock.
 *
 * A deleted timer stays in the heap until it surfaces and is skipped, since `pending` no longer holds it.
 */
export class KeyedTimers {
  private readonly heap = new TimerHeap<string>();
  /**
   * Each key's pending timestamps. A key has few at a time, and an array of epoch milliseconds
   * (beyond small integers) is cheaper to search than a Set that would box every one.
   */
  private readonly pending = new Map<string, number[]>();

  register(key: string, time: number): void {
    const times = this.pending.get(key);
    if (!times) this.pending.set(key, [time]);
    else if (times.includes(time)) return;
    else times.push(time);
    this.heap.push(time, key);
  }

  delete(key: string, time: number): void {
    this.take(key, time);
  }

  fire(upTo: number, onTimer: (key: string, time: number) => void): void {
    for (let time = this.heap.peekTime(); time !== undefined && time <= upTo; time = this.heap.peekTime()) {
      const key = this.heap.pop();
      if (this.take(key, time)) onTimer(key, time);
    }
  }

  /** Removes a pending timer; false when it was not pending (deleted, or already fired). */
  private take(key: string, time: number): boolean {
    const times = this.pending.get(key);
    const at = times ? times.indexOf(time) : -1;
    if (at < 0) return false;
    if (times!.length === 1) this.pending.delete(key);
    else times!.splice(at, 1);
    return true;
  }

  /** Pending timers as `[key, time]` pairs in firing order. */
  snapshot(): SqlValue {
    return this.heap.entries().filter(([key, time]) => this.pending.get(key)?.includes(time));
  }

  restore(snapshot: SqlValue): void {
    this.heap.clear();
    this.pending.clear();
    for (const [key, time] of snapshot as [string, number][]) this.register(key, time);
  }
}
