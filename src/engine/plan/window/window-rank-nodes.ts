import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { SortKey } from "../logical/sort-key.ts";
import type { ExecNode } from "../physical/exec-node.ts";
import type { WindowSpec, WindowTime } from "./window-spec.ts";

/**
 * Where a windowed Top-N or deduplication reads each row's window from: the window_start and
 * window_end fields an upstream window TVF or window aggregate attached (Flink's
 * WindowAttachedWindowingStrategy, the only windowing these operators run on).
 */
export interface AttachedWindow {
  readonly window: WindowSpec;
  readonly time: WindowTime;
  readonly start: number;
  readonly end: number;
}

/**
 * ROW_NUMBER() ≤ N per window and partition (Flink's StreamExecWindowRank): rows are buffered per
 * key and window and the window's top rows go out once, insert-only, when the watermark passes its
 * end. Output: the input's fields, then the rank number when the query reads it.
 */
export interface WindowRankNode {
  readonly kind: "WindowRank";
  readonly input: ExecNode;
  /** The partition keys other than the window's start, end and time columns. */
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  readonly rankStart: number;
  readonly rankEnd: number;
  readonly outputRankNumber: boolean;
  readonly windowing: AttachedWindow;
  readonly fields: Fields;
}

/**
 * ROW_NUMBER() = 1 per window and partition ordered by a time attribute alone (Flink's
 * StreamExecWindowDeduplicate): the first (ascending) or last (descending) row of each key and
 * window, emitted once, insert-only, when the watermark passes the window's end. Output: the input's
 * fields.
 */
export interface WindowDeduplicateNode {
  readonly kind: "WindowDeduplicate";
  readonly input: ExecNode;
  readonly partitionKeys: readonly number[];
  /** Input position of the time attribute rows are ordered by. */
  readonly orderKey: number;
  readonly orderTime: TimeAttribute;
  readonly keepLastRow: boolean;
  readonly windowing: AttachedWindow;
  readonly fields: Fields;
}

export type WindowRankingNode = WindowRankNode | WindowDeduplicateNode;
