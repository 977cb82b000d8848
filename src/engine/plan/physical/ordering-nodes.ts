import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import type { OverFrame } from "../logical/over.ts";
import type { RankRange, RankType } from "../logical/rank.ts";
import type { SortKey } from "../logical/sort-key.ts";
import type { ExecNode } from "./exec-node.ts";

/**
 * How a Rank processes its input (Flink's RankProcessStrategy), chosen with the changelog modes:
 * AppendFast for an insert-only input, UpdateFast when the input's updates only ever improve a row's
 * rank (an upsert key holding the partition key, a monotonic sort key), Retract otherwise. Undefined
 * until the changelog-mode inference decides.
 */
export type RankStrategy =
  | { readonly kind: "Undefined" }
  | { readonly kind: "AppendFast" }
  | { readonly kind: "UpdateFast"; readonly primaryKey: readonly number[] }
  | { readonly kind: "Retract" };

export const UNDEFINED_STRATEGY: RankStrategy = Object.freeze({ kind: "Undefined" });

/**
 * ROW_NUMBER() = 1 per partition ordered by a time attribute alone (Flink's StreamExecDeduplicate):
 * keeps the first row (ascending) or the last (descending) of each key, in processing-time arrival
 * order or by rowtime. Output: the input's fields.
 */
export interface DeduplicateNode {
  readonly kind: "Deduplicate";
  readonly input: ExecNode;
  readonly keys: readonly number[];
  readonly keepLastRow: boolean;
  readonly time: TimeAttribute;
  /** Input position of the time attribute the rows are ordered by. */
  readonly orderField: number;
  readonly fields: Fields;
}

/** Top-N per partition (Flink's StreamExecRank). Output: the input's fields, then the rank number when asked. */
export interface RankNode {
  readonly kind: "Rank";
  readonly input: ExecNode;
  readonly rankType: RankType;
  readonly range: RankRange;
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  readonly outputRankNumber: boolean;
  /** The time attribute of the first order key, when it is one (proctime ASC alone counts arrivals). */
  readonly orderTime?: TimeAttribute;
  readonly strategy: RankStrategy;
  readonly fields: Fields;
}

/** ORDER BY ... LIMIT: a Rank of the whole input without rank number (Flink's StreamExecSortLimit). */
export interface SortLimitNode {
  readonly kind: "SortLimit";
  readonly input: ExecNode;
  readonly orderKeys: readonly SortKey[];
  readonly offset: number;
  readonly fetch?: number;
  readonly orderTime?: TimeAttribute;
  readonly strategy: RankStrategy;
  readonly fields: Fields;
}

/** LIMIT / OFFSET without ORDER BY: the first rows to arrive (Flink's StreamExecLimit). */
export interface LimitNode {
  readonly kind: "Limit";
  readonly input: ExecNode;
  readonly offset: number;
  readonly fetch?: number;
  readonly fields: Fields;
}

/** ORDER BY a time attribute ascending, then other keys (Flink's StreamExecTemporalSort). */
export interface TemporalSortNode {
  readonly kind: "TemporalSort";
  readonly input: ExecNode;
  readonly orderKeys: readonly SortKey[];
  readonly time: TimeAttribute;
  readonly fields: Fields;
}

/**
 * Aggregates over a window of preceding rows, one output row per input row (Flink's
 * StreamExecOverAggregate). Output: the input's fields, then one value per call.
 */
export interface OverAggregateNode {
  readonly kind: "OverAggregate";
  readonly input: ExecNode;
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  /** The time attribute of the first order key, if it is one. */
  readonly orderTime?: TimeAttribute;
  readonly frame: OverFrame;
  readonly calls: readonly AggregateCall[];
  readonly fields: Fields;
}

/** The exec nodes that order rows within a partition: deduplication, Top-N, sorts and OVER. */
export type OrderingNode =
  | DeduplicateNode
  | RankNode
  | SortLimitNode
  | LimitNode
  | TemporalSortNode
  | OverAggregateNode;
