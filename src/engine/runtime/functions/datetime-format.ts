import {
  type CivilTime,
  civilFromMillis,
  dayOfYear,
  daysFromCivil,
  isoDayOfWeek,
  isoWeek,
  MS_PER_DAY,
} from "./calendar.ts";

/**
 * Java date-time patterns (DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP, FROM_UNIXTIME, TO_DATE): Flink
 * hands them to java.time's DateTimeFormatter. Supported letters: y u (year), M L (month, MMM/MMMM
 * names), d, D (day of year), H, k, h, K, m, s, S (fraction of second), a (AM/PM), E (day name), e
 * (day of week number), w (ISO week), z Z X x (zone), and 'quoted' text with '' for a quote.
 * Patterns are compiled once per distinct text and cached.
 */
type Token =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "field"; readonly letter: string; readonly count: number };

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const LETTERS = /[a-zA-Z]/;

export function tokenizePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      let text = "";
      i++;
      while (i < pattern.length) {
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += pattern[i++];
      }
      tokens.push({ kind: "literal", text: text === "" ? "'" : text });
    } else if (LETTERS.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count++;
      tokens.push({ kind: "field", letter: c, count });
      i += count;
    } else {
      tokens.push({ kind: "literal", text: c });
      i++;
    }
  }
  return tokens;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
}

