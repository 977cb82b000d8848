import type { SqlValue } from "../../../common/value.ts";

/** No watermark yet: every rowtime is on time (Flink's Long.MIN_VALUE). */
export const NO_WATERMARK = Number.MIN_SAFE_INTEGER;

/** The watermark a bounded source sends when it ends: every event-time timer fires (Long.MAX_VALUE). */
export const MAX_WATERMARK = Number.MAX_SAFE_INTEGER;

/**
 * The combined watermark of an operator's inputs: the minimum over the active ones, advancing only.
 * An idle input does not hold the others back; when every input is idle the operator is idle too.
 *
 * inputs 0, 1: wm(0)=5 → none (input 1 has none); wm(1)=3 → 3; idle(1) → 5; wm(1)=9 → (5, no change)
 */
export class WatermarkCombiner {
  private readonly marks: number[];
  private readonly idle: boolean[];
  private current = NO_WATERMARK;

  constructor(inputs: number) {
    this.marks = new Array<number>(inputs).fill(NO_WATERMARK);
    this.idle = new Array<boolean>(inputs).fill(false);
  }

  /** Input `input` reached `timestamp`; returns the new combined watermark if it advanced. */
  advance(input: number, timestamp: number): number | undefined {
    this.idle[input] = false;
    if (timestamp > this.marks[input]!) this.marks[input] = timestamp;
    return this.recompute();
  }

  /** A row arrived on `input`: it is active again, which may hold the combined watermark back. */
  activate(input: number): void {
    this.idle[input] = false;
  }

  /** Input `input` went idle: returns the combined watermark if it advanced, or "idle" when all are. */
  markIdle(input: number): number | "idle" | undefined {
    this.idle[input] = true;
    if (this.idle.every(Boolean)) return "idle";
    return this.recompute();
  }

  /** Per input its watermark and idleness, and the combined watermark (checkpoints). */
  snapshot(): SqlValue {
    return [this.marks.slice(), this.idle.slice(), this.current];
  }

  restore(state: SqlValue): void {
    const [marks, idle, current] = state as [number[], boolean[], number];
    for (let i = 0; i < this.marks.length; i++) {
      this.marks[i] = marks[i] ?? NO_WATERMARK;
      this.idle[i] = idle[i] ?? false;
    }
    this.current = current;
  }

  private recompute(): number | undefined {
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.marks.length; i++)
      if (!this.idle[i] && this.marks[i]! < min) min = this.marks[i]!;
    if (min === Number.POSITIVE_INFINITY || min <= this.current) return undefined;
    this.current = min;
    return min;
  }
}
