import type { Row, SqlValue } from "../../../../common/value.ts";
import type { AggregateFunction } from "../../aggregates/index.ts";

/** One OVER call at run time: its function, argument positions and FILTER column. */
export interface OverCall {
  readonly fn: AggregateFunction;
  readonly args: readonly number[];
  readonly filter?: number;
}

/**
 * The accumulators of all calls of one window (Flink's generated AggsHandleFunction): accumulate and
 * retract whole input rows, read one value per call. Accumulator arrays are the operator's state.
 */
export class OverAccumulators {
  private readonly calls: readonly OverCall[];
  private readonly argBuffers: SqlValue[][];

  constructor(calls: readonly OverCall[]) {
    this.calls = calls;
    this.argBuffers = calls.map((c) => new Array<SqlValue>(c.args.length).fill(null));
  }

  create(): unknown[] {
    return this.calls.map((c) => c.fn.createAccumulator());
  }

  accumulate(accumulators: unknown[], row: Row): void {
    this.apply(accumulators, row, true);
  }

  retract(accumulators: unknown[], row: Row): void {
    this.apply(accumulators, row, false);
  }

  /** The calls' current values. */
  values(accumulators: readonly unknown[]): SqlValue[] {
    return this.calls.map((c, i) => c.fn.getValue(accumulators[i]));
  }

  /** The input row followed by the calls' values: an OVER aggregation's output row. */
  output(row: Row, values: readonly SqlValue[]): Row {
    const n = row.length;
    const out = new Array<SqlValue>(n + values.length);
    for (let i = 0; i < n; i++) out[i] = row[i]!;
    for (let i = 0; i < values.length; i++) out[n + i] = values[i]!;
    return out;
  }

  snapshot(accumulators: readonly unknown[]): SqlValue {
    return this.calls.map((c, i) => c.fn.snapshot(accumulators[i]));
  }

  restore(snapshot: SqlValue): unknown[] {
    return (snapshot as SqlValue[]).map((s, i) => this.calls[i]!.fn.restore(s));
  }

  private apply(accumulators: unknown[], row: Row, accumulate: boolean): void {
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i]!;
      if (call.filter !== undefined && row[call.filter] !== true) continue;
      const args = this.argBuffers[i]!;
      for (let a = 0; a < call.args.length; a++) args[a] = row[call.args[a]!]!;
      if (accumulate) call.fn.accumulate(accumulators[i], args);
      else call.fn.retract(accumulators[i], args);
    }
  }
}
