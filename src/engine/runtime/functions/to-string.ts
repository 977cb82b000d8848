import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { civilFromDays, civilFromMillis, floorMod, MS_PER_DAY } from "./calendar.ts";
import { decimalToString } from "./decimal.ts";
import { javaDoubleToString, javaFloatToString } from "./number-format.ts";
import { utcToLocal } from "./time-zone.ts";

/**
 * The text Flink's CAST(x AS STRING) gives for each type (the planner's *ToStringCastRule classes and
 * DateTimeUtils): `TRUE`/`FALSE`, Java's double text, DECIMAL with all its scale digits, DATE
 * `yyyy-MM-dd`, TIMESTAMP with at least `precision` fraction digits, intervals `+1-02` and
 * `+1 02:03:04.000`, `[1, 2]` arrays, `{k=v}` maps and `(a, b)` rows with NULL for missing values.
 */
export type ToString = (value: never, timeZone: string) => string;

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function year4(y: number): string {
  return y < 0 ? `-${String(-y).padStart(4, "0")}` : String(y).padStart(4, "0");
}

export function formatDate(days: number): string {
  const d = civilFromDays(days);
  return `${year4(d.year)}-${two(d.month)}-${two(d.day)}`;
}

/** Flink trims trailing zeros of the 9-digit fraction but keeps at least `precision` digits. */
export function formatTimestamp(millis: number, precision: number): string {
  const t = civilFromMillis(millis);
  let fraction = `${String(t.millisecond).padStart(3, "0")}000000`;
  while (fraction.length > precision && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const base = `${year4(t.year)}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}`;
  return fraction === "" ? base : `${base}.${fraction}`;
}

/** TIME(p): fraction digits up to `p`, stopping once the rest is zero (as java.sql.Timestamp). */
export function formatTime(millisOfDay: number, precision: number): string {
  const time = floorMod(millisOfDay, MS_PER_DAY);
  const h = Math.floor(time / 3_600_000);
  const m = Math.floor(time / 60_000) % 60;
  const s = Math.floor(time / 1000) % 60;
  let out = `${two(h)}:${two(m)}:${two(s)}`;
  if (precision > 0) {
    let ms = time % 1000;
    out += ".";
    for (let p = precision; p > 0; p--) {
      out += String(Math.floor(ms / 100));
      ms = (ms % 100) * 10;
      if (ms === 0) break;
    }
  }
  return out;
}

export function formatIntervalYearMonth(months: number): string {
  const abs = Math.abs(months);
  return `${months < 0 ? "-" : "+"}${Math.floor(abs / 12)}-${two(abs % 12)}`;
}

export function formatIntervalDayTime(millis: number): string {
  const abs = Math.abs(millis);
  const ms = abs % 1000;
  const s = Math.floor(abs / 1000) % 60;
  const m = Math.floor(abs / 60_000) % 60;
  const h = Math.floor(abs / 3_600_000) % 24;
  const d = Math.floor(abs / MS_PER_DAY);
  return `${millis < 0 ? "-" : "+"}${d} ${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, "0")}`;
}

const utf8 = new TextDecoder("utf-8");

/** A converter to text for values of `type` (non-null values; nested NULLs print as NULL). */
export function toStringFor(type: DataType): ToString {
  switch (type.kind) {
    case "BOOLEAN":
      return ((v: boolean) => (v ? "TRUE" : "FALSE")) as ToString;
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return ((v: number) => String(v)) as ToString;
    case "FLOAT":
      return javaFloatToString as ToString;
    case "DOUBLE":
      return javaDoubleToString as ToString;
    case "DECIMAL": {
      const scale = type.scale;
      return ((v: bigint) => decimalToString(v, scale)) as ToString;
    }
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => v) as ToString;
    case "BINARY":
    case "VARBINARY":
      return ((v: Uint8Array) => utf8.decode(v)) as ToString;
    case "DATE":
      return formatDate as ToString;
    case "TIME": {
      const p = type.precision;
      return ((v: number) => formatTime(v, p)) as ToString;
    }
    case "TIMESTAMP": {
      const p = type.precision;
      return ((v: number) => formatTimestamp(v, p)) as ToString;
    }
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ": {
      const p = type.precision;
      return ((v: number, zone: string) => formatTimestamp(utcToLocal(v, zone, "CAST"), p)) as ToString;
    }
    case "INTERVAL_YM":
      return formatIntervalYearMonth as ToString;
    case "INTERVAL_DT":
      return formatIntervalDayTime as ToString;
    case "ARRAY":
    case "MULTISET": {
      const element = nested(type.element);
      if (type.kind === "MULTISET") {
        return ((v: Map<SqlValue, number>, zone: string) =>
          `{${[...v].map(([k, n]) => `${element(k, zone)}=${n}`).join(", ")}}`) as ToString;
      }
      return ((v: SqlValue[], zone: string) => `[${v.map((e) => element(e, zone)).join(", ")}]`) as ToString;
    }
    case "MAP": {
      const key = nested(type.key);
      const value = nested(type.value);
      return ((v: Map<SqlValue, SqlValue>, zone: string) =>
        `{${[...v].map(([k, x]) => `${key(k, zone)}=${value(x, zone)}`).join(", ")}}`) as ToString;
    }
    case "ROW": {
      const fields = type.fields.map((f) => nested(f.type));
      return ((v: SqlValue[], zone: string) =>
        `(${v.map((e, i) => fields[i]!(e, zone)).join(", ")})`) as ToString;
    }
    case "NULL":
      return (() => "NULL") as ToString;
    case "RAW":
      return ((v: SqlValue) => String(v)) as ToString;
    default:
      return type satisfies never;
  }
}

function nested(type: DataType): (value: SqlValue, zone: string) => string {
  const inner = toStringFor(type) as (value: SqlValue, zone: string) => string;
  return (value, zone) => (value === null ? "NULL" : inner(value, zone));
}
