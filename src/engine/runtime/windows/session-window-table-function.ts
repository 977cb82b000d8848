import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { Collector, Operator } from "../operator.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import { SessionWindows } from "./session-windows.ts";
import type { WindowClock } from "./window-clock.ts";

export interface SessionWindowTableFunctionConfig {
  readonly description: string;
  readonly partitionKeys: readonly number[];
  readonly gap: number;
  /** Input position of the rowtime; undefined for processing time. */
  readonly rowtime: number | undefined;
  readonly clock: WindowClock;
  readonly now: () => number;
  /** Where keys' buffered rows beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/** A buffered row: its arrival number, kind and values. */
type Arrival = [number, RowKind, Row];

/**
 * A SESSION TVF on its own (Flink's UnalignedWindowTableFunctionOperator): a session's bounds are
 * known only when it ends, so its rows wait in state and leave together when the watermark (or the
 * clock) passes its end, in arrival order, kinds kept, with window_start, window_end and window_time
 * appended. Late rows and rows without a rowtime are dropped.
 *
 * SESSION(PARTITION BY k, gap 5 s): +I[a, 00:01], +I[a, 00:04], watermark 00:09 →
 *   +I[a, 00:01, 00:01, 00:09, 00:08.999], +I[a, 00:04, 00:01, 00:09, 00:08.999]
 */
export class SessionWindowTableFunctionOperator implements Operator {
  readonly description: string;
  private readonly config: SessionWindowTableFunctionConfig;
  private readonly out: Collector;
  private readonly sessions: SessionWindows<Arrival[]>;
  private progress = NO_WATERMARK;
  private arrivals = 0;

  constructor(config: SessionWindowTableFunctionConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    this.sessions = new SessionWindows<Arrival[]>(
      {
        create: () => [],
        merge(into, from) {
          into.push(...from);
          into.sort((a, b) => a[0] - b[0]);
        },
        snapshot: (rows) => rows,
        restore: (state) => state as Arrival[],
      },
      config.spill,
    );
  }

  process(kind: RowKind, row: Row): void {
    const { partitionKeys, rowtime, clock, gap } = this.config;
    let time: number;
    if (rowtime !== undefined) {
      const value = row[rowtime];
      if (value === null || value === undefined) return;
      time = value as number;
    } else {
      time = this.config.now();
    }
    const start = clock.windowTime(time);
    const key = partitionKeys.map((k) => row[k]!);
    const late = (end: number): boolean => rowtime !== undefined && clock.fireTime(end) <= this.progress;
    const session = this.sessions.place(encodeKey(key), key, start, start + gap, late, true);
    session?.payload.push([this.arrivals++, kind, row.slice()]);
  }

  onWatermark(timestamp: number): void {
    if (this.config.rowtime !== undefined) this.fire(timestamp);
    this.out.watermark(timestamp);
  }

  onProcessingTime(now: number): void {
    if (this.config.rowtime === undefined) this.fire(now);
  }

  private fire(time: number): void {
    if (time > this.progress) this.progress = time;
    const clock = this.config.clock;
    this.sessions.fire(
      (end) => clock.fireTime(end) <= time,
      (_, session) => {
        const windowTime = clock.fireTime(session.end);
        for (const [, kind, row] of session.payload)
          this.out.collect(kind, [...row, session.start, session.end, windowTime]);
      },
    );
  }

  finish(): void {}

  snapshot(): SqlValue {
    return [this.progress, this.arrivals, this.sessions.snapshot()];
  }

  restore(state: SqlValue): void {
    const [progress, arrivals, sessions] = state as [number, number, SqlValue];
    this.progress = progress;
    this.arrivals = arrivals;
    this.sessions.restore(sessions);
  }
}
