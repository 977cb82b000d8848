/** Calendar arithmetic on the runtime convention: DATE = days since epoch, TIMESTAMP = epoch millis (UTC). */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function dayOf(millis: number): number {
  return Math.floor(millis / MS_PER_DAY);
}

/** Accepts epoch millis, `YYYY-MM-DD` or an ISO timestamp (read as UTC when it has no zone). */
export function parseInstant(value: string | number): number {
  if (typeof value === "number") return value;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const millis = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(millis)) throw new RangeError(`not a date or timestamp: ${value}`);
  return millis;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `YYYY-MM-DD` for a DATE value. */
export function formatDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Calendar year of a DATE value. */
function yearOf(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCFullYear();
}

/** The DATE of January 1 of the year containing `days`. */
export function startOfYear(days: number): number {
  return Date.UTC(yearOf(days), 0, 1) / MS_PER_DAY;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(days: number): number {
  return (days + 4) % 7;
}

/** 0 = January … 11 = December. */
export function monthOf(days: number): number {
  return new Date(days * MS_PER_DAY).getUTCMonth();
}
