import type { SqlValue } from "../../../../common/value.ts";
import type { TopNFunction } from "./top-n-function.ts";

/** How many rows of a partition have arrived (up to the rank end). */
export interface ArrivalCount {
  count: number;
}

/**
 * Top-N ordered by nothing but processing time ascending, over an insert-only input (Flink's
 * AppendOnlyFirstNFunction): the first N rows of each partition in arrival order, each `+I` once (at
 * its rank when ranks are asked for); later rows are dropped.
 */
export function appendOnlyFirstN(): TopNFunction<ArrivalCount> {
  return {
    createState: () => ({ count: 0 }),
    process(state, _kind, row, out) {
      if (state.count >= out.rankEnd) return;
      state.count++;
      if (out.numbered) out.insertAt(row, state.count);
      else out.insert(row);
    },
    snapshot: (state): SqlValue => state.count,
    restore: (snapshot) => ({ count: snapshot as number }),
  };
}
