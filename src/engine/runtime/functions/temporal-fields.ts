import type { DataType } from "../../../sql/types/data-type.ts";
import type { EvalContext } from "../expr/eval-context.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import {
  addMonthsToDays,
  addMonthsToMillis,
  civilFromDays,
  dayOfYear,
  floorDiv,
  floorMod,
  isoDayOfWeek,
  isoWeek,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  sundayFirstDayOfWeek,
} from "./calendar.ts";
import { localToUtc, utcToLocal } from "./time-zone.ts";

/**
 * Reading datetimes as wall-clock fields. A TIMESTAMP_LTZ is an instant: its fields are those of the
 * session time zone, as Flink's DateTimeUtils does with `tz.getOffset`. DATE and TIME are widened to
 * a timestamp at midnight / on 1970-01-01.
 */
export type WallClock = (value: number, ctx: EvalContext) => number;

export function wallClockOf(type: DataType): WallClock {
  switch (type.kind) {
    case "DATE":
      return (v) => v * MS_PER_DAY;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return (v, ctx) => utcToLocal(v, ctx.timeZone);
    default:
      return (v) => v;
  }
}

/** The inverse, for results that are datetimes of `type` again (FLOOR(ltz TO DAY)). */
export function fromWallClock(type: DataType): WallClock {
  switch (type.kind) {
    case "DATE":
      return (v) => floorDiv(v, MS_PER_DAY);
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return (v, ctx) => localToUtc(v, ctx.timeZone);
    default:
      return (v) => v;
  }
}

const UNIT_MILLIS: Record<string, number> = {
  WEEK: 7 * MS_PER_DAY,
  DAY: MS_PER_DAY,
  HOUR: MS_PER_HOUR,
  MINUTE: MS_PER_MINUTE,
  SECOND: MS_PER_SECOND,
  MILLISECOND: 1,
};

const UNIT_MONTHS: Record<string, number> = { YEAR: 12, QUARTER: 3, MONTH: 1 };

/** Java's `/` on longs: truncation toward zero. */
function truncDiv(a: number, b: number): number {
  return Math.trunc(a / b) + 0;
}

/**
 * EXTRACT(unit FROM wall-clock millis), Flink's DateTimeUtils.convertExtract: calendar units from the
 * date; SECOND, MILLISECOND (= seconds × 1000 + ms), MICROSECOND, NANOSECOND within the minute;
 * EPOCH in seconds; DOW Sunday = 1; WEEK and ISOYEAR by ISO-8601.
 */
export function extractFromMillis(unit: string, millis: number): number {
  switch (unit) {
    case "EPOCH":
      return truncDiv(millis, 1000);
    case "HOUR":
      return Math.floor(floorMod(millis, MS_PER_DAY) / MS_PER_HOUR);
    case "MINUTE":
      return Math.floor(floorMod(millis, MS_PER_HOUR) / MS_PER_MINUTE);
    case "SECOND":
      return Math.floor(floorMod(millis, MS_PER_MINUTE) / MS_PER_SECOND);
    case "MILLISECOND":
      return floorMod(millis, MS_PER_MINUTE);
    case "MICROSECOND":
      return floorMod(millis, MS_PER_MINUTE) * 1000;
    case "NANOSECOND":
      return floorMod(millis, MS_PER_MINUTE) * 1_000_000;
    default:
      return extractFromDays(unit, floorDiv(millis, MS_PER_DAY));
  }
}

export function extractFromDays(unit: string, days: number): number {
  const { year, month, day } = civilFromDays(days);
  switch (unit) {
    case "YEAR":
      return year;
    case "QUARTER":
      return Math.floor((month + 2) / 3);
    case "MONTH":
      return month;
    case "DAY":
      return day;
    case "DOW":
      return sundayFirstDayOfWeek(days);
    case "ISODOW":
      return isoDayOfWeek(days);
    case "DOY":
      return dayOfYear(days);
    case "WEEK":
      return isoWeek(days).week;
    case "ISOYEAR":
      return isoWeek(days).year;
    case "DECADE":
      return truncDiv(year, 10);
    case "CENTURY":
      return year > 0 ? truncDiv(year + 99, 100) : truncDiv(year - 99, 100);
    case "MILLENNIUM":
      return year > 0 ? truncDiv(year + 999, 1000) : truncDiv(year - 999, 1000);
    case "EPOCH":
      return days * 86400;
    case "HOUR":
    case "MINUTE":
    case "SECOND":
    case "MILLISECOND":
    case "MICROSECOND":
    case "NANOSECOND":
      return 0;
    default:
      throw new SqlEvalError("EXTRACT", `unsupported time unit ${unit}`);
  }
}

