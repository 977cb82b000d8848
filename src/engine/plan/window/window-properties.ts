import { slotIndex } from "../layout.ts";
import type { WindowProperty } from "../logical/group-window-aggregate.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { windowAggregateShape } from "./window-aggregate-shape.ts";
import type { WindowSpec, WindowTime } from "./window-spec.ts";

/**
 * Which output fields of a plan are a window's bounds (Flink's RelWindowProperties): the rows are
 * windowed by `window`, and `starts`/`ends`/`times` list the positions holding window_start,
 * window_end and window_time (a column renamed or repeated by a projection appears more than once).
 * Operators that work per window (window aggregate, Top-N, deduplication, join) read them to key
 * their state by window and fire at the watermark.
 *
 * SELECT window_start AS ws, window_end, price FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), ...))
 *   → { window: TUMBLE, starts: [0], ends: [1], times: [] }
 */
export interface WindowProperties {
  readonly window: WindowSpec;
  readonly time: WindowTime;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly times: readonly number[];
  /**
   * For SESSION windows, the positions of its partition keys in this plan's output; undefined when a
   * projection dropped or computed over one of them.
   */
  readonly partitionKeys?: readonly number[];
}

/** The window properties of a plan's output, or undefined when its rows are not windowed. */
export function windowPropertiesOf(plan: LogicalPlan): WindowProperties | undefined {
  switch (plan.kind) {
    case "windowTableFunction": {
      const n = plan.input.fields.length;
      return {
        window: plan.window,
        time: plan.time,
        starts: [n],
        ends: [n + 1],
        times: [n + 2],
        ...(plan.window.kind === "SESSION" ? { partitionKeys: plan.window.partitionKeys } : {}),
      };
    }
    case "calc": {
      const input = windowPropertiesOf(plan.input);
      if (!input) return undefined;
      const positions = plan.projections.map((p) => slotIndex(plan.input.fields, p));
      const through = (fields: readonly number[]): number[] =>
        positions.flatMap((source, i) => (source >= 0 && fields.includes(source) ? [i] : []));
      const keys = input.partitionKeys?.map((k) => positions.indexOf(k));
      return {
        window: input.window,
        time: input.time,
        starts: through(input.starts),
        ends: through(input.ends),
        times: through(input.times),
        ...(keys?.every((k) => k >= 0) ? { partitionKeys: keys } : {}),
      };
    }
    case "aggregate": {
      const shape = windowAggregateShape(plan);
      if (!shape) return undefined;
      const of = (fields: readonly number[]): number[] =>
        plan.groupKeys.flatMap((k, i) => (fields.includes(k) ? [i] : []));
      return {
        window: shape.input.window,
        time: shape.input.time,
        starts: of(shape.input.starts),
        ends: of(shape.input.ends),
        times: of(shape.input.times),
      };
    }
    case "windowAggregate": {
      const first = plan.fields.length - plan.properties.length;
      const of = (property: WindowProperty): number[] =>
        plan.properties.flatMap((p, i) => (p === property ? [first + i] : []));
      return {
        window: plan.window,
        time: plan.windowing.time,
        starts: of("start"),
        ends: of("end"),
        times: of(plan.windowing.time.attribute),
      };
    }
    case "windowJoin": {
      const left = windowPropertiesOf(plan.left);
      const right = windowPropertiesOf(plan.right);
      if (!left || !right) return undefined;
      const shift = (fields: readonly number[]): number[] => fields.map((f) => f + plan.left.fields.length);
      return {
        window: left.window,
        time: left.time,
        starts: [...left.starts, ...shift(right.starts)],
        ends: [...left.ends, ...shift(right.ends)],
        times: [...left.times, ...shift(right.times)],
      };
    }
    case "rank": {
      // A window Top-N or deduplication keeps its rows' windows (its rank column comes after them).
      const input = windowPropertiesOf(plan.input);
      const holds = (fields: readonly number[]): boolean =>
        plan.partitionKeys.some((k) => fields.includes(k));
      return isWindowed(input) && holds(input.starts) && holds(input.ends) ? input : undefined;
    }
    case "scan":
    case "values":
    case "union":
    case "sink":
    case "groupWindowAggregate":
    case "join":
    case "correlate":
    case "over":
    case "sort":
      return undefined;
    default:
      return plan satisfies never;
  }
}

/** Whether the plan's rows carry both bounds of their window: what windowed operators need. */
export function isWindowed(properties: WindowProperties | undefined): properties is WindowProperties {
  return properties !== undefined && properties.starts.length > 0 && properties.ends.length > 0;
}
