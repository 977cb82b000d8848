import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { Fields } from "../layout.ts";
import type { WindowSpec, WindowTime } from "../window/window-spec.ts";
import type { LogicalPlan } from "./logical-plan.ts";

export type WindowJoinType = "INNER" | "LEFT" | "RIGHT" | "FULL";

/** One input of a window join: where its rows carry their window, and its equi-join key columns. */
export interface WindowJoinSide {
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Key positions, pairwise equal to the other side's (`l.keys[i] = r.keys[i]`). */
  readonly keys: readonly number[];
}

/**
 * A join of two windowed inputs cut by the same window, on `l.window_start = r.window_start AND
 * l.window_end = r.window_end` plus equi-keys (Flink's WindowJoin): rows meet only within one window,
 * and each window is joined once, when the watermark passes its end. `condition` is the rest of the
 * ON clause, over the left's fields followed by the right's. Output fields: the left's, then the
 * right's (nullable on an outer side).
 */
export interface LogicalWindowJoin {
  readonly kind: "windowJoin";
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: WindowJoinType;
  readonly window: WindowSpec;
  readonly time: WindowTime;
  readonly leftSide: WindowJoinSide;
  readonly rightSide: WindowJoinSide;
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export function logicalWindowJoin(node: Omit<LogicalWindowJoin, "kind">): LogicalWindowJoin {
  return Object.freeze({ kind: "windowJoin", ...node });
}
