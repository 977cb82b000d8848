import type { SqlValue } from "../../../common/value.ts";

interface Timer {
  readonly time: number;
  readonly key: string;
  readonly seq: number;
}

/**
 * Timers per key, as Flink's timer service keeps them for a keyed operator: at most one timer per
 * key and timestamp; `fire(t)` runs every timer at or before `t` in timestamp order (ties in the
 * order they were registered), including timers registered while firing. Event-time operators fire
 * them on a watermark, processing-time operators on the clock.
 */
export class KeyedTimers {
  private readonly heap: Timer[] = [];
  private readonly pending = new Map<string, Set<number>>();
  private seq = 0;

  register(key: string, time: number): void {
    let times = this.pending.get(key);
    if (!times) {
      times = new Set();
      this.pending.set(key, times);
    }
    if (times.has(time)) return;
    times.add(time);
    this.push({ time, key, seq: this.seq++ });
  }

  delete(key: string, time: number): void {
    const times = this.pending.get(key);
    if (!times?.delete(time)) return;
    if (times.size === 0) this.pending.delete(key);
    // The heap entry stays until it surfaces; `fire` skips timers no longer pending.
  }

  fire(upTo: number, onTimer: (key: string, time: number) => void): void {
    while (this.heap.length > 0 && this.heap[0]!.time <= upTo) {
      const timer = this.pop();
      const times = this.pending.get(timer.key);
      if (!times?.delete(timer.time)) continue;
      if (times.size === 0) this.pending.delete(timer.key);
      onTimer(timer.key, timer.time);
    }
  }

  /** Pending timers as `[key, time]` pairs in firing order. */
  snapshot(): SqlValue {
    return [...this.heap]
      .sort(earlier)
      .filter((t) => this.pending.get(t.key)?.has(t.time))
      .map((t) => [t.key, t.time]);
  }

  restore(snapshot: SqlValue): void {
    this.heap.length = 0;
    this.pending.clear();
    for (const [key, time] of snapshot as [string, number][]) this.register(key, time);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (earlier(heap[parent]!, timer) <= 0) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && earlier(heap[right]!, heap[left]!) < 0 ? right : left;
        if (earlier(heap[child]!, last) >= 0) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function earlier(a: Timer, b: Timer): number {
  return a.time - b.time || a.seq - b.seq;
}
