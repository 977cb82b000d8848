import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { Fields } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import type { WindowProperty } from "../logical/group-window-aggregate.ts";
import type { Windowing } from "../logical/window-aggregate.ts";
import type { WindowJoinSide, WindowJoinType } from "../logical/window-join.ts";
import type { WindowRankingNode } from "../window/window-rank-nodes.ts";
import type { WindowSpec, WindowTime } from "../window/window-spec.ts";
import type { ExecNode } from "./exec-node.ts";

/** The exec nodes of windowed operators, named as Flink's StreamExec nodes. */
export type WindowExecNode =
  | WindowTableFunctionNode
  | WindowAggregateNode
  | GroupWindowAggregateNode
  | WindowJoinNode
  | WindowRankingNode;

/** Each input row with the windows it falls in appended (window_start, window_end, window_time). */
export interface WindowTableFunctionNode {
  readonly kind: "WindowTableFunction";
  readonly input: ExecNode;
  readonly window: WindowSpec;
  readonly timeField: number;
  readonly time: WindowTime;
  readonly fields: Fields;
}

/**
 * A window TVF's GROUP BY window_start, window_end: one row per key and window, when the window
 * ends. Output: the keys (`grouping`, input positions), the aggregates, then the window properties.
 */
export interface WindowAggregateNode {
  readonly kind: "WindowAggregate";
  readonly input: ExecNode;
  readonly grouping: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly window: WindowSpec;
  readonly windowing: Windowing;
  readonly properties: readonly WindowProperty[];
  readonly fields: Fields;
}

/** The legacy `GROUP BY TUMBLE(ts, size)`: as WindowAggregate, with Flink's older operator and EXPLAIN. */
export interface GroupWindowAggregateNode {
  readonly kind: "GroupWindowAggregate";
  readonly input: ExecNode;
  readonly grouping: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly window: WindowSpec;
  readonly timeField: number;
  readonly time: WindowTime;
  readonly properties: readonly WindowProperty[];
  readonly fields: Fields;
}

/** Two windowed inputs joined window by window when the watermark passes each window's end. */
export interface WindowJoinNode {
  readonly kind: "WindowJoin";
  readonly left: ExecNode;
  readonly right: ExecNode;
  readonly joinType: WindowJoinType;
  readonly window: WindowSpec;
  readonly time: WindowTime;
  readonly leftSide: WindowJoinSide;
  readonly rightSide: WindowJoinSide;
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export function windowExecInputs(node: WindowExecNode): readonly ExecNode[] {
  return node.kind === "WindowJoin" ? [node.left, node.right] : [node.input];
}
