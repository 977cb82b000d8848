import type { SqlValue } from "../../../common/value.ts";

/** One timer: when it fires and for which key (an encoded key, "" for an unkeyed operator). */
export interface Timer {
  readonly time: number;
  readonly key: string;
}

/**
 * Timers of a keyed operator, as Flink's timer service keeps them: at most one per (key, time), fired
 * in time order (in registration order among equal times) once time reaches them.
 *
 * register(5, "a"), register(3, "b"), register(5, "a") → due(6): [3 b], [5 a]
 */
export class TimerQueue {
  private readonly heap: { time: number; key: string; seq: number }[] = [];
  private readonly pending = new Set<string>();
  private seq = 0;

  register(time: number, key: string): void {
    const id = timerId(time, key);
    if (this.pending.has(id)) return;
    this.pending.add(id);
    this.push({ time, key, seq: this.seq++ });
  }

  /** Deletes a pending timer (lazily: it is skipped when it comes up). */
  delete(time: number, key: string): void {
    this.pending.delete(timerId(time, key));
  }

  /** Removes and returns the earliest timer due at `now`, if any. */
  next(now: number): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0]!.time <= now) {
      const top = this.pop();
      const id = timerId(top.time, top.key);
      if (!this.pending.has(id)) continue;
      this.pending.delete(id);
      return { time: top.time, key: top.key };
    }
    return undefined;
  }

  get size(): number {
    return this.pending.size;
  }

  snapshot(): SqlValue {
    return [...this.heap]
      .filter((t) => this.pending.has(timerId(t.time, t.key)))
      .sort((a, b) => a.time - b.time || a.seq - b.seq)
      .map((t) => [t.time, t.key]);
  }

  restore(state: SqlValue): void {
    this.heap.length = 0;
    this.pending.clear();
    this.seq = 0;
    for (const [time, key] of state as [number, string][]) this.register(time, key);
  }

  private push(entry: { time: number; key: string; seq: number }): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): { time: number; key: string; seq: number } {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < heap.length && before(heap[l]!, heap[smallest]!)) smallest = l;
        if (r < heap.length && before(heap[r]!, heap[smallest]!)) smallest = r;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: { time: number; seq: number }, b: { time: number; seq: number }): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function timerId(time: number, key: string): string {
  return `${time}\u0000${key}`;
}
