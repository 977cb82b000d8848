import type { SqlValue } from "../../../../common/value.ts";

/**
 * One partition of an OVER window, already sorted by the window's ORDER BY: what the ranking and offset
 * functions need from the OVER operator, which owns the rows.
 */
export interface OrderedPartition {
  readonly size: number;
  /** Whether rows a and b are peers: equal on every ORDER BY key (all rows are peers without ORDER BY). */
  isPeer(a: number, b: number): boolean;
  /** The function call's evaluated arguments for row i (LAG(x, 2, d) → [x, 2, d]). */
  args(i: number): readonly SqlValue[];
}

/**
 * ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD. `evaluateAll` computes the
 * whole partition in one pass (O(n)); `evaluateRow` one row, O(1) for ROW_NUMBER/LAG/LEAD and
 * O(peer group) or O(row) for the others. Flink streams only ROW_NUMBER (through its Rank operator) and
 * LAG; the others are batch-only there (AggFunctionFactory throws "... is not supported in stream mode").
 */
export interface WindowFunction {
  readonly name: string;
  evaluateAll(partition: OrderedPartition, out: SqlValue[]): void;
  evaluateRow(partition: OrderedPartition, row: number): SqlValue;
}
