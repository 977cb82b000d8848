import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { Collector, Operator } from "../operator.ts";
import type { AlignedWindows } from "./aligned-windows.ts";
import type { WindowClock } from "./window-clock.ts";

export interface WindowTableFunctionConfig {
  readonly description: string;
  readonly windows: AlignedWindows;
  /** Input position of the rowtime; undefined for processing time. */
  readonly rowtime: number | undefined;
  readonly clock: WindowClock;
  readonly now: () => number;
}

/**
 * A TUMBLE, HOP or CUMULATE TVF on its own (Flink's AlignedWindowTableFunctionOperator): each row
 * once per window it falls in, at once, with window_start, window_end and window_time appended and
 * its row kind kept. Rows without a rowtime are dropped, as Flink does. Stateless.
 *
 * HOP(size 10 s, slide 5 s): +I[a, 00:12] → +I[a, 00:12, 00:10, 00:20, 00:19.999],
 *   +I[a, 00:12, 00:05, 00:15, 00:14.999]
 */
export class WindowTableFunctionOperator implements Operator {
  readonly description: string;
  private readonly config: WindowTableFunctionConfig;
  private readonly out: Collector;

  constructor(config: WindowTableFunctionConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
  }

  process(kind: RowKind, row: Row): void {
    const { windows, rowtime, clock } = this.config;
    let time: number;
    if (rowtime !== undefined) {
      const value = row[rowtime];
      if (value === null || value === undefined) return;
      time = value as number;
    } else {
      time = this.config.now();
    }
    const count = windows.assign(clock.windowTime(time));
    for (let w = 0; w < count; w++) {
      const end = windows.ends[w]!;
      this.out.collect(kind, [...row, windows.starts[w]!, end, clock.fireTime(end)]);
    }
  }

  onWatermark(timestamp: number): void {
    this.out.watermark(timestamp);
  }
  finish(): void {}
  snapshot(): SqlValue {
    return null;
  }
  restore(): void {}
}
