import type { SqlValue } from "../../../common/value.ts";
import {
  daysFromCivil,
  daysInMonth,
  fitsPrecision,
  MS_PER_DAY,
  parseDecimalText,
  rescale,
} from "../../../engine/index.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";

export type ParsedText =
  | { readonly ok: true; readonly value: SqlValue }
  | { readonly ok: false; readonly why: string };

/** Parses request text (a key, a filter value, a cursor entry) into a value of `type`. */
export type TextParser = (text: string) => ParsedText;

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * The parser for values of `type` written as text, in the same notation the JSON encoding uses
 * (json-value.ts): a key or filter reads the way a response shows it. Undefined for types that have
 * no one-line text form (ARRAY, MAP, ROW, MULTISET, intervals, RAW): such columns cannot be keys or
 * filters.
 */
export function textParserFor(type: DataType): TextParser | undefined {
  const typeName = formatDataType({ ...type, nullable: true });
  const fail = (why: string): ParsedText => ({ ok: false, why });
  const ok = (value: SqlValue): ParsedText => ({ ok: true, value });
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (text) => ok(text);
    case "BOOLEAN":
      return (text) => {
        const lower = text.toLowerCase();
        return lower === "true" ? ok(true) : lower === "false" ? ok(false) : fail("must be true or false");
      };
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT": {
      const [min, max] = INTEGER_RANGES[type.kind]!;
      return (text) => {
        if (!/^[+-]?\d+$/.test(text)) return fail(`must be a whole number (${typeName})`);
        const n = Number(text);
        if (n < min || n > max)
          return fail(
            type.kind === "BIGINT"
              ? "is outside ±(2^53 − 1), the BIGINT range Headwater supports"
              : `is outside the range of ${typeName} (${min} to ${max})`,
          );
        return ok(n);
      };
    }
    case "FLOAT":
    case "DOUBLE":
      return (text) => {
        if (text === "NaN" || text === "Infinity" || text === "-Infinity") return ok(Number(text));
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return fail("must be a number");
        return ok(Number(text));
      };
    case "DECIMAL": {
      const { precision, scale } = type;
      return (text) => {
        const parsed = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? parseDecimalText(text) : undefined;
        if (!parsed) return fail(`must be a decimal number such as 12.50 (${typeName})`);
        if (parsed.scale > scale && parsed.unscaled % 10n ** BigInt(parsed.scale - scale) !== 0n)
          return fail(`has more than ${scale} digit(s) after the point (${typeName})`);
        const value = rescale(parsed.unscaled, parsed.scale, scale);
        if (!fitsPrecision(value, precision)) return fail(`has more digits than ${typeName} holds`);
        return ok(value);
      };
    }
    case "BINARY":
    case "VARBINARY":
      return (text) =>
        /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0
          ? ok(new Uint8Array(Buffer.from(text, "base64")))
          : fail("must be base64");
    case "DATE":
      return (text) => {
        const days = parseDate(text);
        return days === undefined ? fail("must be a date YYYY-MM-DD") : ok(days);
      };
    case "TIME":
      return (text) => {
        const millis = parseTime(text);
        return millis === undefined ? fail("must be a time HH:MM[:SS[.fff]]") : ok(millis);
      };
    case "TIMESTAMP":
      return (text) => {
        const parsed = parseDateTime(text);
        if (!parsed) return fail("must be a date-time YYYY-MM-DDTHH:MM[:SS[.fff]]");
        if (parsed.offsetMs !== undefined)
          return fail(`${typeName} has no time zone: write the local date-time without an offset`);
        return ok(parsed.millis);
      };
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return (text) => {
        const parsed = parseDateTime(text);
        if (!parsed)
          return fail("must be a date-time YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM] (UTC without an offset)");
        return ok(parsed.millis - (parsed.offsetMs ?? 0));
      };
    case "INTERVAL_YM":
    case "INTERVAL_DT":
    case "ARRAY":
    case "MULTISET":
    case "MAP":
    case "ROW":
    case "RAW":
    case "NULL":
      return undefined;
    default:
      return type satisfies never;
  }
}

function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Milliseconds of the day; digits below the millisecond are dropped, as the run-time values do. */
function parseTime(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return undefined;
  const ms = Number((m[4] ?? "").padEnd(3, "0").slice(0, 3));
  return ((h * 60 + min) * 60 + s) * 1000 + ms;
}

function parseDateTime(text: string): { millis: number; offsetMs?: number } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ]([\d:.]+?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return undefined;
  const days = parseDate(m[1]!);
  const time = parseTime(m[2]!);
  if (days === undefined || time === undefined) return undefined;
  const millis = days * MS_PER_DAY + time;
  const zone = m[3];
  if (zone === undefined) return { millis };
  if (zone === "Z") return { millis, offsetMs: 0 };
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return { millis, offsetMs: sign * (hours * 60 + minutes) * 60_000 };
}
