import type { AlignedWindowSpec } from "../../plan/window/window-spec.ts";

/** Flink's TimeWindow.getWindowStartWithOffset: the start of the `size` window holding `timestamp`. */
export function windowStart(timestamp: number, offset: number, size: number): number {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

/**
 * The TUMBLE, HOP or CUMULATE windows a timestamp falls in, in the order Flink's assigners list them
 * (HOP: latest start first; CUMULATE: shortest first). `assign` fills `starts`/`ends` and returns how
 * many windows there are, so no array is allocated per row.
 *
 * HOP(size 10 s, slide 5 s) at 12 s → [10 s, 20 s), [5 s, 15 s)
 */
export class AlignedWindows {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private readonly spec: AlignedWindowSpec;
  private readonly offset: number;

  constructor(spec: AlignedWindowSpec) {
    this.spec = spec;
    this.offset = spec.offset ?? 0;
  }

  assign(timestamp: number): number {
    const spec = this.spec;
    const { starts, ends, offset } = this;
    switch (spec.kind) {
      case "TUMBLE": {
        const start = windowStart(timestamp, offset, spec.size);
        starts[0] = start;
        ends[0] = start + spec.size;
        return 1;
      }
      case "HOP": {
        let n = 0;
        for (
          let start = windowStart(timestamp, offset, spec.slide);
          start > timestamp - spec.size;
          start -= spec.slide
        ) {
          starts[n] = start;
          ends[n++] = start + spec.size;
        }
        return n;
      }
      case "CUMULATE": {
        const start = windowStart(timestamp, offset, spec.maxSize);
        const last = start + spec.maxSize;
        let n = 0;
        for (let end = windowStart(timestamp, offset, spec.step) + spec.step; end <= last; end += spec.step) {
          starts[n] = start;
          ends[n++] = end;
        }
        return n;
      }
      default:
        return spec satisfies never;
    }
  }
}
