import type { SqlValue } from "../../../common/value.ts";

/**
 * Timers per key, as Flink's timer service keeps them for a keyed operator: at most one timer per
 * key and timestamp; `fire(t)` runs every timer at or before `t` in timestamp order (ties in the
 * order they were registered), including timers registered while firing. Event-time operators fire
 * them on a watermark, processing-time operators on the clock.
 *
 * The queue is a binary heap over parallel arrays (no object per timer); a deleted timer stays in
 * the heap until it surfaces and is skipped, since `pending` no longer holds it.
 */
export class KeyedTimers {
  private readonly times: number[] = [];
  private readonly keys: string[] = [];
  private readonly seqs: number[] = [];
  /**
   * Each key's pending timestamps. A key has few at a time, and an array of epoch milliseconds
   * (beyond small integers) is cheaper to search than a Set that would box every one.
   */
  private readonly pending = new Map<string, number[]>();
  private seq = 0;

  register(key: string, time: number): void {
    const times = this.pending.get(key);
    if (!times) this.pending.set(key, [time]);
    else if (times.includes(time)) return;
    else times.push(time);
    this.push(time, key, this.seq++);
  }

  delete(key: string, time: number): void {
    this.take(key, time);
  }

  fire(upTo: number, onTimer: (key: string, time: number) => void): void {
    while (this.times.length > 0 && this.times[0]! <= upTo) {
      const time = this.times[0]!;
      const key = this.keys[0]!;
      this.pop();
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
    const order = this.times.map((_, i) => i);
    order.sort((a, b) => this.before(a, b));
    return order
      .filter((i) => this.pending.get(this.keys[i]!)?.includes(this.times[i]!))
      .map((i) => [this.keys[i]!, this.times[i]!]);
  }

  restore(snapshot: SqlValue): void {
    this.times.length = 0;
    this.keys.length = 0;
    this.seqs.length = 0;
    this.pending.clear();
    for (const [key, time] of snapshot as [string, number][]) this.register(key, time);
  }

  /** Negative when heap slot a fires before slot b. */
  private before(a: number, b: number): number {
    return this.times[a]! - this.times[b]! || this.seqs[a]! - this.seqs[b]!;
  }

  private push(time: number, key: string, seq: number): void {
    const { times, keys, seqs } = this;
    let i = times.length;
    times.push(time);
    keys.push(key);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! < time || (times[parent] === time && seqs[parent]! < seq)) break;
      times[i] = times[parent]!;
      keys[i] = keys[parent]!;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    seqs[i] = seq;
  }

  private pop(): void {
    const { times, keys, seqs } = this;
    const time = times.pop()!;
    const key = keys.pop()!;
    const seq = seqs.pop()!;
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(right, left) < 0 ? right : left;
      if (times[child]! > time || (times[child] === time && seqs[child]! > seq)) break;
      times[i] = times[child]!;
      keys[i] = keys[child]!;
      seqs[i] = seqs[child]!;
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    seqs[i] = seq;
  }
}
