import { isAccumulate } from "../../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import { partitionKeyOf } from "../partition-key.ts";
import type { RowComparator } from "../row-comparator.ts";
import type { RankOutput } from "./rank-output.ts";
import { SortedGroups } from "./sorted-groups.ts";
import type { TopNFunction } from "./top-n-function.ts";

/** A partition's top rows by their upsert key, and the keys in rank order. */
export interface UpdatableState {
  readonly buffer: SortedGroups<string>;
  readonly rows: Map<string, Row>;
}

/**
 * Top-N over an upsert input whose sort key only improves (Flink's UpdatableTopNFunction, the
 * UpdateFast strategy): `+U` rows replace the row of their upsert key, no `-U` needed. A row outside
 * the top is forgotten. Without rank number an update is `-U`/`+U` of the row and a newcomer `-D`s
 * the last row; with rank numbers the rows between the new and the old rank each move down one.
 */
export function updatableTopN(
  compare: RowComparator,
  primaryKey: readonly number[],
): TopNFunction<UpdatableState> {
  const keyOf = partitionKeyOf(primaryKey);
  const createState = (): UpdatableState => ({ buffer: new SortedGroups<string>(compare), rows: new Map() });
  return {
    createState,
    process(state, kind, row, out, topSize) {
      if (!isAccumulate(kind)) return;
      if (out.numbered) withRowNumber(state, row, keyOf(row), out, topSize, compare);
      else withoutRowNumber(state, row, keyOf(row), out, topSize, compare);
    },
    snapshot: (state): SqlValue => state.buffer.groups.map((g) => g.items.map((k) => state.rows.get(k)!)),
    restore(snapshot) {
      const state = createState();
      for (const group of snapshot as Row[][])
        for (const row of group) {
          const key = keyOf(row);
          state.buffer.put(row, key);
          state.rows.set(key, row);
        }
      return state;
    },
  };
}

function withoutRowNumber(
  state: UpdatableState,
  input: Row,
  key: string,
  out: RankOutput,
  topSize: number,
  compare: RowComparator,
): void {
  const { buffer, rows } = state;
  const old = rows.get(key);
  if (old) {
    if (compare(old, input) !== 0) {
      buffer.remove(old, (k) => k === key);
      buffer.put(input.slice(), key);
    }
    rows.set(key, input.slice());
    out.updateBefore(old);
    out.updateAfter(input);
    return;
  }
  if (!buffer.accepts(input, topSize)) return;
  buffer.put(input.slice(), key);
  rows.set(key, input.slice());
  if (buffer.size > out.rankEnd) {
    const last = buffer.removeLast();
    if (last !== undefined) {
      const removed = rows.get(last)!;
      rows.delete(last);
      out.delete(removed);
    }
  }
  out.insert(input);
}

/** The 1-based rank of `key`'s row, whose sort key is `sortKey`. */
function rankOf(buffer: SortedGroups<string>, sortKey: Row, key: string): number {
  let rank = 1;
  for (const group of buffer.groups) {
    const inner = group.items.indexOf(key);
    if (inner >= 0) return rank + inner;
    rank += group.items.length;
  }
  throw new Error(
    `internal error: row key ${key} of sort key ${JSON.stringify(sortKey)} is not in the Top-N buffer`,
  );
}

function withRowNumber(
  state: UpdatableState,
  input: Row,
  key: string,
  out: RankOutput,
  topSize: number,
  compare: RowComparator,
): void {
  const { buffer, rows } = state;
  const old = rows.get(key);
  if (old) {
    const c = compare(input, old);
    if (c === 0) {
      const rank = rankOf(buffer, input, key);
      rows.set(key, input.slice());
      out.updateBeforeAt(old, rank);
      out.updateAfterAt(input, rank);
      return;
    }
    const oldRank = rankOf(buffer, old, key);
    buffer.remove(old, (k) => k === key);
    buffer.put(input.slice(), key);
    rows.set(key, input.slice());
    if (c < 0) emitWithRowNumber(state, input, out, compare, { row: old, rank: oldRank });
    else {
      // The sort key got worse, which the planner's monotonicity promised against (a state expiry
      // upstream): Flink re-emits every rank between the old and the new position.
      emitIgnoringStateError(state, input, rankOf(buffer, input, key), old, oldRank, out);
    }
    return;
  }
  if (!buffer.accepts(input, topSize)) return;
  buffer.put(input.slice(), key);
  rows.set(key, input.slice());
  emitWithRowNumber(state, input, out, compare, undefined);
}

function emitIgnoringStateError(
  state: UpdatableState,
  input: Row,
  newRank: number,
  old: Row,
  oldRank: number,
  out: RankOutput,
): void {
  out.updateBeforeAt(old, oldRank);
  let rank = 0;
  affected: for (const group of state.buffer.groups)
    for (const k of group.items) {
      rank++;
      const current = state.rows.get(k)!;
      if (rank === newRank) break affected;
      if (oldRank <= rank) {
        out.updateBeforeAt(current, rank + 1);
        out.updateAfterAt(current, rank);
      }
    }
  out.updateAfterAt(input, newRank);
}

function emitWithRowNumber(
  state: UpdatableState,
  input: Row,
  out: RankOutput,
  compare: RowComparator,
  old: { row: Row; rank: number } | undefined,
): void {
  const { buffer, rows } = state;
  const groups = buffer.groups;
  let rank = 0;
  let current = input;
  let found = false;
  let oldRetracted = false;
  const retractOldFirst = (): void => {
    // The updated row's old rank goes before its new one: one upsert key, retracted first.
    if (current === input && old && !oldRetracted) {
      out.updateBeforeAt(old.row, old.rank);
      oldRetracted = true;
    }
  };
  let g = 0;
  while (g < groups.length && out.inRankEnd(rank)) {
    const group = groups[g++]!;
    if (!found && compare(group.key, input) === 0) {
      rank += group.items.length;
      found = true;
    } else if (found) {
      if (old && compare(group.key, old.row) > 0) break;
      const limit = old ? (r: number) => r < old.rank : (r: number) => out.inRankEnd(r);
      for (let i = 0; i < group.items.length && limit(rank); i++) {
        const previous = rows.get(group.items[i]!)!;
        out.updateBeforeAt(previous, rank);
        retractOldFirst();
        out.updateAfterAt(current, rank);
        current = previous;
        rank++;
      }
    } else {
      rank += group.items.length;
    }
  }
  if (out.inRankEnd(rank)) {
    if (!old) out.insertAt(current, rank);
    else {
      if (rank !== old.rank)
        throw new Error(
          `internal error: Top-N update reached rank ${rank}, expected the old rank ${old.rank}`,
        );
      if (!oldRetracted) out.updateBeforeAt(old.row, old.rank);
      out.updateAfterAt(current, rank);
    }
    return;
  }
  for (const removed of buffer.truncate(g)) for (const k of removed.items) rows.delete(k);
}
