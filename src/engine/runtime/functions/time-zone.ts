import { SqlEvalError } from "../expr/eval-error.ts";

/**
 * Session time zones (`table.local-time-zone`): TIMESTAMP_LTZ values are instants and are shown, cast
 * and broken into fields in this zone. Accepts what Flink accepts: IANA ids (`Europe/Berlin`), `UTC`,
 * `GMT`, `Z` and fixed offsets (`+08:00`, `GMT+8`, `UTC-03:30`).
 */
const FIXED = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const fixedOffsets = new Map<string, number | undefined>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function fixedOffset(zone: string): number | undefined {
  if (fixedOffsets.has(zone)) return fixedOffsets.get(zone);
  let offset: number | undefined;
  const upper = zone.toUpperCase();
  if (upper === "UTC" || upper === "GMT" || upper === "Z" || upper === "UT" || upper === "ETC/UTC")
    offset = 0;
  else {
    const m = FIXED.exec(zone);
    if (m) offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
  }
  fixedOffsets.set(zone, offset);
  return offset;
}

function formatterFor(zone: string, fn: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short",
    });
  } catch {
    throw new SqlEvalError(fn, `unknown time zone '${zone}'`);
  }
  formatters.set(zone, f);
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function zoneOffset(zone: string, utcMillis: number, fn = "time zone"): number {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const parts = formatterFor(zone, fn).formatToParts(utcMillis);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === "era")?.value;
  const year = era === "BC" || era === "B" ? 1 - field("year") : field("year");
  const wall = Date.UTC(
    2000,
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
  const fullWall = new Date(wall).setUTCFullYear(year);
  const seconds = Math.floor(utcMillis / 1000) * 1000;
  return fullWall - seconds;
}

/** An instant as the zone's wall-clock time (a TIMESTAMP value). */
export function utcToLocal(utcMillis: number, zone: string, fn?: string): number {
  return utcMillis + zoneOffset(zone, utcMillis, fn);
}

/**
 * A wall-clock time in the zone as an instant. In a DST gap the later offset applies and in an overlap
 * the earlier instant is chosen, as java.time's `LocalDateTime.atZone` does.
 */
export function localToUtc(localMillis: number, zone: string, fn?: string): number {
  const first = zoneOffset(zone, localMillis, fn);
  if (fixedOffset(zone) !== undefined) return localMillis - first;
  const guess = localMillis - first;
  const before = zoneOffset(zone, guess - 3 * 3_600_000, fn);
  const offsets = [first, zoneOffset(zone, guess, fn), before, zoneOffset(zone, guess + 3 * 3_600_000, fn)];
  let best: number | undefined;
  for (const offset of offsets) {
    const instant = localMillis - offset;
    if (zoneOffset(zone, instant, fn) === offset && (best === undefined || instant < best)) best = instant;
  }
  // No instant has this wall time (a DST gap): shift forward by the gap, using the offset before it.
  return best ?? localMillis - before;
}

/** Whether the zone id is one we can use (for validating settings up front). */
export function isValidZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return true;
  try {
    formatterFor(zone, "time zone");
    return true;
  } catch {
    return false;
  }
}
