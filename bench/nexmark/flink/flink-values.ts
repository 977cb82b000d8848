// Flink's JSON rows (debezium-json files, the SQL Gateway's rowFormat=JSON) as Headwater values
// (src/common/value.ts), so Flink's final results compare line for line with Headwater's and DuckDB's.
import type { SqlValue } from "../../../src/common/value.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";
import { formatDataType } from "../../../src/sql/types/format-type.ts";

/** A JSON number with its exact text: DECIMAL and BIGINT must not pass through a double. */
export class JsonNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON.parse keeping every number's source text (as a JsonNumber). */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === "number" ? new JsonNumber(context?.source ?? String(value)) : value,
  );
}

/** One field of a Flink JSON row (parsed by parseJsonExact) as the Headwater value of `type`. */
export function fromFlinkJson(value: unknown, type: DataType): SqlValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return safeInteger(numberText(value, type));
    case "FLOAT":
    case "DOUBLE":
      return Number(numberText(value, type));
    case "DECIMAL":
      return unscaledDecimal(numberText(value, type), type.scale);
    case "BOOLEAN":
      if (typeof value !== "boolean") throw mismatch(value, type);
      return value;
    case "CHAR":
    case "VARCHAR":
      if (typeof value !== "string") throw mismatch(value, type);
      return value;
    case "TIMESTAMP":
      if (typeof value !== "string") throw mismatch(value, type);
      return timestampMillis(value);
    default:
      throw new Error(`Flink results of type ${formatDataType(type)} are not compared by the benchmark`);
  }
}

function numberText(value: unknown, type: DataType): string {
  if (value instanceof JsonNumber) return value.text;
  // Some encoders write DECIMAL and BIGINT as strings to keep their precision.
  if (typeof value === "string" && /^-?\d/.test(value)) return value;
  throw mismatch(value, type);
}

function safeInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is beyond ±2^53`);
  return n;
}

/** `-12.5E+2` at scale 3 → -1250000n: the decimal's digits shifted to `scale` fraction digits, exactly. */
export function unscaledDecimal(text: string, scale: number): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === "" && (match[3] ?? "") === ""))
    throw new Error(`'${text}' is not a decimal number`);
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  const digits = whole + fraction;
  // Position of the decimal point within `digits`, moved by the exponent, then by the target scale.
  const shift = Number(exponent) - fraction.length + scale;
  let unscaled: string;
  if (shift >= 0) unscaled = digits + "0".repeat(shift);
  else {
    const dropped = digits.slice(digits.length + shift);
    if (/[1-9]/.test(dropped)) throw new Error(`'${text}' has more than ${scale} fraction digits`);
    unscaled = digits.slice(0, digits.length + shift);
  }
  const value = BigInt(unscaled === "" ? "0" : unscaled);
  return sign === "-" ? -value : value;
}

/** `yyyy-MM-dd HH:mm:ss[.fraction]` (or with a `T`), a zone-less timestamp, as epoch milliseconds. */
export function timestampMillis(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  if (!match) throw new Error(`'${text}' is not a timestamp`);
  const [, y, mo, d, h, mi, s, fraction = ""] = match;
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
}

function mismatch(value: unknown, type: DataType): Error {
  const shown = value instanceof JsonNumber ? value.text : JSON.stringify(value);
  return new Error(`Flink value ${shown} does not fit ${formatDataType(type)}`);
}
