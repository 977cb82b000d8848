import type { Row, SqlValue } from "../../../../common/value.ts";
import type { Collector } from "../../operator.ts";
import { type OverConfig, OverOperator, restoreRows, snapshotRows } from "./over-operator.ts";

interface State {
  accumulators: unknown[] | undefined;
  /** Rows waiting for the watermark, by rowtime. */
  readonly waiting: Map<number, Row[]>;
}

/**
 * Event-time OVER with UNBOUNDED PRECEDING (Flink's RowTimeRows/RangeUnboundedPrecedingFunction).
 * Rows wait until the watermark passes them, then go out in rowtime order (arrival order within one
 * rowtime), each with the aggregates over all rows of its partition up to it — with RANGE, rows of
 * one rowtime are accumulated together and share the result. Rows at or before the watermark when
 * they arrive are late and dropped.
 *
 * SUM(v) OVER (PARTITION BY k ORDER BY ts ROWS UNBOUNDED PRECEDING): +I[a, 1, ts=2], +I[a, 2, ts=1],
 * watermark 2 → +I[a, 2, 1, 2], +I[a, 1, 2, 3]
 */
export class RowtimeUnboundedOver extends OverOperator<State> {
  private readonly rows: boolean;

  constructor(rows: boolean, config: OverConfig, out: Collector) {
    super(config, out);
    this.rows = rows;
  }

  protected createState(): State {
    return { accumulators: undefined, waiting: new Map() };
  }

  protected accept(key: string, state: State, row: Row): void {
    const time = row[this.config.rowtime] as number;
    if (time <= this.watermark) return;
    this.timers.register(key, this.watermark < 0 ? 0 : this.watermark + 1);
    const rows = state.waiting.get(time);
    if (rows) rows.push(row.slice());
    else state.waiting.set(time, [row.slice()]);
  }

  protected override waitsForWatermark(key: string): boolean {
    return (this.partitions.get(key)?.waiting.size ?? 0) > 0;
  }

  protected onTimer(key: string, _time: number, state: State): void {
    if (state.waiting.size === 0) return;
    const due: number[] = [];
    let early = false;
    for (const time of state.waiting.keys()) {
      if (time <= this.watermark) due.push(time);
      else early = true;
    }
    due.sort((a, b) => a - b);
    const acc = this.config.accumulators;
    const accumulators = state.accumulators ?? acc.create();
    for (const time of due) {
      const rows = state.waiting.get(time)!;
      state.waiting.delete(time);
      if (this.rows) {
        for (const row of rows) {
          acc.accumulate(accumulators, row);
          this.emit(row, acc.values(accumulators));
        }
      } else {
        for (const row of rows) acc.accumulate(accumulators, row);
        const values = acc.values(accumulators);
        for (const row of rows) this.emit(row, values);
      }
    }
    state.accumulators = accumulators;
    if (early) this.timers.register(key, this.watermark + 1);
  }

  protected snapshotState(state: State): SqlValue {
    const acc = this.config.accumulators;
    return [state.accumulators ? acc.snapshot(state.accumulators) : null, snapshotRows(state.waiting)];
  }

  protected restoreState(snapshot: SqlValue): State {
    const [accumulators, waiting] = snapshot as [SqlValue, SqlValue];
    return {
      accumulators: accumulators === null ? undefined : this.config.accumulators.restore(accumulators),
      waiting: restoreRows(waiting),
    };
  }
}
