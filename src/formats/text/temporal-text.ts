// DATE is days since 1970-01-01, TIME milliseconds of the day, TIMESTAMP/TIMESTAMP_LTZ epoch
// milliseconds (common/value.ts). Text layouts follow java.time as Flink uses it: ISO_LOCAL_DATE,
// and fractions printed with DateTimeFormatterBuilder.appendFraction(NANO_OF_SECOND, 0, 9, true),
// i.e. only as many digits as needed and no point at all for whole seconds.

import { civilFromDays, daysFromCivil, MS_PER_DAY } from "../../common/calendar.ts";

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO_LOCAL_DATE: `2024-02-29`; years beyond 9999 get a `+`, as java.time prints them. */
export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const abs = Math.abs(year);
  const yearText =
    year < 0 ? `-${String(abs).padStart(4, "0")}` : year > 9999 ? `+${year}` : String(year).padStart(4, "0");
  return `${yearText}-${pad2(month)}-${pad2(day)}`;
}

/** `HH:mm:ss` plus the millisecond fraction with trailing zeros dropped (`.5`, `.25`, `.125`). */
export function formatTimeOfDay(msOfDay: number, withFraction: boolean): string {
  const seconds = Math.floor(msOfDay / 1000);
  const text = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  const millis = msOfDay % 1000;
  if (!withFraction || millis === 0) return text;
  return `${text}.${String(millis).padStart(3, "0").replace(/0+$/, "")}`;
}

/** `2020-12-30 12:13:14.123` (separator ' ') or `2020-12-30T12:13:14.123` ('T'), plus an optional `Z`. */
export function formatTimestamp(epochMs: number, separator: " " | "T", suffix: "" | "Z"): string {
  const days = Math.floor(epochMs / MS_PER_DAY);
  return `${formatDate(days)}${separator}${formatTimeOfDay(epochMs - days * MS_PER_DAY, true)}${suffix}`;
}

const DATE_SYNTAX = /^([+-]?\d{4,9})-(\d{2})-(\d{2})$/;

/** ISO_LOCAL_DATE to days; undefined when malformed or not a real calendar date. */
export function parseDate(text: string): number | undefined {
  const m = DATE_SYNTAX.exec(text);
  if (m === null) return undefined;
  return validDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDays(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = daysFromCivil(year, month, day);
  const m2 = civilFromDays(days).month;
  return m2 === month ? days : undefined;
}

const TIME_SYNTAX = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** `HH:mm[:ss[.fffffffff]]` to ms of day; `keepFraction` false drops the fraction (Flink JSON does). */
export function parseTimeOfDay(
  text: string,
  secondsRequired: boolean,
  keepFraction: boolean,
): number | undefined {
  const m = TIME_SYNTAX.exec(text);
  if (m === null || (secondsRequired && m[3] === undefined)) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || s > 59) return undefined;
  const millis = keepFraction && m[4] !== undefined ? Number(m[4].padEnd(3, "0").slice(0, 3)) : 0;
  return ((h * 60 + min) * 60 + s) * 1000 + millis;
}

export interface TimestampLayout {
  /** ' ' for Flink's SQL standard, 'T' for ISO-8601. */
  readonly separator: " " | "T";
  /** Flink's SQL layout always has seconds; ISO_LOCAL_TIME makes them optional. */
  readonly secondsRequired: boolean;
  /** TIMESTAMP_LTZ text ends with a literal `Z`. */
  readonly zulu: boolean;
}

/** Timestamp text to epoch ms (sub-millisecond digits dropped); undefined when malformed. */
export function parseTimestamp(text: string, layout: TimestampLayout): number | undefined {
  const at = text.indexOf(layout.separator, 8);
  if (at < 0) return undefined;
  let timeText = text.slice(at + 1);
  if (layout.zulu) {
    if (!timeText.endsWith("Z")) return undefined;
    timeText = timeText.slice(0, -1);
  }
  const days = parseDate(text.slice(0, at));
  if (days === undefined) return undefined;
  const ms = parseTimeOfDay(timeText, layout.secondsRequired, true);
  return ms === undefined ? undefined : days * MS_PER_DAY + ms;
}
