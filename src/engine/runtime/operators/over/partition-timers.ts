import type { SqlValue } from "../../../../common/value.ts";

/**
 * Event-time timers that point at a partition's state instead of naming its key: firing one costs no
 * key lookup, and registering one no bookkeeping, because the operator registers a (partition,
 * timestamp) timer only when the partition gets its first row at that timestamp — which already
 * makes each pending timer unique, as Flink's timer service keeps them. Timers fire in timestamp
 * order, ties in the order they were registered. A binary heap over parallel arrays: no object per
 * timer.
 */
export class PartitionTimers<S> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly states: S[] = [];
  private seq = 0;

  register(state: S, time: number): void {
    const { times, seqs, states } = this;
    const seq = this.seq++;
    let i = times.length;
    times.push(time);
    seqs.push(seq);
    states.push(state);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! < time || (times[parent] === time && seqs[parent]! < seq)) break;
      times[i] = times[parent]!;
      seqs[i] = seqs[parent]!;
      states[i] = states[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    states[i] = state;
  }

  /** Runs every timer at or before `upTo`, in firing order, including timers registered meanwhile. */
  fire(upTo: number, onTimer: (state: S, time: number) => void): void {
    while (this.times.length > 0 && this.times[0]! <= upTo) {
      const time = this.times[0]!;
      const state = this.states[0]!;
      this.pop();
      onTimer(state, time);
    }
  }

  /** Pending timers as `[key, time]` pairs in firing order (the form KeyedTimers snapshots). */
  snapshot(keyOf: (state: S) => string): SqlValue {
    const order = this.times.map((_, i) => i);
    order.sort((a, b) => this.times[a]! - this.times[b]! || this.seqs[a]! - this.seqs[b]!);
    return order.map((i) => [keyOf(this.states[i]!), this.times[i]!]);
  }

  restore(snapshot: SqlValue, stateOf: (key: string) => S): void {
    this.times.length = 0;
    this.seqs.length = 0;
    this.states.length = 0;
    for (const [key, time] of snapshot as [string, number][]) this.register(stateOf(key), time);
  }

  private pop(): void {
    const { times, seqs, states } = this;
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const state = states.pop()!;
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child =
        right < n &&
        (times[right]! < times[left]! || (times[right] === times[left] && seqs[right]! < seqs[left]!))
          ? right
          : left;
      if (times[child]! > time || (times[child] === time && seqs[child]! > seq)) break;
      times[i] = times[child]!;
      seqs[i] = seqs[child]!;
      states[i] = states[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    states[i] = state;
  }
}
