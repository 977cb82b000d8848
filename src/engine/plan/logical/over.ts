import type { Fields } from "../layout.ts";
import type { AggregateCall } from "./aggregate.ts";
import type { LogicalPlan } from "./logical-plan.ts";
import type { SortKey } from "./sort-key.ts";

/**
 * A window frame's lower bound: everything before, or `offset` rows (ROWS) or milliseconds / order
 * key units (RANGE) before the current row. The upper bound is the current row (Flink streams no other).
 */
export type FrameBound =
  | { readonly kind: "unbounded" }
  | { readonly kind: "preceding"; readonly offset: number }
  | { readonly kind: "currentRow" }
  | { readonly kind: "following"; readonly offset: number }
  | { readonly kind: "unboundedFollowing" };

export interface OverFrame {
  readonly unit: "ROWS" | "RANGE";
  readonly lower: FrameBound;
  readonly upper: FrameBound;
}

/**
 * The OVER calls that share one window: partition, order and frame. Calls are aggregate calls over
 * input field indexes; a ranking or offset function is an aggregate call too (ROW_NUMBER, RANK, LAG),
 * as in Flink's over aggregation.
 */
export interface OverGroup {
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  readonly frame: OverFrame;
  readonly calls: readonly AggregateCall[];
}

/**
 * `f(...) OVER (...)` calls of one SELECT (Calcite's Window): every input row once, followed by one
 * value per call, computed over the rows of its window. Output: the input's fields, then the calls of
 * each group in order (Calcite names them `w0$o0`, `w0$o1`, ...).
 */
export interface LogicalOver {
  readonly kind: "over";
  readonly input: LogicalPlan;
  readonly groups: readonly OverGroup[];
  readonly fields: Fields;
}

export function logicalOver(input: LogicalPlan, groups: readonly OverGroup[], fields: Fields): LogicalOver {
  return Object.freeze({ kind: "over", input, groups, fields });
}
