import type { IntervalQualifier, TimeUnit } from "../ast/expression.ts";
import { isDigit } from "../lexer/lexer.ts";
import type { DataType, DayTimeResolution } from "../types/data-type.ts";

/** Converts typed literal text to the run-time value convention (common/value.ts), or explains why not. */
export type LiteralResult<T> = { readonly value: T } | { readonly error: string };

const DATE = /^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$/;
const TIME = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*$/;
const TIMESTAMP =
  /^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$/;

const MS_PER_DAY = 86_400_000;

export function parseDateLiteral(text: string): LiteralResult<number> {
  const m = DATE.exec(text);
  if (!m) return { error: `'${text}' is not a date; expected 'yyyy-MM-dd'` };
  const days = epochDays(Number(m[1]), Number(m[2]), Number(m[3]));
  return days === undefined ? { error: `'${text}' is not a valid date` } : { value: days };
}

export function parseTimeLiteral(text: string): LiteralResult<{ millis: number; precision: number }> {
  const m = TIME.exec(text);
  if (!m) return { error: `'${text}' is not a time; expected 'HH:mm:ss[.fff]'` };
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return { error: `'${text}' is not a valid time` };
  const fraction = m[4] ?? "";
  return {
    value: {
      millis: ((h * 60 + min) * 60 + s) * 1000 + fractionMillis(fraction),
      precision: fraction.length,
    },
  };
}

export function parseTimestampLiteral(text: string): LiteralResult<{ millis: number; precision: number }> {
  const m = TIMESTAMP.exec(text);
  if (!m) return { error: `'${text}' is not a timestamp; expected 'yyyy-MM-dd HH:mm:ss[.fff]'` };
  const days = epochDays(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (days === undefined || h > 23 || min > 59 || s > 59)
    return { error: `'${text}' is not a valid timestamp` };
  const fraction = m[7] ?? "";
  const millis = days * MS_PER_DAY + ((h * 60 + min) * 60 + s) * 1000 + fractionMillis(fraction);
  return { value: { millis, precision: fraction.length } };
}

function fractionMillis(fraction: string): number {
  return fraction === "" ? 0 : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-9);
}

function epochDays(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const millis = Date.UTC(year, month - 1, day);
  const check = new Date(millis);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined;
  // Date.UTC maps years 0-99 to 1900-1999; fix up the rare literal with a two-digit year.
  const fixed = year < 100 ? new Date(millis).setUTCFullYear(year) : millis;
  return Math.round(fixed / MS_PER_DAY);
}

const UNIT_MILLIS: Partial<Record<TimeUnit, number>> = {
  DAY: MS_PER_DAY,
  HOUR: 3_600_000,
  MINUTE: 60_000,
  SECOND: 1000,
};

/** Pattern of the value text per qualifier, e.g. DAY TO MINUTE = 'd h:m'. */
const DAY_TIME_FIELDS: Record<string, readonly TimeUnit[]> = {
  DAY: ["DAY"],
  DAY_TO_HOUR: ["DAY", "HOUR"],
  DAY_TO_MINUTE: ["DAY", "HOUR", "MINUTE"],
  DAY_TO_SECOND: ["DAY", "HOUR", "MINUTE", "SECOND"],
  HOUR: ["HOUR"],
  HOUR_TO_MINUTE: ["HOUR", "MINUTE"],
  HOUR_TO_SECOND: ["HOUR", "MINUTE", "SECOND"],
  MINUTE: ["MINUTE"],
  MINUTE_TO_SECOND: ["MINUTE", "SECOND"],
  SECOND: ["SECOND"],
};

/**
 * An interval literal's type and value: months for YEAR/MONTH qualifiers, milliseconds for the rest.
 * Accepts Flink's plural unit spellings (`DAYS`) by the time they reach here as singular units.
 */
export function intervalLiteral(
  text: string,
  qualifier: IntervalQualifier,
  negative: boolean,
): LiteralResult<{ value: number; type: DataType }> {
  const sign = negative ? -1 : 1;
  const trimmed = text.trim();
  const inner = trimmed.startsWith("-")
    ? trimmed.slice(1)
    : trimmed.startsWith("+")
      ? trimmed.slice(1)
      : trimmed;
  const innerSign = trimmed.startsWith("-") ? -1 : 1;
  const { start, end } = qualifier;
  if (start === "YEAR" || start === "MONTH") {
    const months = yearMonthValue(inner, start, end);
    if (months === undefined) return { error: `'${text}' is not a valid interval ${describe(qualifier)}` };
    const resolution = end === "MONTH" ? "YEAR_TO_MONTH" : start;
    return {
      value: {
        value: sign * innerSign * months,
        type: { kind: "INTERVAL_YM", resolution, precision: qualifier.startPrecision ?? 2, nullable: false },
      },
    };
  }
  const resolution = (end ? `${start}_TO_${end}` : start) as DayTimeResolution;
  const fields = DAY_TIME_FIELDS[resolution];
  if (!fields) return { error: `INTERVAL ${describe(qualifier)} is not a valid interval qualifier` };
  const parts = dayTimeParts(inner);
  if (parts === undefined || parts.length !== fields.length) {
    return { error: `'${text}' is not a valid interval ${describe(qualifier)}` };
  }
  let millis = 0;
  for (let i = 0; i < fields.length; i++) {
    const unit = fields[i]!;
    const part = parts[i]!;
    if (unit !== "SECOND" && !Number.isInteger(part))
      return { error: `'${text}': only seconds may have a fraction` };
    millis += Math.round(part * UNIT_MILLIS[unit]!);
  }
  return {
    value: {
      value: sign * innerSign * millis,
      type: {
        kind: "INTERVAL_DT",
        resolution,
        dayPrecision: qualifier.startPrecision ?? 2,
        fractionalPrecision: qualifier.fractionalPrecision ?? 6,
        nullable: false,
      },
    },
  };
}

/**
 * The numbers of a day-time interval's text, separated by a space or a colon (`1 02:03:04.5`), each
 * digits with an optional fraction; undefined if a part is anything else. Scanned, not split with
 * regular expressions: intervals are common in watermarks and windows.
 */
function dayTimeParts(text: string): number[] | undefined {
  const parts: number[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : SPACE;
    if (c !== SPACE && c !== COLON) continue;
    if (!isDecimal(text, start, i)) return undefined;
    parts.push(Number(text.slice(start, i)));
    start = i + 1;
  }
  return parts;
}

const SPACE = 32;
const COLON = 58;
const DOT = 46;

/** Whether `text` from `start` to `end` is digits, optionally followed by a point and more digits. */
function isDecimal(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return false;
  if (i === end) return true;
  if (text.charCodeAt(i) !== DOT) return false;
  const fraction = ++i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  return i > fraction && i === end;
}

function yearMonthValue(text: string, start: TimeUnit, end: TimeUnit | undefined): number | undefined {
  if (end === "MONTH") {
    const m = /^(\d+)-(\d+)$/.exec(text);
    return m ? Number(m[1]) * 12 + Number(m[2]) : undefined;
  }
  if (!/^\d+$/.test(text)) return undefined;
  return start === "YEAR" ? Number(text) * 12 : Number(text);
}

function describe(q: IntervalQualifier): string {
  return q.end ? `${q.start} TO ${q.end}` : q.start;
}
