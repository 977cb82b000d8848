// DATE is days since 1970-01-01, TIME milliseconds of the day, TIMESTAMP/TIMESTAMP_LTZ epoch
// milliseconds (common/value.ts). Text layouts follow java.time as Flink uses it: ISO_LOCAL_DATE,
// and fractions printed with DateTimeFormatterBuilder.appendFraction(NANO_OF_SECOND, 0, 9, true),
// i.e. only as many digits as needed and no point at all for whole seconds.

const MS_PER_DAY = 86_400_000;

/** Days since the epoch for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO_LOCAL_DATE: `2024-02-29`; years beyond 9999 get a `+`, as java.time prints them. */
export function formatDate(days: number): string {
  const [year, month, day] = civilFromDays(days);
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
  const [, m2] = civilFromDays(days);
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
