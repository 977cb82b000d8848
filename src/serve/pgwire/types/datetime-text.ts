/**
 * Dates, times, timestamps and intervals in PostgreSQL's text output (DateStyle ISO, IntervalStyle
 * postgres): `2024-03-01`, `10:15:30.123`, `2024-03-01 10:15:30.123+00`, `1 year 2 mons 3 days 04:05:06`.
 * Years before 1 AD are written `0044-03-15 BC`. Values arrive as DuckDB keeps them: days since the
 * epoch and microseconds.
 */

import { civilFromDays } from "../../../common/calendar.ts";

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400_000_000n;

/** DuckDB's ±infinity dates (days) and timestamps (microseconds). */
const DATE_INFINITY = 2_147_483_647;
const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

export function formatDate(days: number): string {
  if (days === DATE_INFINITY) return "infinity";
  if (days === -DATE_INFINITY) return "-infinity";
  return withEra(civilFromDays(days), "");
}

/** Microseconds since midnight as `HH:MM:SS[.ffffff]`, trailing zeros of the fraction dropped. */
export function formatTime(micros: bigint): string {
  const seconds = micros / MICROS_PER_SECOND;
  const fraction = micros % MICROS_PER_SECOND;
  const h = seconds / 3600n;
  const m = (seconds / 60n) % 60n;
  const s = seconds % 60n;
  return `${pad2(Number(h))}:${pad2(Number(m))}:${pad2(Number(s))}${formatFraction(fraction)}`;
}

/** A timestamp without time zone: `YYYY-MM-DD HH:MM:SS[.ffffff]` (`... BC` before year 1). */
export function formatTimestamp(micros: bigint): string {
  if (micros === TIMESTAMP_INFINITY) return "infinity";
  if (micros === -TIMESTAMP_INFINITY) return "-infinity";
  return timestampText(micros, "");
}

/**
 * A timestamp with time zone, shown in `timeZone` with its UTC offset (`+00`, `+05:30`), as PostgreSQL
 * shows it for the session's TimeZone setting.
 */
export function formatTimestampTz(micros: bigint, timeZone: string): string {
  if (micros === TIMESTAMP_INFINITY) return "infinity";
  if (micros === -TIMESTAMP_INFINITY) return "-infinity";
  const offsetSeconds = zoneOffsetSeconds(micros, timeZone);
  return timestampText(micros + BigInt(offsetSeconds) * MICROS_PER_SECOND, formatOffset(offsetSeconds));
}

/** A time with time zone: microseconds since midnight and the zone's offset in seconds east of UTC. */
export function formatTimeTz(micros: bigint, offsetSeconds: number): string {
  return `${formatTime(micros)}${formatOffset(offsetSeconds)}`;
}

/** PostgreSQL's `postgres` IntervalStyle: `1 year 2 mons -3 days +04:05:06.5`. */
export function formatInterval(months: number, days: number, micros: bigint): string {
  const parts: string[] = [];
  let previousNegative = false;
  const add = (value: number, unit: string): void => {
    if (value === 0) return;
    const sign = previousNegative && value > 0 ? "+" : "";
    // PostgreSQL makes every value but 1 plural: `-1 days`.
    parts.push(`${sign}${value} ${unit}${value === 1 ? "" : "s"}`);
    previousNegative = value < 0;
  };
  add(Math.trunc(months / 12), "year");
  add(months % 12, "mon");
  add(days, "day");
  if (parts.length === 0 || micros !== 0n) {
    const negative = micros < 0n;
    const sign = negative ? "-" : previousNegative ? "+" : "";
    const abs = negative ? -micros : micros;
    const seconds = abs / MICROS_PER_SECOND;
    const h = seconds / 3600n;
    const m = (seconds / 60n) % 60n;
    const s = seconds % 60n;
    parts.push(
      `${sign}${String(h).padStart(2, "0")}:${pad2(Number(m))}:${pad2(Number(s))}${formatFraction(abs % MICROS_PER_SECOND)}`,
    );
  }
  return parts.join(" ");
}

function timestampText(micros: bigint, suffix: string): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  return withEra(civilFromDays(Number(days)), ` ${formatTime(rest)}${suffix}`);
}

/** PostgreSQL writes year 0 as 1 BC, year -1 as 2 BC, with the era after everything else. */
function withEra(date: { year: number; month: number; day: number }, rest: string): string {
  const bc = date.year <= 0;
  const year = String(bc ? 1 - date.year : date.year).padStart(4, "0");
  return `${year}-${pad2(date.month)}-${pad2(date.day)}${rest}${bc ? " BC" : ""}`;
}

function formatFraction(micros: bigint): string {
  if (micros === 0n) return "";
  return `.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
}

function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor(abs / 60) % 60;
  const s = abs % 60;
  return `${sign}${pad2(h)}${m || s ? `:${pad2(m)}` : ""}${s ? `:${pad2(s)}` : ""}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();
/** The largest instant (ms) a JS Date holds; beyond it the zone's offset is taken as UTC's. */
const MAX_DATE_MS = 8.64e15;

/** Seconds east of UTC of `timeZone` at the instant `micros`. */
function zoneOffsetSeconds(micros: bigint, timeZone: string): number {
  if (timeZone === "UTC") return 0;
  const ms = Number(micros / 1000n);
  if (Math.abs(ms) > MAX_DATE_MS) return 0;
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    zoneFormats.set(timeZone, format);
  }
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = Object.fromEntries(format.formatToParts(whole).map((p) => [p.type, p.value]));
  const year = parts.era === "BC" || parts.era === "B" ? 1 - Number(parts.year) : Number(parts.year);
  const local = Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  // Date.UTC maps years 0-99 to 1900-1999.
  const fixed = year >= 0 && year < 100 ? new Date(local).setUTCFullYear(year) : local;
  return Math.round((fixed - whole) / 1000);
}

/** True when `name` is a time zone the output can be shown in. */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
