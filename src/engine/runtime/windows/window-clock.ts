import type { WindowTime } from "../../plan/window/window-spec.ts";
import { localToUtc, utcToLocal } from "../functions/time-zone.ts";

/**
 * Time as windows see it. Windows over a TIMESTAMP rowtime are cut on its values as they are; over a
 * TIMESTAMP_LTZ (or processing time) they are cut on the session time zone's wall clock, so window
 * bounds are local TIMESTAMPs, and a window fires when the instant of its last millisecond has
 * passed (Flink's TimeWindowUtil.toUtcTimestampMills / toEpochMillsForTimer with `shiftTimeZone`).
 */
export class WindowClock {
  private readonly zone: string | undefined;

  constructor(time: WindowTime, timeZone: string) {
    this.zone = time.localTime && timeZone.toUpperCase() !== "UTC" ? timeZone : undefined;
  }

  /** A time attribute's value (an instant for LTZ) as the time windows are cut on. */
  windowTime(value: number): number {
    return this.zone === undefined ? value : utcToLocal(value, this.zone);
  }

  /**
   * The event or processing time at which the window ending at `end` fires: its last millisecond as
   * an instant. It is also the window's `window_time` (its rowtime).
   */
  fireTime(end: number): number {
    return this.zone === undefined ? end - 1 : localToUtc(end - 1, this.zone);
  }
}
