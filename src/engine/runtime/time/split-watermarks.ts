import type { Row } from "../../../common/value.ts";
import type { WatermarkGenerator } from "../sources/scan-row.ts";
import { NO_WATERMARK } from "./watermark.ts";

interface Split {
  readonly generator: WatermarkGenerator;
  /** When the split last had a row (or was first seen). */
  lastActive: number;
}

/**
 * A partitioned source's watermark, as Flink's Kafka source computes it: one generator per split
 * (partition), and the source's watermark is the minimum over the splits that are not idle. A split
 * without rows for `idleTimeout` ms is idle (`scan.watermark.idle-timeout`, or the session's
 * `table.exec.source.idle-timeout`); unset, a silent split holds the watermark back, as in Flink.
 *
 * splits 0, 1; rows at 10 (split 0), 7 (split 1) → 7; split 1 idle → 10
 */
export class SplitWatermarks {
  private readonly splits: Split[] = [];
  private readonly create: () => WatermarkGenerator;
  private readonly idleTimeout: number | undefined;
  private emitted = NO_WATERMARK;

  constructor(create: () => WatermarkGenerator, idleTimeout: number | undefined) {
    this.create = create;
    this.idleTimeout = idleTimeout !== undefined && idleTimeout > 0 ? idleTimeout : undefined;
  }

  observe(split: number, row: Row, now: number): void {
    const s = this.split(split, now);
    s.generator.observe(row);
    s.lastActive = now;
  }

  /** Makes sure `count` splits are tracked (a split with no rows yet holds the watermark back). */
  track(count: number, now: number): void {
    for (let i = 0; i < count; i++) this.split(i, now);
  }

  /** The watermark now, or undefined when it did not advance. */
  advance(now: number): number | undefined {
    let min = Number.POSITIVE_INFINITY;
    for (const s of this.splits) {
      if (this.idleTimeout !== undefined && now - s.lastActive >= this.idleTimeout) continue;
      if (s.generator.current < min) min = s.generator.current;
    }
    if (min === Number.POSITIVE_INFINITY || min <= this.emitted) return undefined;
    this.emitted = min;
    return min;
  }

  get current(): number {
    return this.emitted;
  }

  /** Per split: its generator's watermark (checkpoints). */
  snapshot(): number[] {
    return this.splits.map((s) => s.generator.current);
  }

  restore(marks: readonly number[], now: number): void {
    marks.forEach((mark, i) => {
      this.split(i, now).generator.current = mark;
    });
  }

  private split(index: number, now: number): Split {
    while (this.splits.length <= index) this.splits.push({ generator: this.create(), lastActive: now });
    return this.splits[index]!;
  }
}
