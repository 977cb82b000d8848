import type { Row, SqlValue } from "../../../../common/value.ts";
import { OverOperator, restoreRows, snapshotRows } from "./over-operator.ts";

/** Processing-time operators fire their timers on the clock, not on watermarks. */
abstract class ProctimeOver<State> extends OverOperator<State> {
  override onProcessingTime(now: number): void {
    this.timers.fire(now, (key, time) => this.runTimer(key, time));
    super.onProcessingTime(now);
  }

  protected onTimer(_key: string, _time: number, _state: State): void {}
}

interface UnboundedState {
  accumulators: unknown[];
}

/**
 * Processing-time OVER with UNBOUNDED PRECEDING, ROWS or RANGE alike (Flink's
 * ProcTimeUnboundedPrecedingFunction): each row goes out at once with the aggregates over every row
 * of its partition so far.
 */
export class ProctimeUnboundedOver extends ProctimeOver<UnboundedState> {
  protected createState(): UnboundedState {
    return { accumulators: this.config.accumulators.create() };
  }

  protected accept(_key: string, state: UnboundedState, row: Row): void {
    const acc = this.config.accumulators;
    acc.accumulate(state.accumulators, row);
    this.emit(row, acc.values(state.accumulators));
  }

  protected snapshotState(state: UnboundedState): SqlValue {
    return this.config.accumulators.snapshot(state.accumulators);
  }

  protected restoreState(snapshot: SqlValue): UnboundedState {
    return { accumulators: this.config.accumulators.restore(snapshot) };
  }
}

interface RowsState {
  accumulators: unknown[];
  /** Rows in the window by their arrival time. */
  readonly rows: Map<number, Row[]>;
  count: number;
  /** The arrival time of the window's oldest row. */
  oldest: number | undefined;
}

/**
 * Processing-time `ROWS BETWEEN n PRECEDING AND CURRENT ROW` (Flink's
 * ProcTimeRowsBoundedPrecedingFunction): each row goes out at once; once the window holds n + 1 rows
 * the oldest is retracted first.
 */
export class ProctimeRowsBoundedOver extends ProctimeOver<RowsState> {
  protected createState(): RowsState {
    return { accumulators: this.config.accumulators.create(), rows: new Map(), count: 0, oldest: undefined };
  }

  protected accept(_key: string, state: RowsState, row: Row): void {
    const acc = this.config.accumulators;
    const now = this.config.clock();
    if (state.oldest === undefined) state.oldest = now;
    if (state.count === this.config.preceding) {
      const oldest = state.rows.get(state.oldest);
      if (oldest) acc.retract(state.accumulators, oldest.shift()!);
      if (!oldest || oldest.length === 0) {
        state.rows.delete(state.oldest);
        // Flink looks for the next oldest before storing the current row.
        state.oldest = state.rows.size > 0 ? Math.min(...state.rows.keys()) : Number.MAX_SAFE_INTEGER;
      }
    } else state.count++;
    const rows = state.rows.get(now);
    if (rows) rows.push(row.slice());
    else state.rows.set(now, [row.slice()]);
    acc.accumulate(state.accumulators, row);
    this.emit(row, acc.values(state.accumulators));
  }

  protected snapshotState(state: RowsState): SqlValue {
    return [
      this.config.accumulators.snapshot(state.accumulators),
      snapshotRows(state.rows),
      state.count,
      state.oldest ?? null,
    ];
  }

  protected restoreState(snapshot: SqlValue): RowsState {
    const [accumulators, rows, count, oldest] = snapshot as [SqlValue, SqlValue, number, number | null];
    return {
      accumulators: this.config.accumulators.restore(accumulators),
      rows: restoreRows(rows),
      count,
      oldest: oldest ?? undefined,
    };
  }
}

interface RangeState {
  accumulators: unknown[] | undefined;
  readonly rows: Map<number, Row[]>;
  cleanupAt: number | undefined;
}

/**
 * Processing-time `RANGE BETWEEN interval PRECEDING AND CURRENT ROW` (Flink's
 * ProcTimeRangeBoundedPrecedingFunction): rows arriving in the same millisecond go out together at
 * the next one, after rows older than the interval are retracted, all with the same values. Rows
 * still waiting when the input ends are not emitted, as in Flink.
 */
export class ProctimeRangeBoundedOver extends ProctimeOver<RangeState> {
  protected createState(): RangeState {
    return { accumulators: undefined, rows: new Map(), cleanupAt: undefined };
  }

  protected accept(key: string, state: RangeState, row: Row): void {
    const now = this.config.clock();
    const rows = state.rows.get(now);
    if (rows) {
      rows.push(row.slice());
      return;
    }
    state.rows.set(now, [row.slice()]);
    this.timers.register(key, now + 1);
    const preceding = this.config.preceding;
    const earliest = now + preceding + 1;
    const latest = now + Math.trunc(preceding * 1.5) + 1;
    if (state.cleanupAt === undefined || state.cleanupAt < earliest) {
      this.timers.register(key, latest);
      state.cleanupAt = latest;
    }
  }

  protected override onTimer(_key: string, time: number, state: RangeState): void {
    if (state.cleanupAt !== undefined && state.cleanupAt <= time) {
      state.accumulators = undefined;
      state.rows.clear();
      state.cleanupAt = undefined;
      return;
    }
    const current = time - 1;
    const inputs = state.rows.get(current);
    if (!inputs) return;
    const acc = this.config.accumulators;
    const accumulators = state.accumulators ?? acc.create();
    const limit = current - this.config.preceding;
    for (const [t, rows] of [...state.rows])
      if (t < limit) {
        for (const row of rows) acc.retract(accumulators, row);
        state.rows.delete(t);
      }
    for (const row of inputs) acc.accumulate(accumulators, row);
    const values = acc.values(accumulators);
    for (const row of inputs) this.emit(row, values);
    state.accumulators = accumulators;
  }

  protected snapshotState(state: RangeState): SqlValue {
    const acc = this.config.accumulators;
    return [
      state.accumulators ? acc.snapshot(state.accumulators) : null,
      snapshotRows(state.rows),
      state.cleanupAt ?? null,
    ];
  }

  protected restoreState(snapshot: SqlValue): RangeState {
    const [accumulators, rows, cleanupAt] = snapshot as [SqlValue, SqlValue, number | null];
    return {
      accumulators: accumulators === null ? undefined : this.config.accumulators.restore(accumulators),
      rows: restoreRows(rows),
      cleanupAt: cleanupAt ?? undefined,
    };
  }
}
