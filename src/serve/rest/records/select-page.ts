import type { Row, SqlValue } from "../../../common/value.ts";
import { compareTuples, type PositionedRow, type SortOrder, sortTuple } from "./sort-order.ts";

export interface Page {
  readonly rows: readonly Row[];
  /** The sort tuple of the last row when more rows follow, for the next cursor. */
  readonly last: readonly SqlValue[] | undefined;
  /** How many rows match the filters, on every page. */
  readonly matched: number;
}

/**
 * One page of a listing in a single pass over the rows: keeps the `limit + 1` smallest matching
 * tuples after the cursor in a sorted buffer (binary insertion), so a page costs O(n log limit)
 * instead of sorting the whole table.
 */
export function selectPage(
  rows: readonly Row[],
  matches: (row: Row) => boolean,
  order: SortOrder,
  after: readonly SqlValue[] | undefined,
  limit: number,
): Page {
  const capacity = limit + 1;
  const best: { tuple: SqlValue[]; row: Row }[] = [];
  let matched = 0;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position]!;
    if (!matches(row)) continue;
    matched++;
    const entry: PositionedRow = { row, position };
    const tuple = sortTuple(order, entry);
    if (after && compareTuples(order, tuple, after) <= 0) continue;
    if (best.length === capacity && compareTuples(order, tuple, best[capacity - 1]!.tuple) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareTuples(order, best[mid]!.tuple, tuple) <= 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, { tuple, row });
    if (best.length > capacity) best.pop();
  }
  const more = best.length > limit;
  const page = best.slice(0, limit);
  return { rows: page.map((e) => e.row), last: more ? page[page.length - 1]!.tuple : undefined, matched };
}
