import { isAccumulate } from "../../../../common/changelog.ts";
import type { Row } from "../../../../common/value.ts";
import type { RowComparator } from "../row-comparator.ts";
import type { TopNFunction } from "./top-n-function.ts";

/** A partition's best row so far; undefined before its first row. */
export interface TopOne {
  row: Row | undefined;
}

/**
 * Top-1 when rows only ever improve (Flink's FastTop1Function): an insert-only input, or updates
 * that only move a row up. The first row is `+I`; a strictly better one replaces it as an update
 * (`-U` old, `+U` new — the partition is the key); a tie or a worse row changes nothing.
 *
 * ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) <= 1: +I[a, 5] → +I[a, 5]; +I[a, 3] → nothing;
 * +I[a, 7] → -U[a, 5], +U[a, 7]
 */
export function fastTop1(compare: RowComparator): TopNFunction<TopOne> {
  return {
    createState: () => ({ row: undefined }),
    process(state, kind, row, out) {
      if (!isAccumulate(kind)) return;
      const previous = state.row;
      if (!previous) {
        state.row = row.slice();
        if (out.numbered) out.insertAt(row, 1);
        else out.insert(row);
        return;
      }
      if (compare(row, previous) >= 0) return;
      state.row = row.slice();
      if (out.numbered) {
        out.updateBeforeAt(previous, 1);
        out.updateAfterAt(row, 1);
      } else {
        out.updateBefore(previous);
        out.updateAfter(row);
      }
    },
    snapshot: (state) => state.row ?? null,
    restore: (snapshot) => ({ row: (snapshot as Row | null) ?? undefined }),
  };
}
