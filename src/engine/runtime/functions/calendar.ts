/**
 * The engine's calendar arithmetic on run-time values (DATE = days since 1970-01-01, TIMESTAMP =
 * epoch milliseconds of the wall-clock time read as UTC): weeks, month arithmetic, civil times. The
 * day-number core is common/calendar.ts, re-exported here for the engine's functions.
 */
import {
  type CivilDate,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  floorDiv,
  floorMod,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
} from "../../../common/calendar.ts";

export * from "../../../common/calendar.ts";

/** ISO day of week, Monday = 1 ... Sunday = 7 (1970-01-01 was a Thursday). */
export function isoDayOfWeek(days: number): number {
  return floorMod(days + 3, 7) + 1;
}

/** SQL's DAYOFWEEK / EXTRACT(DOW): Sunday = 1 ... Saturday = 7. */
export function sundayFirstDayOfWeek(days: number): number {
  return floorMod(days + 4, 7) + 1;
}

export function dayOfYear(days: number): number {
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** ISO-8601 week-based year and week (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeek(days: number): { year: number; week: number } {
  const thursday = days - isoDayOfWeek(days) + 4;
  const { year } = civilFromDays(thursday);
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

/** Adds months to a date, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDays(days: number, months: number): number {
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The same for a timestamp: the time of day is kept. */
export function addMonthsToMillis(millis: number, months: number): number {
  const days = floorDiv(millis, MS_PER_DAY);
  return addMonthsToDays(days, months) * MS_PER_DAY + (millis - days * MS_PER_DAY);
}

/** The broken-down fields of a timestamp, for formatting and EXTRACT. */
export interface CivilTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Days since the epoch. */
  readonly days: number;
}

export function civilFromMillis(millis: number): CivilTime {
  const days = floorDiv(millis, MS_PER_DAY);
  const ms = millis - days * MS_PER_DAY;
  const date = civilFromDays(days);
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Math.floor(ms / MS_PER_HOUR),
    minute: Math.floor(ms / MS_PER_MINUTE) % 60,
    second: Math.floor(ms / MS_PER_SECOND) % 60,
    millisecond: ms % 1000,
    days,
  };
}

export function millisFromCivil(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * MS_PER_SECOND +
    millisecond
  );
}
