import { isAccumulate, type RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";
import type { WindowProperty } from "../../plan/logical/group-window-aggregate.ts";
import type { AggregateGroup, GroupAccumulators } from "../aggregates/group-accumulators.ts";
import type { Collector, Operator } from "../operator.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { NO_WATERMARK } from "../time/watermark.ts";
import { propertyValues } from "./property-values.ts";
import { SessionWindows } from "./session-windows.ts";
import { NULL_ROWTIME } from "./window-aggregate.ts";
import type { WindowClock } from "./window-clock.ts";

export interface SessionWindowAggregateConfig {
  readonly description: string;
  /** Input positions of the group keys: the session's partition keys. */
  readonly keys: readonly number[];
  readonly accumulators: GroupAccumulators;
  readonly gap: number;
  /** Input position of the rowtime; undefined for processing time. */
  readonly rowtime: number | undefined;
  readonly clock: WindowClock;
  readonly properties: readonly WindowProperty[];
  readonly now: () => number;
  /** Where keys' sessions beyond the memory budget go (`'state.memory-budget'`). */
  readonly spill?: StateSpill;
}

/**
 * A session's aggregation. When some aggregate function cannot merge accumulators (FIRST_VALUE,
 * LAST_VALUE, JSON_ARRAYAGG), the session also keeps its rows with their arrival number, and merging
 * two sessions replays both in arrival order into fresh accumulators.
 */
interface SessionState {
  group: AggregateGroup;
  rows?: [number, boolean, Row][];
}

/**
 * Aggregation per key and SESSION window (Flink's window aggregate over a SESSION TVF and the legacy
 * `GROUP BY SESSION(ts, gap)`): sessions grow and merge as rows arrive and each is emitted once, when
 * the watermark (or, for processing time, the clock) passes its end. A row that would open a session
 * that has already ended is late and dropped. Output: key, aggregate values, window properties.
 *
 * SESSION(gap 10 s), key a: +I[a, 00:00], +I[a, 00:25], +I[a, 00:12] (joins both: [00:00, 00:35)),
 *   watermark 00:35 → +I[a, 3, 00:00, 00:35]
 */
export class SessionWindowAggregateOperator implements Operator {
  readonly description: string;
  private readonly config: SessionWindowAggregateConfig;
  private readonly out: Collector;
  private readonly sessions: SessionWindows<SessionState>;
  private progress = NO_WATERMARK;
  private arrivals = 0;

  constructor(config: SessionWindowAggregateConfig, out: Collector) {
    this.description = config.description;
    this.config = config;
    this.out = out;
    const accumulators = config.accumulators;
    const replay = !accumulators.mergeable;
    this.sessions = new SessionWindows<SessionState>(
      {
        create: (key) => ({ group: accumulators.create(key), ...(replay ? { rows: [] } : {}) }),
        merge(into, from, key) {
          if (!into.rows || !from.rows) {
            accumulators.merge(into.group, from.group);
            return;
          }
          const rows = [...into.rows, ...from.rows].sort((a, b) => a[0] - b[0]);
          into.group = accumulators.create(key);
          for (const [, accumulate, row] of rows) accumulators.apply(into.group, accumulate, row);
          into.rows = rows;
        },
        snapshot: (state) => [accumulators.snapshot(state.group), state.rows ?? null],
        restore(state) {
          const [group, rows] = state as [SqlValue, [number, boolean, Row][] | null];
          return { group: accumulators.restore(group), ...(rows ? { rows } : {}) };
        },
      },
      config.spill,
    );
  }

  process(kind: RowKind, row: Row): void {
    const { keys, clock, rowtime, gap } = this.config;
    const key = keys.map((k) => row[k]!);
    let timestamp: number;
    if (rowtime !== undefined) {
      const value = row[rowtime];
      if (value === null || value === undefined) throw new Error(NULL_ROWTIME);
      timestamp = clock.windowTime(value as number);
    } else {
      timestamp = clock.windowTime(this.config.now());
    }
    const accumulate = isAccumulate(kind);
    const late = (end: number): boolean => rowtime !== undefined && clock.fireTime(end) <= this.progress;
    const session = this.sessions.place(encodeKey(key), key, timestamp, timestamp + gap, late, accumulate);
    if (!session) return;
    const state = session.payload;
    state.rows?.push([this.arrivals++, accumulate, row.slice()]);
    this.config.accumulators.apply(state.group, accumulate, row);
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
    const { clock, accumulators } = this.config;
    this.sessions.fire(
      (end) => clock.fireTime(end) <= time,
      (_, session) => {
        if (session.payload.group.count <= 0) return;
        const { properties, now } = this.config;
        const values = propertyValues(properties, session.start, session.end, clock, now);
        this.out.collect("+I", accumulators.result(session.payload.group, values));
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
