import type { SqlValue } from "../../../common/value.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import { SortedEnds } from "./sorted-ends.ts";
import type { WindowClock } from "./window-clock.ts";

/**
 * Per-window, per-partition state of an operator that emits each window once when the watermark
 * passes its end (window Top-N and deduplication): one map of partitions per pending window end, in
 * the partitions' arrival order, and the event time windows have fired up to. A row for a window
 * that fired already is late (Flink's TimeWindowUtil.isWindowFired).
 */
export class WindowPartitions<S> {
  private readonly windows = new Map<number, Map<string, S>>();
  private ends = new SortedEnds();
  private readonly clock: WindowClock;
  /** The watermark windows have fired up to. */
  private progress = NO_WATERMARK;

  constructor(clock: WindowClock) {
    this.clock = clock;
  }

  isLate(end: number): boolean {
    return this.clock.fireTime(end) <= this.progress;
  }

  /** The partitions of the window ending at `end`, opened with its first row. */
  of(end: number): Map<string, S> {
    let partitions = this.windows.get(end);
    if (!partitions) {
      partitions = new Map();
      this.windows.set(end, partitions);
      this.ends.insert(end);
    }
    return partitions;
  }

  /** Hands over and forgets, in end order, every window whose last millisecond is at or before `time`. */
  fire(time: number, emit: (partitions: Map<string, S>) => void): void {
    if (time > this.progress) this.progress = time;
    for (
      let end = this.ends.first();
      end !== undefined && this.clock.fireTime(end) <= time;
      end = this.ends.first()
    ) {
      this.ends.shift();
      const partitions = this.windows.get(end)!;
      this.windows.delete(end);
      emit(partitions);
    }
  }

  /** `[progress, [[end, [[key, state]...]]...]]`, the states written by `write`. */
  snapshot(write: (state: S) => SqlValue): SqlValue {
    const windows = this.ends
      .values()
      .map(
        (end): SqlValue => [end, [...this.windows.get(end)!].map(([key, s]): SqlValue => [key, write(s)])],
      );
    return [this.progress, windows];
  }

  restore(snapshot: SqlValue, read: (state: SqlValue) => S): void {
    const [progress, windows] = snapshot as [number, [number, [string, SqlValue][]][]];
    this.progress = progress;
    this.windows.clear();
    this.ends = new SortedEnds();
    for (const [end, partitions] of windows) {
      const restored = this.of(end);
      for (const [key, state] of partitions) restored.set(key, read(state));
    }
  }
}
