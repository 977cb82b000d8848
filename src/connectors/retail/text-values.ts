/** Values as text, in the seed's CSV layout: `2024-05-15`, `2024-05-15 14:30:00`, `293.99`, `true`. */
import type { SqlValue } from "../../common/value.ts";
import type { RetailColumn } from "./schemas.ts";
import { formatDate, MS_PER_DAY } from "./time.ts";

// Dates repeat a lot (a few thousand distinct days), so their text is computed once.
const dateCache = new Map<number, string>();

export function dateText(days: number): string {
  let text = dateCache.get(days);
  if (text === undefined) {
    text = formatDate(days);
    dateCache.set(days, text);
  }
  return text;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

export function timestampText(millis: number): string {
  const day = Math.floor(millis / MS_PER_DAY);
  let rest = millis - day * MS_PER_DAY;
  const ms = rest % 1000;
  rest = (rest - ms) / 1000;
  const seconds = rest % 60;
  rest = (rest - seconds) / 60;
  const minutes = rest % 60;
  const hours = (rest - minutes) / 60;
  const base = `${dateText(day)} ${two(hours)}:${two(minutes)}:${two(seconds)}`;
  return ms === 0 ? base : `${base}.${String(ms).padStart(3, "0")}`;
}

/** A DECIMAL's unscaled value as plain decimal text with exactly `scale` digits after the point. */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const cut = digits.length - scale;
  return `${negative ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Text of a non-null value of the column, unquoted. */
export function valueText(value: SqlValue, column: RetailColumn): string {
  switch (column.kind) {
    case "decimal":
      return decimalText(value as bigint, column.scale);
    case "date":
      return dateText(value as number);
    case "timestamp":
      return timestampText(value as number);
    default:
      return String(value);
  }
}
