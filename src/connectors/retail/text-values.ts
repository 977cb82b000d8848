/** Values as text, in the seed's CSV layout: `2024-05-15`, `2024-05-15 14:30:00`, `293.99`, `true`. */
import type { SqlValue } from "../../common/value.ts";
import type { RetailColumn } from "./schemas.ts";
import { formatDate, MS_PER_DAY } from "./time.ts";

// Dates repeat a lot (a few thousand distinct days), so their text is computed once.
const dateCache = new Map<number, string>();

function dateText(days: number): string {
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

function timestampText(millis: number): string {
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

const FRACTION_PADDING = ["", "0", "00", "000", "0000", "00000", "000000", "0000000", "00000000"];

/** A DECIMAL's unscaled value as plain decimal text with exactly `scale` digits after the point. */
function decimalText(unscaled: bigint, scale: number): string {
  if (scale === 0) return unscaled.toString();
  const n = Number(unscaled);
  if (Number.isSafeInteger(n)) {
    // Number arithmetic is several times faster than bigint's, and exact below 2^53.
    const abs = n < 0 ? -n : n;
    const unit = 10 ** scale;
    const whole = Math.floor(abs / unit);
    const fraction = String(abs - whole * unit);
    return `${n < 0 ? "-" : ""}${whole}.${FRACTION_PADDING[scale - fraction.length]}${fraction}`;
  }
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
  const cut = digits.length - scale;
  return `${negative ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Text of a non-null value of the column, unquoted. */
export type ValueFormatter = (value: SqlValue) => string;

/** The formatter for a column's non-null values, chosen once per column rather than per value. */
export function formatterFor(column: RetailColumn): ValueFormatter {
  switch (column.kind) {
    case "decimal": {
      const scale = column.scale;
      return (value) => decimalText(value as bigint, scale);
    }
    case "date":
      return (value) => dateText(value as number);
    case "timestamp":
      return (value) => timestampText(value as number);
    default:
      return String;
  }
}

export function valueText(value: SqlValue, column: RetailColumn): string {
  return formatterFor(column)(value);
}
