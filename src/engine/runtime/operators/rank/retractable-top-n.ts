import { isAccumulate } from "../../../../common/changelog.ts";
import type { Row } from "../../../../common/value.ts";
import { rowsEqual } from "../../expr/index.ts";
import type { RowComparator } from "../row-comparator.ts";
import { restoreGroups, snapshotGroups } from "./append-only-top-n.ts";
import type { RankOutput } from "./rank-output.ts";
import { type SortedGroup, SortedGroups } from "./sorted-groups.ts";
import type { TopNFunction } from "./top-n-function.ts";

/**
 * Top-N over an input that takes rows back (Flink's RetractableTopNFunction). Every row of a
 * partition is kept, grouped by sort key in arrival order, so a row leaving the top lets the next
 * one in. Changes are emitted as Flink does, walking the ranks from the top:
 * - without rank number, a newcomer `-D`s the row it pushes out of the top and is `+I`; a retracted
 *   top row is `-D` and the row that moves up into rank N is `+I`;
 * - with rank numbers, every rank from the change down is `-U` old row / `+U` new row; an insert into
 *   a partial top is `+I` at its rank, and a retraction from one `-D`s the last rank.
 * A retraction of a row the partition never had is ignored (Flink's lenient stale-state handling).
 */
export function retractableTopN(compare: RowComparator): TopNFunction<SortedGroups<Row>> {
  return {
    createState: () => new SortedGroups<Row>(compare),
    process(buffer, kind, row, out) {
      if (isAccumulate(kind)) {
        const stored = row.slice();
        const g = buffer.search(stored);
        if (out.numbered) emitWithRowNumber(buffer, stored, g, out);
        else emitWithoutRowNumber(buffer, stored, g, out);
        buffer.put(stored, stored);
        return;
      }
      const g = buffer.search(row);
      if (g < 0) return;
      const at = buffer.groups[g]!.items.findIndex((r) => rowsEqual(r, row));
      if (at < 0) return;
      if (out.numbered) retractWithRowNumber(buffer.groups, g, at, out);
      else retractWithoutRowNumber(buffer.groups, g, at, out);
      buffer.remove(row, (r) => rowsEqual(r, row));
    },
    snapshot: snapshotGroups,
    restore: (snapshot) => restoreGroups(snapshot, compare),
  };
}

/**
 * The ranks an accumulated row shifts. `g` is its sort key's group (or where that group will go):
 * the row lands after the group's rows, and every row behind it moves down one rank.
 */
function emitWithRowNumber(buffer: SortedGroups<Row>, input: Row, g: number, out: RankOutput): void {
  const groups = buffer.groups;
  const own = g >= 0 ? g : -g - 1;
  let rank = 0;
  for (let i = 0; i < own; i++) rank += groups[i]!.items.length;
  if (!out.inRankEnd(rank)) return;
  rank += (g >= 0 ? groups[own]!.items.length : 0) + 1;
  let current = input;
  for (let i = g >= 0 ? own + 1 : own; i < groups.length && out.inRankEnd(rank); i++) {
    const items = groups[i]!.items;
    for (let j = 0; j < items.length && out.inRankEnd(rank); j++) {
      out.updateBeforeAt(items[j]!, rank);
      out.updateAfterAt(current, rank);
      current = items[j]!;
      rank++;
    }
  }
  if (out.inRankEnd(rank)) out.insertAt(current, rank);
}

function emitWithoutRowNumber(buffer: SortedGroups<Row>, input: Row, g: number, out: RankOutput): void {
  const groups = buffer.groups;
  const own = g >= 0 ? g : -g - 1;
  let rank = 0;
  for (let i = 0; i < own; i++) rank += groups[i]!.items.length;
  if (!out.inRankEnd(rank)) return;
  rank += (g >= 0 ? groups[own]!.items.length : 0) + 1;
  const collect = out.inRankRange(rank);
  let pushedOut: Row | undefined;
  for (let i = g >= 0 ? own + 1 : own; i < groups.length && out.inRankEnd(rank); i++) {
    const count = groups[i]!.items.length;
    if (out.inRankEnd(rank + count)) rank += count;
    else {
      pushedOut = groups[i]!.items[out.rankEnd - rank];
      break;
    }
  }
  if (pushedOut) out.delete(pushedOut);
  if (collect) out.insert(input);
}

/** Retraction of item `at` of group `g`, with rank numbers: the ranks below it move up one. */
function retractWithRowNumber(
  groups: readonly SortedGroup<Row>[],
  g: number,
  at: number,
  out: RankOutput,
): void {
  let rank = 0;
  for (let i = 0; i < g; i++) rank += groups[i]!.items.length;
  if (!out.inRankEnd(rank + at)) return;
  rank += at + 1;
  let previous = groups[g]!.items[at]!;
  const walk = (items: readonly Row[], from: number): void => {
    for (let j = from; j < items.length && out.inRankEnd(rank); j++) {
      out.updateBeforeAt(previous, rank);
      out.updateAfterAt(items[j]!, rank);
      previous = items[j]!;
      rank++;
    }
  };
  walk(groups[g]!.items, at + 1);
  for (let i = g + 1; i < groups.length && out.inRankEnd(rank); i++) walk(groups[i]!.items, 0);
  if (out.inRankEnd(rank)) out.deleteAt(previous, rank);
}

/** Retraction without rank numbers: `-D` the row, `+I` whichever row moves up into the last rank. */
function retractWithoutRowNumber(
  groups: readonly SortedGroup<Row>[],
  g: number,
  at: number,
  out: RankOutput,
): void {
  let next = 1;
  for (let i = 0; i < g; i++) next += groups[i]!.items.length;
  if (!out.inRankEnd(next + at)) return;
  const own = groups[g]!.items;
  out.deleteAt(own[at]!, next + at);
  next += at;
  // The rows after it in its own group move up one rank each.
  for (let j = at + 1; j < own.length && out.inRankEnd(next); j++, next++)
    if (next === out.rankEnd) out.insertAt(own[j]!, next);
  for (let i = g + 1; i < groups.length && out.inRankEnd(next); i++) {
    const items = groups[i]!.items;
    const lastRank = next + items.length - 1;
    if (lastRank < out.rankEnd) next = lastRank + 1;
    else {
      out.insert(items[out.rankEnd - next]!);
      break;
    }
  }
}
