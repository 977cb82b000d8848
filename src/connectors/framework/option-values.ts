// Parsers for option values in Flink's configuration syntax (durations, sizes, booleans, enums). Each
// returns undefined when the text does not parse, so the caller can say which table and option it was.

/** Flink's duration unit spellings (TimeUtils), in milliseconds; sub-millisecond units give fractions. */
const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  nano: 1e-6,
  nanos: 1e-6,
  nanosecond: 1e-6,
  nanoseconds: 1e-6,
  µs: 1e-3,
  micro: 1e-3,
  micros: 1e-3,
  microsecond: 1e-3,
  microseconds: 1e-3,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** `500`, `500 ms`, `10s`, `1 min`, `7 d` → milliseconds (a bare number is milliseconds, as in Flink). */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*([a-zµ]*)$/i.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2]!.toLowerCase();
  const scale = unit === "" ? 1 : DURATION_UNITS_MS[unit];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}

/** Flink's memory-size unit spellings (MemorySize), binary multiples. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kb: 1024,
  kibibytes: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mebibytes: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gibibytes: 1024 ** 3,
};

/** `128mb`, `1 gb`, `4096` → bytes. */
export function parseMemorySize(text: string): number | undefined {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2]!.toLowerCase();
  const scale = unit === "" ? 1 : SIZE_UNITS[unit];
  return scale === undefined ? undefined : Number(match[1]) * scale;
}

export function parseBoolean(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  return lower === "true" ? true : lower === "false" ? false : undefined;
}

/** A whole number within [min, max]. */
export function parseInteger(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
}

/** A number within [min, max] (fractions allowed). */
export function parseNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : undefined;
}