/** EXTRACT from an interval: months for YEAR TO MONTH, milliseconds for DAY TO SECOND. */
export function extractFromInterval(unit: string, value: number, yearMonth: boolean): number {
  if (yearMonth) {
    if (unit === "YEAR") return truncDiv(value, 12);
    if (unit === "MONTH") return value % 12;
    if (unit === "QUARTER") return truncDiv(value % 12, 3) + 1;
    throw new SqlEvalError("EXTRACT", `cannot extract ${unit} from a year-month interval`);
  }
  switch (unit) {
    case "DAY":
      return truncDiv(value, MS_PER_DAY);
    case "HOUR":
      return truncDiv(value, MS_PER_HOUR) % 24;
    case "MINUTE":
      return truncDiv(value, MS_PER_MINUTE) % 60;
    case "SECOND":
      return truncDiv(value, MS_PER_SECOND) % 60;
    case "MILLISECOND":
      return value % MS_PER_MINUTE;
    case "EPOCH":
      return truncDiv(value, 1000);
    default:
      throw new SqlEvalError("EXTRACT", `cannot extract ${unit} from a day-time interval`);
  }
}

/** FLOOR(millis TO unit) on wall-clock millis; WEEK starts on Sunday, as Calcite's julianDateFloor. */
export function floorMillis(unit: string, millis: number): number {
  const step = UNIT_MILLIS[unit];
  if (unit === "WEEK") {
    const days = floorDiv(millis, MS_PER_DAY);
    return (days - (sundayFirstDayOfWeek(days) - 1)) * MS_PER_DAY;
  }
  if (step !== undefined) return floorDiv(millis, step) * step;
  const { year, month } = civilFromDays(floorDiv(millis, MS_PER_DAY));
  const monthIndex = year * 12 + month - 1;
  let floored: number;
  switch (unit) {
    case "YEAR":
      floored = year * 12;
      break;
    case "QUARTER":
      floored = monthIndex - ((month - 1) % 3);
      break;
    case "MONTH":
      floored = monthIndex;
      break;
    case "DECADE":
      floored = (year - floorMod(year, 10)) * 12;
      break;
    case "CENTURY":
      floored = (year - floorMod(year - 1, 100)) * 12;
      break;
    case "MILLENNIUM":
      floored = (year - floorMod(year - 1, 1000)) * 12;
      break;
    default:
      throw new SqlEvalError("FLOOR", `unsupported time unit ${unit}`);
  }
  return addMonthsToMillis(0, floored - 1970 * 12);
}

/** CEIL(millis TO unit): the value itself when already on a boundary, else the next boundary. */
export function ceilMillis(unit: string, millis: number): number {
  const floored = floorMillis(unit, millis);
  if (floored === millis) return millis;
  const step = UNIT_MILLIS[unit];
  if (step !== undefined) return floored + step;
  const months = { YEAR: 12, QUARTER: 3, MONTH: 1, DECADE: 120, CENTURY: 1200, MILLENNIUM: 12000 }[unit] ?? 1;
  return addMonthsToMillis(floored, months);
}

/** TIMESTAMPADD on wall-clock millis: months clamp the day of month; other units add milliseconds. */
export function addUnits(unit: string, n: number, millis: number): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return addMonthsToMillis(millis, n * months);
  const step = UNIT_MILLIS[unit] ?? (unit === "MICROSECOND" ? 0.001 : undefined);
  if (step === undefined) throw new SqlEvalError("TIMESTAMPADD", `unsupported time unit ${unit}`);
  return millis + Math.trunc(n * step);
}

export function addUnitsToDays(unit: string, n: number, days: number): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return addMonthsToDays(days, n * months);
  return days + n * (unit === "WEEK" ? 7 : 1);
}

/**
 * TIMESTAMPDIFF(unit, a, b): whole units from a to b, truncated toward zero. Months count only when
 * the later day and time of month is reached (Calcite's subtractMonths): Jan 31 → Feb 28 is 0 months.
 */
export function diffUnits(unit: string, a: number, b: number): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return truncDiv(monthsBetween(a, b), months);
  const step =
    UNIT_MILLIS[unit] ?? (unit === "MICROSECOND" ? 0.001 : unit === "NANOSECOND" ? 0.000001 : undefined);
  if (step === undefined) throw new SqlEvalError("TIMESTAMPDIFF", `unsupported time unit ${unit}`);
  return truncDiv(b - a, step);
}

function monthsBetween(a: number, b: number): number {
  const da = civilFromDays(floorDiv(a, MS_PER_DAY));
  const db = civilFromDays(floorDiv(b, MS_PER_DAY));
  let months = db.year * 12 + db.month - (da.year * 12 + da.month);
  const shifted = addMonthsToMillis(a, months);
  if (months > 0 && shifted > b) months--;
  else if (months < 0 && shifted < b) months++;
  return months;
}