function offsetText(offsetMs: number, colon: boolean, zForZero: boolean, withMinutes = true): string {
  if (offsetMs === 0 && zForZero) return "Z";
  const sign = offsetMs < 0 ? "-" : "+";
  const total = Math.abs(offsetMs) / 60_000;
  const h = pad(Math.floor(total / 60), 2);
  const m = pad(total % 60, 2);
  if (!withMinutes && m === "00") return `${sign}${h}`;
  return colon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

type FieldFormatter = (t: CivilTime, offsetMs: number) => string;

function fieldFormatter(letter: string, count: number): FieldFormatter {
  switch (letter) {
    case "y":
    case "u":
      return count === 2 ? (t) => pad(((t.year % 100) + 100) % 100, 2) : (t) => pad(t.year, count);
    case "M":
    case "L":
      if (count >= 4) return (t) => MONTHS[t.month - 1]!;
      if (count === 3) return (t) => MONTHS[t.month - 1]!.slice(0, 3);
      return (t) => pad(t.month, count);
    case "d":
      return (t) => pad(t.day, count);
    case "D":
      return (t) => pad(dayOfYear(t.days), count);
    case "H":
      return (t) => pad(t.hour, count);
    case "k":
      return (t) => pad(t.hour === 0 ? 24 : t.hour, count);
    case "h":
      return (t) => pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case "K":
      return (t) => pad(t.hour % 12, count);
    case "m":
      return (t) => pad(t.minute, count);
    case "s":
      return (t) => pad(t.second, count);
    case "S":
      // A fraction of the second: SSS = milliseconds, more S pad with zeros (values hold milliseconds).
      return (t) => String(t.millisecond).padStart(3, "0").padEnd(count, "0").slice(0, count);
    case "a":
      return (t) => (t.hour < 12 ? "AM" : "PM");
    case "E":
      return count >= 4
        ? (t) => DAYS[isoDayOfWeek(t.days) - 1]!
        : (t) => DAYS[isoDayOfWeek(t.days) - 1]!.slice(0, 3);
    case "e":
      return (t) => pad(isoDayOfWeek(t.days), count);
    case "w":
      return (t) => pad(isoWeek(t.days).week, count);
    case "z":
      return (_t, offset) => (offset === 0 ? "UTC" : offsetText(offset, true, false));
    case "Z":
      return (_t, offset) =>
        count >= 4 ? `GMT${offsetText(offset, true, false)}` : offsetText(offset, false, false);
    case "X":
      return (_t, offset) => offsetText(offset, count >= 3, true, count !== 1);
    case "x":
      return (_t, offset) => offsetText(offset, count >= 3, false, count !== 1);
    default:
      throw new PatternError(`unsupported pattern letter '${letter}'`);
  }
}

/** A pattern Flink's DateTimeFormatter would reject. */
export class PatternError extends Error {}

export type Formatter = (millis: number, offsetMs: number) => string;

const formatterCache = new Map<string, Formatter>();

/** A formatter for wall-clock millis (a TIMESTAMP value); `offsetMs` only feeds the zone letters. */
export function compileFormatter(pattern: string): Formatter {
  let formatter = formatterCache.get(pattern);
  if (formatter) return formatter;
  const parts = tokenizePattern(pattern).map((t): FieldFormatter => {
    if (t.kind === "literal") return () => t.text;
    return fieldFormatter(t.letter, t.count);
  });
  formatter = (millis, offsetMs) => {
    const civil = civilFromMillis(millis);
    let out = "";
    for (const part of parts) out += part(civil, offsetMs);
    return out;
  };
  if (formatterCache.size > 1000) formatterCache.clear();
  formatterCache.set(pattern, formatter);
  return formatter;
}

/** A parsed wall-clock time, and the offset when the text carried one. */
export interface ParsedDateTime {
  readonly millis: number;
  readonly offsetMs?: number;
}

export type Parser = (text: string) => ParsedDateTime | null;

const parserCache = new Map<string, Parser>();
const NUMERIC = new Set(["y", "u", "M", "L", "d", "D", "H", "k", "h", "K", "m", "s", "S", "e", "w"]);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A parser for the pattern: the whole text must match (Flink returns NULL otherwise). As java.time:
 * a doubled letter is a fixed width (`MM`, `dd`, `HH`), a single one one or two digits; a year is
 * four or more digits unless a numeric field follows it directly (`yyyyMMdd`).
 */
export function compileParser(pattern: string): Parser {
  let parser = parserCache.get(pattern);
  if (parser) return parser;
  const tokens = tokenizePattern(pattern);
  const fields: { letter: string; count: number }[] = [];
  let source = "^";
  tokens.forEach((token, i) => {
    if (token.kind === "literal") {
      source += escapeRegex(token.text);
      return;
    }
    const next = tokens[i + 1];
    const adjacent = next?.kind === "field" && NUMERIC.has(next.letter);
    fields.push(token);
    const { letter, count } = token;
    if (NUMERIC.has(letter) && !((letter === "M" || letter === "L") && count >= 3)) {
      const year = letter === "y" || letter === "u";
      // java.time: `dd` is exactly two digits, `d` one or two; years take 4+ digits unless next to a field.
      if (letter === "S") source += adjacent ? `(\\d{${count}})` : `(\\d{1,9})`;
      else if (year) source += count === 2 || adjacent ? `(\\d{${count}})` : `([+-]?\\d{${count},9})`;
      else if (count >= 2) source += `(\\d{${count}})`;
      else source += letter === "D" ? "(\\d{1,3})" : "(\\d{1,2})";
    } else if (letter === "M" || letter === "L") source += "([A-Za-z]+)";
    else if (letter === "a") source += "([AaPp][Mm])";
    else if (letter === "E") source += "([A-Za-z]+)";
    else if (letter === "X" || letter === "x" || letter === "Z" || letter === "z")
      source += "(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)";
    else throw new PatternError(`unsupported pattern letter '${letter}'`);
  });
  const regex = new RegExp(`${source}$`);
  parser = (text) => {
    const m = regex.exec(text);
    if (!m) return null;
    let year = 1970;
    let month = 1;
    let day = 1;
    let dayOfYearValue: number | undefined;
    let hour = 0;
    let pm: boolean | undefined;
    let minute = 0;
    let second = 0;
    let millis = 0;
    let offsetMs: number | undefined;
    for (let i = 0; i < fields.length; i++) {
      const { letter, count } = fields[i]!;
      const value = m[i + 1]!;
      const n = Number(value);
      switch (letter) {
        case "y":
        case "u":
          year = count === 2 ? 2000 + n : n;
          break;
        case "M":
        case "L":
          if (count >= 3) {
            const index = MONTHS.findIndex(
              (name) => (count === 3 ? name.slice(0, 3) : name).toLowerCase() === value.toLowerCase(),
            );
            if (index < 0) return null;
            month = index + 1;
          } else month = n;
          break;
        case "d":
          day = n;
          break;
        case "D":
          dayOfYearValue = n;
          break;
        case "H":
        case "k":
          hour = letter === "k" && n === 24 ? 0 : n;
          break;
        case "h":
        case "K":
          hour = n % 12;
          break;
        case "a":
          pm = value.toUpperCase() === "PM";
          break;
        case "m":
          minute = n;
          break;
        case "s":
          second = n;
          break;
        case "S":
          millis = Math.floor(Number(`0.${value}`) * 1000 + 1e-9);
          break;
        case "X":
        case "x":
        case "Z":
        case "z":
          offsetMs = parseOffset(value);
          break;
        default:
          break;
      }
    }
    if (pm) hour += 12;
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
    const days =
      dayOfYearValue !== undefined
        ? daysFromCivil(year, 1, 1) + dayOfYearValue - 1
        : daysFromCivil(year, month, day);
    if (dayOfYearValue === undefined && civilFromMillis(days * MS_PER_DAY).day !== day) return null;
    const result = days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
    return offsetMs === undefined ? { millis: result } : { millis: result, offsetMs };
  };
  if (parserCache.size > 1000) parserCache.clear();
  parserCache.set(pattern, parser);
  return parser;
}

function parseOffset(text: string): number {
  if (text === "Z" || text === "UTC" || text === "GMT") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2, 4) || 0) * 60_000);
}
