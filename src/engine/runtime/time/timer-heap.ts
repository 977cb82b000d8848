/**
 * A timer queue: payloads ordered by timestamp, ties in the order they were pushed, as Flink's timer
 * service fires them. A binary heap over parallel arrays, so a timer costs no object.
 */
export class TimerHeap<P> {
  private readonly times: number[] = [];
  private readonly payloads: P[] = [];
  private readonly seqs: number[] = [];
  private seq = 0;

  get size(): number {
    return this.times.length;
  }

  /** The earliest timer's timestamp; undefined when none is pending. */
  peekTime(): number | undefined {
    return this.times[0];
  }

  push(time: number, payload: P): void {
    const { times, payloads, seqs } = this;
    const seq = this.seq++;
    let i = times.length;
    times.push(time);
    payloads.push(payload);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! < time || (times[parent] === time && seqs[parent]! < seq)) break;
      times[i] = times[parent]!;
      payloads[i] = payloads[parent]!;
      seqs[i] = seqs[parent]!;
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
    seqs[i] = seq;
  }

  /** Removes the earliest timer and returns its payload (call only when `size` > 0). */
  pop(): P {
    const { times, payloads, seqs } = this;
    const first = payloads[0]!;
    const time = times.pop()!;
    const payload = payloads.pop()!;
    const seq = seqs.pop()!;
    const n = times.length;
    if (n === 0) return first;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(right, left) < 0 ? right : left;
      if (times[child]! > time || (times[child] === time && seqs[child]! > seq)) break;
      times[i] = times[child]!;
      payloads[i] = payloads[child]!;
      seqs[i] = seqs[child]!;
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
    seqs[i] = seq;
    return first;
  }

  /** Every pending timer as `[payload, time]`, in firing order. */
  entries(): [P, number][] {
    const order = this.times.map((_, i) => i);
    order.sort((a, b) => this.before(a, b));
    return order.map((i) => [this.payloads[i]!, this.times[i]!]);
  }

  clear(): void {
    this.times.length = 0;
    this.payloads.length = 0;
    this.seqs.length = 0;
  }

  /** Negative when heap slot a fires before slot b. */
  private before(a: number, b: number): number {
    return this.times[a]! - this.times[b]! || this.seqs[a]! - this.seqs[b]!;
  }
}
