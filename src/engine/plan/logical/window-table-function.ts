import type { Fields } from "../layout.ts";
import type { WindowSpec, WindowTime } from "../window/window-spec.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * A window TVF, `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' SECOND))`: each input row once per
 * window it falls in, with window_start, window_end and window_time appended. Output fields: the
 * input's, then those three.
 */
export interface LogicalWindowTableFunction {
  readonly kind: "windowTableFunction";
  readonly input: LogicalPlan;
  readonly window: WindowSpec;
  /** Position of the time attribute in the input's fields. */
  readonly timeField: number;
  readonly time: WindowTime;
  readonly fields: Fields;
}

export function logicalWindowTableFunction(
  input: LogicalPlan,
  window: WindowSpec,
  timeField: number,
  time: WindowTime,
  fields: Fields,
): LogicalWindowTableFunction {
  return Object.freeze({ kind: "windowTableFunction", input, window, timeField, time, fields });
}
