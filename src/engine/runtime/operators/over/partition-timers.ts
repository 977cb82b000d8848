import type { SqlValue } from "../../../../common/value.ts";
import { TimerHeap } from "../../time/timer-heap.ts";

/**
 * Event-time timers that point at a partition's state instead of naming its key: firing one costs no
 * key lookup, and registering one no bookkeeping, because the operator registers a (partition,
 * timestamp) timer only when the partition gets its first row at that timestamp — which already
 * makes each pending timer unique, as Flink's timer service keeps them. Timers fire in timestamp
 * order, ties in the order they were registered (`TimerHeap`).
 */
export class PartitionTimers<S> {
  private readonly heap = new TimerHeap<S>();

  register(state: S, time: number): void {
    this.heap.push(time, state);
  }

  /** Runs every timer at or before `upTo`, in firing order, including timers registered meanwhile. */
  fire(upTo: number, onTimer: (state: S, time: number) => void): void {
    for (let time = this.heap.peekTime(); time !== undefined && time <= upTo; time = this.heap.peekTime())
      onTimer(this.heap.pop(), time);
  }

  /** Pending timers as `[key, time]` pairs in firing order (the form KeyedTimers snapshots). */
  snapshot(keyOf: (state: S) => string): SqlValue {
    return this.heap.entries().map(([state, time]) => [keyOf(state), time]);
  }

  restore(snapshot: SqlValue, stateOf: (key: string) => S): void {
    this.heap.clear();
    for (const [key, time] of snapshot as [string, number][]) this.register(stateOf(key), time);
  }
}
