import { isAccumulate } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { OrderedPartition, WindowFunction } from "../../aggregates/index.ts";
import { rowsEqual } from "../../expr/index.ts";
import type { RowComparator } from "../row-comparator.ts";
import { restoreGroups, snapshotGroups } from "./append-only-top-n.ts";
import type { RankOutput } from "./rank-output.ts";
import { SortedGroups } from "./sorted-groups.ts";
import type { TopNFunction } from "./top-n-function.ts";

/**
 * RANK and DENSE_RANK Top-N, where peers share a rank. Flink 1.20 plans these but cannot run them
 * ("RANK() on streaming table is not supported currently"); Headwater runs them by keeping every row
 * of a partition and diffing the ranked rows in range before and after each change, ranks computed
 * by the OVER ranking functions. Rows that leave the range are `-D`, rows that enter `+I`; with rank
 * numbers a row whose rank changes is `-U` at its old rank and `+U` at its new one.
 *
 * RANK() <= 2 by v DESC, rank number: +I[a, 5] → +I[a, 5, 1]; +I[b, 5] → +I[b, 5, 1];
 * +I[c, 7] → -U[a, 5, 1], +U[a, 5, 2], -U[b, 5, 1], +U[b, 5, 2], +I[c, 7, 1]
 */
export function rankingTopN(
  compare: RowComparator,
  ranking: WindowFunction,
): TopNFunction<SortedGroups<Row>> {
  const dense = ranking.name === "DENSE_RANK";
  /** The rows in rank range with their ranks, best first. */
  const ranked = (buffer: SortedGroups<Row>, out: RankOutput): Map<Row, number> => {
    const rows: Row[] = [];
    const groupOf: number[] = [];
    for (let g = 0; g < buffer.groups.length; g++) {
      // Ranks only grow: a group starting past the rank end holds no row in range.
      if (!out.inRankEnd(dense ? g + 1 : rows.length + 1)) break;
      for (const row of buffer.groups[g]!.items) {
        rows.push(row);
        groupOf.push(g);
      }
    }
    const partition: OrderedPartition = {
      size: rows.length,
      isPeer: (a, b) => groupOf[a] === groupOf[b],
      args: () => [],
    };
    const ranks: SqlValue[] = new Array(rows.length);
    ranking.evaluateAll(partition, ranks);
    const result = new Map<Row, number>();
    for (let i = 0; i < rows.length; i++) {
      const rank = ranks[i] as number;
      if (out.inRankRange(rank)) result.set(rows[i]!, rank);
    }
    return result;
  };
  return {
    createState: () => new SortedGroups<Row>(compare),
    process(buffer, kind, row, out) {
      const before = ranked(buffer, out);
      if (isAccumulate(kind)) {
        const stored = row.slice();
        buffer.put(stored, stored);
      } else if (!buffer.remove(row, (r) => rowsEqual(r, row))) return;
      const after = ranked(buffer, out);
      for (const [r, rank] of before) {
        const now = after.get(r);
        if (now === undefined) out.deleteAt(r, rank);
        else if (now !== rank && out.outputRankNumber) {
          out.updateBeforeAt(r, rank);
          out.updateAfterAt(r, now);
        }
      }
      for (const [r, rank] of after) if (!before.has(r)) out.insertAt(r, rank);
    },
    snapshot: snapshotGroups,
    restore: (snapshot) => restoreGroups(snapshot, compare),
  };
}
