import type { SqlValue } from "../../../../common/value.ts";
import { TimerHeap } from "../../time/timer-heap.ts";

/**
 * Event-time timers of partitions, by key, without KeyedTimers' bookkeeping of pending timestamps:
 * the operator registers a (partition, timestamp) timer only when the partition gets its first row
 * at that timestamp — which already makes each pending timer unique, as Flink's timer service keeps
 * them — and never deletes one. Timers fire in timestamp order, ties in the order they were
 * registered (`TimerHeap`).
 */
export class PartitionTimers {
  private readonly heap = new TimerHeap<string>();

  register(key: string, time: number): void {
    this.heap.push(time, key);
  }

  /** Runs every timer at or before `upTo`, in firing order, including timers registered meanwhile. */
  fire(upTo: number, onTimer: (key: string, time: number) => void): void {
    for (let time = this.heap.peekTime(); time !== undefined && time <= upTo; time = this.heap.peekTime())
      onTimer(this.heap.pop(), time);
  }

  /** Pending timers as `[key, time]` pairs in firing order (the form KeyedTimers snapshots). */
  snapshot(): SqlValue {
    return this.heap.entries();
  }

  restore(snapshot: SqlValue): void {
    this.heap.clear();
    for (const [key, time] of snapshot as [string, number][]) this.register(key, time);
  }
}
