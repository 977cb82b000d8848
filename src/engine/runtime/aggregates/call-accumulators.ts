import type { Row, SqlValue } from "../../../common/value.ts";
import type { AggregateFunction } from "./aggregate-function.ts";

/** One aggregate call at run time: its function, argument positions and FILTER column. */
export interface AggregateSlot {
  readonly fn: AggregateFunction;
  readonly args: readonly number[];
  readonly filter?: number;
}

/**
 * The accumulators of an operator's aggregate calls, one per call (Flink's generated
 * AggsHandleFunction): applies whole input rows through the FILTER columns with argument buffers
 * reused across rows, reads one value per call, snapshots and merges. Shared by GROUP BY, the
 * window aggregates and OVER.
 */
export class CallAccumulators {
  readonly calls: readonly AggregateSlot[];
  private readonly argBuffers: SqlValue[][];

  constructor(calls: readonly AggregateSlot[]) {
    this.calls = calls;
    this.argBuffers = calls.map((c) => new Array<SqlValue>(c.args.length).fill(null));
  }

  create(): unknown[] {
    return this.calls.map((c) => c.fn.createAccumulator());
  }

  /** Adds (`accumulate`) or takes back one input row. */
  apply(accumulators: unknown[], row: Row, accumulate: boolean): void {
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

  /** Folds `other` into `target` (calls whose functions support merging). */
  merge(target: unknown[], other: readonly unknown[]): void {
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) calls[i]!.fn.merge(target[i], other[i]);
  }

  /** The calls' current values. */
  values(accumulators: readonly unknown[]): SqlValue[] {
    return this.calls.map((c, i) => c.fn.getValue(accumulators[i]));
  }

  snapshot(accumulators: readonly unknown[]): SqlValue {
    return this.calls.map((c, i) => c.fn.snapshot(accumulators[i]));
  }

  restore(snapshot: SqlValue): unknown[] {
    return (snapshot as SqlValue[]).map((s, i) => this.calls[i]!.fn.restore(s));
  }
}
