import type { SqlValue } from "../../../common/value.ts";
import type { WindowProperty } from "../../plan/logical/group-window-aggregate.ts";
import type { WindowClock } from "./window-clock.ts";

/**
 * A fired window's properties as its output row carries them: start and end (wall-clock TIMESTAMPs),
 * its rowtime (window_time: the instant of its last millisecond) and its proctime (the clock now).
 */
export function propertyValues(
  properties: readonly WindowProperty[],
  start: number,
  end: number,
  clock: WindowClock,
  now: () => number,
): SqlValue[] {
  return properties.map((p) => {
    switch (p) {
      case "start":
        return start;
      case "end":
        return end;
      case "rowtime":
        return clock.fireTime(end);
      case "proctime":
        return now();
      default:
        return p satisfies never;
    }
  });
}
