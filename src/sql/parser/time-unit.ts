import type { IntervalLiteral, IntervalQualifier, TimeUnit } from "../ast/expression.ts";
import type { Parser } from "./parser.ts";

const TIME_UNITS: ReadonlySet<string> = new Set<TimeUnit>([
  "YEAR",
  "QUARTER",
  "MONTH",
  "WEEK",
  "DAY",
  "HOUR",
  "MINUTE",
  "SECOND",
  "MILLISECOND",
  "MICROSECOND",
  "NANOSECOND",
  "DOW",
  "DOY",
  "ISODOW",
  "ISOYEAR",
  "EPOCH",
  "DECADE",
  "CENTURY",
  "MILLENNIUM",
]);

/** Plural spellings Flink accepts in interval literals (`INTERVAL '10' MINUTES`). */
const PLURAL_UNITS: ReadonlyMap<string, TimeUnit> = new Map<string, TimeUnit>([
  ["YEARS", "YEAR"],
  ["QUARTERS", "QUARTER"],
  ["MONTHS", "MONTH"],
  ["WEEKS", "WEEK"],
  ["DAYS", "DAY"],
  ["HOURS", "HOUR"],
  ["MINUTES", "MINUTE"],
  ["SECONDS", "SECOND"],
  ["MILLISECONDS", "MILLISECOND"],
  ["MICROSECONDS", "MICROSECOND"],
  ["NANOSECONDS", "NANOSECOND"],
]);

/** The units an interval qualifier may name. */
const QUALIFIER_UNITS: ReadonlySet<TimeUnit> = new Set<TimeUnit>([
  "YEAR",
  "QUARTER",
  "MONTH",
  "WEEK",
  "DAY",
  "HOUR",
  "MINUTE",
  "SECOND",
  "MILLISECOND",
  "MICROSECOND",
  "NANOSECOND",
]);

/** The time unit at offset `offset`, if the token is one (singular spelling only). */
export function timeUnitAt(p: Parser, offset = 0): TimeUnit | undefined {
  const token = p.peek(offset);
  return token.kind === "word" && TIME_UNITS.has(token.value) ? (token.value as TimeUnit) : undefined;
}

export function expectTimeUnit(p: Parser): TimeUnit {
  const unit = timeUnitAt(p);
  if (unit === undefined) return p.fail("a time unit");
  p.advance();
  return unit;
}

function qualifierUnitAt(p: Parser): TimeUnit | undefined {
  const token = p.token;
  if (token.kind !== "word") return undefined;
  const unit =
    PLURAL_UNITS.get(token.value) ?? (TIME_UNITS.has(token.value) ? (token.value as TimeUnit) : undefined);
  return unit !== undefined && QUALIFIER_UNITS.has(unit) ? unit : undefined;
}

export function isIntervalQualifierStart(p: Parser): boolean {
  return qualifierUnitAt(p) !== undefined;
}

/** `DAY`, `DAY(3) TO SECOND(6)`, `SECOND(2, 3)`, `YEAR TO MONTH`, `MINUTES`. */
export function parseIntervalQualifier(p: Parser): IntervalQualifier {
  const start = qualifierUnitAt(p);
  if (start === undefined) return p.fail("a time unit such as DAY or SECOND");
  p.advance();
  let startPrecision: number | undefined;
  let fractionalPrecision: number | undefined;
  if (p.acceptOp("(")) {
    startPrecision = parseSmallInteger(p);
    if (start === "SECOND" && p.acceptOp(",")) fractionalPrecision = parseSmallInteger(p);
    p.expectOp(")");
  }
  let end: TimeUnit | undefined;
  if (p.acceptWord("TO")) {
    end = qualifierUnitAt(p);
    if (end === undefined) return p.fail("a time unit");
    p.advance();
    if (end === "SECOND" && p.acceptOp("(")) {
      fractionalPrecision = parseSmallInteger(p);
      p.expectOp(")");
    }
  }
  return { start, startPrecision, end, fractionalPrecision };
}

/** `INTERVAL [+|-] 'value' qualifier`, after the INTERVAL keyword has been seen (not consumed). */
export function parseIntervalLiteral(p: Parser): IntervalLiteral {
  const start = p.expectWord("INTERVAL");
  let negative = false;
  if (p.acceptOp("-")) negative = true;
  else p.acceptOp("+");
  if (p.token.kind !== "string") return p.fail("a quoted interval value such as '1'");
  const value = p.advance().value;
  const qualifier = parseIntervalQualifier(p);
  return { kind: "interval", negative, value, qualifier, span: p.spanFrom(p.tokenSpan(start)) };
}

/** A non-negative integer literal such as a precision or a bucket count. */
export function parseSmallInteger(p: Parser): number {
  const token = p.token;
  if (token.kind !== "number" || !isDigits(token.text)) return p.fail("an integer");
  const value = Number(token.text);
  if (!Number.isSafeInteger(value) || value > 2147483647)
    p.invalid(`integer out of range: ${token.text}`, p.tokenSpan(token));
  p.advance();
  return value;
}

/** Whether `text` is digits only (every precision and length of a CREATE TABLE passes here). */
function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return text.length > 0;
}
