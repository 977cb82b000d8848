import type { SqlValue } from "../../../../common/value.ts";
import type { OrderedPartition, WindowFunction } from "./window-function.ts";

/** ROW_NUMBER(): 1, 2, 3... in partition order (Flink's RowNumberAggFunction). */
export const rowNumber: WindowFunction = {
  name: "ROW_NUMBER",
  evaluateAll(partition, out) {
    for (let i = 0; i < partition.size; i++) out[i] = i + 1;
  },
  evaluateRow: (_partition, row) => row + 1,
};

/** The index of the first row of `row`'s peer group. */
function peerGroupStart(partition: OrderedPartition, row: number): number {
  let start = row;
  while (start > 0 && partition.isPeer(start - 1, row)) start--;
  return start;
}

/** The index of the last row of `row`'s peer group. */
function peerGroupEnd(partition: OrderedPartition, row: number): number {
  let end = row;
  while (end + 1 < partition.size && partition.isPeer(end + 1, row)) end++;
  return end;
}

/** RANK(): 1 + the number of rows before the row's peer group; peers share it, gaps follow (RankAggFunction). */
export const rank: WindowFunction = {
  name: "RANK",
  evaluateAll(partition, out) {
    for (let i = 0; i < partition.size; i++)
      out[i] = i > 0 && partition.isPeer(i - 1, i) ? out[i - 1]! : i + 1;
  },
  evaluateRow: (partition, row) => peerGroupStart(partition, row) + 1,
};

/** DENSE_RANK(): the number of peer groups up to the row's, without gaps (DenseRankAggFunction). */
export const denseRank: WindowFunction = {
  name: "DENSE_RANK",
  evaluateAll(partition, out) {
    let group = 0;
    for (let i = 0; i < partition.size; i++) {
      if (i === 0 || !partition.isPeer(i - 1, i)) group++;
      out[i] = group;
    }
  },
  evaluateRow(partition, row) {
    let group = 1;
    for (let i = 1; i <= row; i++) if (!partition.isPeer(i - 1, i)) group++;
    return group;
  },
};

/** PERCENT_RANK(): (RANK - 1) / (rows - 1), 0 for a single row (PercentRankAggFunction). */
export const percentRank: WindowFunction = {
  name: "PERCENT_RANK",
  evaluateAll(partition, out) {
    rank.evaluateAll(partition, out);
    const n = partition.size;
    for (let i = 0; i < n; i++) out[i] = n > 1 ? ((out[i] as number) - 1) / (n - 1) : 0;
  },
  evaluateRow(partition, row) {
    const n = partition.size;
    return n > 1 ? peerGroupStart(partition, row) / (n - 1) : 0;
  },
};

/** CUME_DIST(): rows up to and including the row's last peer, divided by the rows (CumeDistAggFunction). */
export const cumeDist: WindowFunction = {
  name: "CUME_DIST",
  evaluateAll(partition, out) {
    const n = partition.size;
    let i = 0;
    while (i < n) {
      const end = peerGroupEnd(partition, i);
      for (let j = i; j <= end; j++) out[j] = (end + 1) / n;
      i = end + 1;
    }
  },
  evaluateRow: (partition, row) => (peerGroupEnd(partition, row) + 1) / partition.size,
};

/**
 * NTILE(k): splits the rows into k buckets whose sizes differ by at most one, the larger ones first
 * (NTILEAggFunction: bucket size rows / k, the first rows % k buckets one row larger). k comes from the
 * row's own argument; NULL or a non-positive k gives NULL.
 */
export const ntile: WindowFunction = {
  name: "NTILE",
  evaluateAll(partition, out) {
    for (let i = 0; i < partition.size; i++) out[i] = ntileOf(partition, i);
  },
  evaluateRow: ntileOf,
};

function ntileOf(partition: OrderedPartition, row: number): SqlValue {
  const buckets = partition.args(row)[0];
  if (typeof buckets !== "number" || buckets <= 0) return null;
  const n = partition.size;
  const size = Math.floor(n / buckets);
  const larger = n % buckets;
  // The first `larger` buckets hold size + 1 rows.
  const inLarger = larger * (size + 1);
  return row < inLarger ? Math.floor(row / (size + 1)) + 1 : larger + Math.floor((row - inLarger) / size) + 1;
}
