import type { Fields } from "../layout.ts";
import type { WindowSpec, WindowTime } from "../window/window-spec.ts";
import type { AggregateCall } from "./aggregate.ts";
import type { WindowProperty } from "./group-window-aggregate.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * Where a window aggregate's rows get their window (Flink's WindowingStrategy): assigned from a time
 * attribute of its input, or read from window_start/window_end columns an upstream windowed operator
 * attached.
 */
export type Windowing =
  | { readonly kind: "timeAttribute"; readonly timeField: number; readonly time: WindowTime }
  | {
      readonly kind: "windowAttached";
      readonly start: number;
      readonly end: number;
      readonly time: WindowTime;
    };

/** One grouping set of a windowed GROUP BY: the key positions it sets to NULL, and its `$e` id. */
export interface WindowGroupingSet {
  readonly nulls: readonly number[];
  readonly id: number;
}

/**
 * GROUP BY window_start, window_end [, keys] of windowed rows: one row per key and window, emitted
 * when the window ends (Flink's WindowAggregate). `groupKeys` are the other keys (input positions);
 * with grouping sets, each input row is expanded once per set and the set's `$e` becomes a key.
 * Output fields: the keys, `$e` (grouping sets), the aggregates, then the window properties.
 */
export interface LogicalWindowAggregate {
  readonly kind: "windowAggregate";
  readonly input: LogicalPlan;
  readonly groupKeys: readonly number[];
  readonly groupingSets?: readonly WindowGroupingSet[];
  readonly aggregates: readonly AggregateCall[];
  readonly window: WindowSpec;
  readonly windowing: Windowing;
  readonly properties: readonly WindowProperty[];
  readonly fields: Fields;
}

export function logicalWindowAggregate(node: Omit<LogicalWindowAggregate, "kind">): LogicalWindowAggregate {
  return Object.freeze({ kind: "windowAggregate", ...node });
}
