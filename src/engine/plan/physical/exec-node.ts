import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import type { ScanExpressions } from "../scan-expressions.ts";
import type { ModifyKinds } from "./changelog-mode.ts";
import type { JoinExecNode } from "./join-nodes.ts";
import type { OrderingNode } from "./ordering-nodes.ts";
import { type WindowExecNode, windowExecInputs } from "./window-exec-nodes.ts";

/**
 * Physical plan nodes, named after Flink's stream exec nodes so EXPLAIN reads like Flink's. Each
 * one becomes one runtime operator. Expressions stay BoundExprs over the input's `fields`.
 */
export type ExecNode =
  | TableSourceScanNode
  | ValuesNode
  | CalcNode
  | ExpandNode
  | GroupAggregateNode
  | UnionNode
  | JoinExecNode
  | SinkNode
  | WindowExecNode
  | OrderingNode;

export interface TableSourceScanNode {
  readonly kind: "TableSourceScan";
  readonly table: TableSchema;
  /** What the source emits: insert-only for an append table, every kind for a primary-key table. */
  readonly produces: ModifyKinds;
  /** Positions of the primary key, when the table has one. */
  readonly primaryKey?: readonly number[];
  /** Computed columns and the watermark strategy, evaluated by the source row by row. */
  readonly expressions: ScanExpressions;
  readonly fields: Fields;
}

export interface ValuesNode {
  readonly kind: "Values";
  readonly rows: readonly (readonly BoundExpr[])[];
  readonly fields: Fields;
}

export interface CalcNode {
  readonly kind: "Calc";
  readonly input: ExecNode;
  readonly projections: readonly BoundExpr[];
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

/**
 * One copy of each input row per grouping set: the keys outside the set become NULL and a last
 * column `$e` holds the set's id. Output: the input's fields, then `$e`.
 */
export interface ExpandNode {
  readonly kind: "Expand";
  readonly input: ExecNode;
  /** Per set: the input positions set to NULL, and the `$e` value. */
  readonly sets: readonly { readonly nulls: readonly number[]; readonly id: number }[];
  readonly fields: Fields;
}

export interface GroupAggregateNode {
  readonly kind: "GroupAggregate";
  readonly input: ExecNode;
  /** Input positions of the keys; the output starts with them. */
  readonly grouping: readonly number[];
  readonly aggregates: readonly AggregateCall[];
  readonly fields: Fields;
}

export interface UnionNode {
  readonly kind: "Union";
  readonly inputs: readonly ExecNode[];
  readonly fields: Fields;
}

export interface SinkNode {
  readonly kind: "Sink";
  readonly input: ExecNode;
  readonly table: TableSchema;
  /** Input field i is table column `targetColumns[i]`. */
  readonly targetColumns: readonly number[];
  /** Input positions of the table's primary key: an upsert sink. Absent: an append sink. */
  readonly primaryKey?: readonly number[];
  readonly fields: Fields;
}

export function execInputs(node: ExecNode): readonly ExecNode[] {
  switch (node.kind) {
    case "TableSourceScan":
    case "Values":
      return [];
    case "Calc":
    case "Expand":
    case "GroupAggregate":
    case "Sink":
    case "Deduplicate":
    case "Rank":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "OverAggregate":
      return [node.input];
    case "Union":
      return node.inputs;
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
      return [node.left, node.right];
    case "LookupJoin":
    case "Correlate":
      return [node.input];
    case "WindowTableFunction":
    case "WindowAggregate":
    case "GroupWindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return windowExecInputs(node);
    default:
      return node satisfies never;
  }
}
