import type { RowKind } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import type { RowComparator } from "../row-comparator.ts";
import type { RankOutput } from "./rank-output.ts";
import { SortedGroups } from "./sorted-groups.ts";
import type { TopNFunction } from "./top-n-function.ts";

/**
 * Top-N over an insert-only input (Flink's AppendOnlyTopNFunction). A partition keeps its best rows,
 * ties in arrival order; a row that cannot make the top is dropped on arrival. Without rank number a
 * newcomer pushes the last row out (`-D` it, `+I` the newcomer); with rank numbers every row below it
 * moves down one rank (`-U`/`+U` per rank, the last one out of range dropped), and a row landing
 * below the others is `+I` at its rank.
 *
 * Top 2 by v DESC, rank number: +I[a, 5] → +I[a, 5, 1]; +I[b, 7] → -U[a, 5, 1], +U[b, 7, 1], +I[a, 5, 2]
 */
export function appendOnlyTopN(compare: RowComparator): TopNFunction<SortedGroups<Row>> {
  return {
    createState: () => new SortedGroups<Row>(compare),
    process(buffer, _kind: RowKind, row, out, topSize) {
      if (!buffer.accepts(row, topSize)) return;
      const stored = row.slice();
      buffer.put(stored, stored);
      if (out.numbered) withRowNumber(buffer, stored, out);
      else withoutRowNumber(buffer, stored, out);
    },
    snapshot: (buffer) => snapshotGroups(buffer),
    restore: (snapshot) => restoreGroups(snapshot, compare),
  };
}

/**
 * The walk from the top of Flink's processElementWithRowNumber; the newcomer's group is found by
 * binary search instead of comparing every group on the way, which reaches the same group.
 */
function withRowNumber(buffer: SortedGroups<Row>, input: Row, out: RankOutput): void {
  const groups = buffer.groups;
  const own = buffer.search(input);
  let rank = 0;
  let g = 0;
  while (g < own && out.inRankEnd(rank)) rank += groups[g++]!.items.length;
  if (g < own) {
    buffer.truncate(g);
    return;
  }
  if (!out.inRankEnd(rank)) {
    buffer.truncate(g);
    return;
  }
  rank += groups[g++]!.items.length;
  let current = input;
  while (g < groups.length && out.inRankEnd(rank)) {
    const items = groups[g++]!.items;
    for (let i = 0; i < items.length && out.inRankEnd(rank); i++) {
      const previous = items[i]!;
      out.updateBeforeAt(previous, rank);
      out.updateAfterAt(current, rank);
      current = previous;
      rank++;
    }
  }
  if (out.inRankEnd(rank)) out.insertAt(current, rank);
  // What lies past the group where the walk stopped can never make the top again.
  buffer.truncate(g);
}

function withoutRowNumber(buffer: SortedGroups<Row>, input: Row, out: RankOutput): void {
  if (buffer.size > out.rankEnd) {
    const last = buffer.removeLast();
    if (last === input) return;
    if (last) out.delete(last);
  }
  out.insert(input);
}

/** The groups as `[key row, rows]` pairs, in order. */
export function snapshotGroups(buffer: SortedGroups<Row>): SqlValue {
  return buffer.groups.map((g) => [g.key, g.items]);
}

export function restoreGroups(snapshot: SqlValue, compare: RowComparator): SortedGroups<Row> {
  const buffer = new SortedGroups<Row>(compare);
  for (const [key, items] of snapshot as [Row, Row[]][]) for (const item of items) buffer.put(key, item);
  return buffer;
}
