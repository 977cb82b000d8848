import type { Row, SqlValue } from "../../../../common/value.ts";
import { OverOperator, restoreRows, snapshotRows } from "./over-operator.ts";
import { PartitionTimers } from "./partition-timers.ts";

interface RowsState {
  accumulators: unknown[] | undefined;
  /**
   * The distinct rowtimes of rows in the window or waiting for their timer, ascending, and their
   * rows in arrival order (parallel arrays). A partition holds a handful: a short sorted array
   * searched from its end beats a Map keyed by epoch milliseconds, which are not small integers.
   */
  readonly times: number[];
  readonly groups: Row[][];
  /** Rows accumulated so far, up to the window size. */
  count: number;
  /** The last rowtime whose timer fired: rows at or before it are late. */
  lastFired: number | undefined;
}

/**
 * Event-time `ROWS BETWEEN n PRECEDING AND CURRENT ROW` (Flink's RowTimeRowsBoundedPrecedingFunction).
 * Each rowtime gets a timer; when the watermark reaches it, its rows go out in arrival order, each
 * after accumulating it and retracting the oldest row once the window holds n + 1. A row is late —
 * dropped — when its rowtime is at or before the last one its partition emitted (or at or before 0).
 */
export class RowtimeRowsBoundedOver extends OverOperator<RowsState> {
  private readonly rowTimers = new PartitionTimers();

  protected createState(): RowsState {
    return { accumulators: undefined, times: [], groups: [], count: 0, lastFired: undefined };
  }

  protected accept(key: string, state: RowsState, row: Row): void {
    const time = row[this.config.rowtime] as number;
    if (time <= (state.lastFired ?? 0)) return;
    const { times, groups } = state;
    // Rowtimes mostly arrive in order: search from the end.
    let i = times.length;
    while (i > 0 && times[i - 1]! > time) i--;
    if (i > 0 && times[i - 1] === time) {
      groups[i - 1]!.push(row.slice());
      return;
    }
    if (i === times.length) {
      times.push(time);
      groups.push([row.slice()]);
    } else {
      times.splice(i, 0, time);
      groups.splice(i, 0, [row.slice()]);
    }
    this.rowTimers.register(key, time);
  }

  protected override waitsForWatermark(key: string): boolean {
    const state = this.partitions.get(key);
    return state !== undefined && (state.times.at(-1) ?? 0) > (state.lastFired ?? 0);
  }

  protected override fireTimers(timestamp: number): void {
    this.rowTimers.fire(timestamp, (key, time) => this.runTimer(key, time));
  }

  protected override snapshotTimers(): SqlValue {
    return this.rowTimers.snapshot();
  }

  protected override restoreTimers(snapshot: SqlValue): void {
    this.rowTimers.restore(snapshot);
  }

  protected onTimer(_key: string, time: number, state: RowsState): void {
    const at = state.times.indexOf(time);
    if (at >= 0) {
      const inputs = state.groups[at]!;
      const acc = this.config.accumulators;
      const accumulators = state.accumulators ?? acc.create();
      let retractRows: Row[] | undefined;
      let retracted = 0;
      for (const input of inputs) {
        let retractRow: Row | undefined;
        if (state.count >= this.config.preceding) {
          // The oldest rowtime's rows go first (Flink scans the state for the smallest rowtime).
          retractRows ??= state.groups[0];
          if (retractRows) {
            retractRow = retractRows[retracted++];
            if (retractRows.length === retracted) {
              state.times.shift();
              state.groups.shift();
              retractRows = undefined;
              retracted = 0;
            }
          }
        } else state.count++;
        if (retractRow) acc.retract(accumulators, retractRow);
        acc.accumulate(accumulators, input);
        this.emit(input, acc.values(accumulators));
      }
      if (retractRows && retracted > 0) retractRows.splice(0, retracted);
      state.accumulators = accumulators;
    }
    state.lastFired = time;
  }

  protected snapshotState(state: RowsState): SqlValue {
    const acc = this.config.accumulators;
    return [
      state.accumulators ? acc.snapshot(state.accumulators) : null,
      snapshotRows(new Map(state.times.map((t, i) => [t, state.groups[i]!]))),
      state.count,
      state.lastFired ?? null,
    ];
  }

