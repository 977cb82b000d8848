import type { Fields } from "../layout.ts";
import type { WindowSpec, WindowTime } from "../window/window-spec.ts";
import type { AggregateCall } from "./aggregate.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/** What a window adds to its aggregate's row: `TUMBLE_START`, `_END`, `_ROWTIME` (end - 1 ms), `_PROCTIME`. */
export type WindowProperty = "start" | "end" | "rowtime" | "proctime";

/**
 * The legacy group window, `GROUP BY k, TUMBLE(ts, INTERVAL '1' MINUTE)` with `TUMBLE_START(...)` and
 * friends in the select list (Flink's GroupWindowAggregate). Group keys and aggregate arguments are
 * input positions, as in LogicalAggregate; the window is TUMBLE, HOP or SESSION (whose sessions are
 * per group key). Output fields: the keys, the aggregates, then one field per property.
 */
export interface LogicalGroupWindowAggregate {
  readonly kind: "groupWindowAggregate";
  readonly input: LogicalPlan;
  readonly groupKeys: readonly number[];
  readonly window: WindowSpec;
  /** Position of the time attribute in the input's fields. */
  readonly timeField: number;
  readonly time: WindowTime;
  readonly aggregates: readonly AggregateCall[];
  readonly properties: readonly WindowProperty[];
  readonly fields: Fields;
}

export function logicalGroupWindowAggregate(
  node: Omit<LogicalGroupWindowAggregate, "kind">,
): LogicalGroupWindowAggregate {
  return Object.freeze({ kind: "groupWindowAggregate", ...node });
}
