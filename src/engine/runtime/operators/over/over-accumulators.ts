import type { Row, SqlValue } from "../../../../common/value.ts";
import { CallAccumulators } from "../../aggregates/call-accumulators.ts";

/**
 * The accumulators of all calls of one OVER window: accumulate and retract whole input rows, read
 * one value per call. Accumulator arrays are the operator's state.
 */
export class OverAccumulators extends CallAccumulators {
  accumulate(accumulators: unknown[], row: Row): void {
    this.apply(accumulators, row, true);
  }

  retract(accumulators: unknown[], row: Row): void {
    this.apply(accumulators, row, false);
  }

  /** The input row followed by the calls' values: an OVER aggregation's output row. */
  output(row: Row, values: readonly SqlValue[]): Row {
    const n = row.length;
    const out = new Array<SqlValue>(n + values.length);
    for (let i = 0; i < n; i++) out[i] = row[i]!;
    for (let i = 0; i < values.length; i++) out[n + i] = values[i]!;
    return out;
  }
}