  protected restoreState(snapshot: SqlValue): RowsState {
    const [accumulators, rows, count, lastFired] = snapshot as [SqlValue, SqlValue, number, number | null];
    const restored = [...restoreRows(rows)].sort(([a], [b]) => a - b);
    return {
      accumulators: accumulators === null ? undefined : this.config.accumulators.restore(accumulators),
      times: restored.map(([t]) => t),
      groups: restored.map(([, group]) => group),
      count,
      lastFired: lastFired ?? undefined,
    };
  }
}

interface RangeState {
  accumulators: unknown[] | undefined;
  readonly rows: Map<number, Row[]>;
  lastFired: number | undefined;
  /** When the partition's state is dropped if no newer row arrives. */
  cleanupAt: number | undefined;
}

/**
 * Event-time `RANGE BETWEEN interval PRECEDING AND CURRENT ROW` (Flink's
 * RowTimeRangeBoundedPrecedingFunction). When the watermark reaches a rowtime, rows older than the
 * interval are retracted, that rowtime's rows accumulated together, and each goes out with the same
 * values. Late rows (at or before the last rowtime emitted) are dropped. A partition idle for 1.5
 * intervals is cleared by a cleanup timer, which forgets its last rowtime too.
 */
export class RowtimeRangeBoundedOver extends OverOperator<RangeState> {
  protected createState(): RangeState {
    return { accumulators: undefined, rows: new Map(), lastFired: undefined, cleanupAt: undefined };
  }

  protected accept(key: string, state: RangeState, row: Row): void {
    const time = row[this.config.rowtime] as number;
    if (time <= (state.lastFired ?? 0)) return;
    const rows = state.rows.get(time);
    if (rows) rows.push(row.slice());
    else {
      state.rows.set(time, [row.slice()]);
      this.timers.register(key, time);
    }
    const preceding = this.config.preceding;
    const earliest = time + preceding + 1;
    const latest = time + Math.trunc(preceding * 1.5) + 1;
    if (state.cleanupAt === undefined || state.cleanupAt < earliest) {
      this.timers.register(key, latest);
      state.cleanupAt = latest;
    }
  }

  protected onTimer(_key: string, time: number, state: RangeState): void {
    if (state.cleanupAt !== undefined && state.cleanupAt <= time) {
      // Every row has left the window: start the partition afresh (its other timers stay).
      state.accumulators = undefined;
      state.rows.clear();
      state.lastFired = undefined;
      state.cleanupAt = undefined;
      return;
    }
    const inputs = state.rows.get(time);
    if (inputs) {
      const acc = this.config.accumulators;
      const accumulators = state.accumulators ?? acc.create();
      const expired: number[] = [];
      for (const [t, rows] of state.rows)
        if (time - t > this.config.preceding) {
          for (const row of rows) acc.retract(accumulators, row);
          expired.push(t);
        }
      for (const row of inputs) acc.accumulate(accumulators, row);
      const values = acc.values(accumulators);
      for (const row of inputs) this.emit(row, values);
      for (const t of expired) state.rows.delete(t);
      state.accumulators = accumulators;
    }
    state.lastFired = time;
  }

  protected snapshotState(state: RangeState): SqlValue {
    const acc = this.config.accumulators;
    return [
      state.accumulators ? acc.snapshot(state.accumulators) : null,
      snapshotRows(state.rows),
      state.lastFired ?? null,
      state.cleanupAt ?? null,
    ];
  }

  protected restoreState(snapshot: SqlValue): RangeState {
    const [accumulators, rows, lastFired, cleanupAt] = snapshot as [
      SqlValue,
      SqlValue,
      number | null,
      number | null,
    ];
    return {
      accumulators: accumulators === null ? undefined : this.config.accumulators.restore(accumulators),
      rows: restoreRows(rows),
      lastFired: lastFired ?? undefined,
      cleanupAt: cleanupAt ?? undefined,
    };
  }
}
