import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { civilFromMillis } from "./calendar.ts";
import { decimalToString } from "./decimal.ts";
import { javaDoubleToString, javaFloatToString } from "./number-format.ts";

/**
 * JSON text of a non-NULL SQL value, as Flink's JSON_STRING gives the JSON aggregates their items
 * (WrapJsonAggFunctionArgumentsRule wraps every argument in JSON_STRING): strings quoted, numbers as
 * Java prints them, BOOLEAN as true/false, ARRAY/MULTISET as arrays, MAP and ROW as objects, bytes as
 * base64 (Jackson's byte[] encoding). Temporal values are written as their ISO text.
 */
export function toJsonText(value: SqlValue, type: DataType): string {
  if (value === null) return "null";
  switch (type.kind) {
    case "BOOLEAN":
      return value ? "true" : "false";
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return String(value);
    case "FLOAT":
      return finiteOrQuoted(value as number, javaFloatToString);
    case "DOUBLE":
      return finiteOrQuoted(value as number, javaDoubleToString);
    case "DECIMAL":
      return decimalToString(value as bigint, type.scale);
    case "BINARY":
    case "VARBINARY":
      return JSON.stringify(Buffer.from(value as Uint8Array).toString("base64"));
    case "DATE":
      return JSON.stringify(isoDate(value as number));
    case "TIME":
      return JSON.stringify(isoTime(value as number));
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return JSON.stringify(isoTimestamp(value as number));
    case "ARRAY":
      return `[${(value as SqlValue[]).map((item) => toJsonText(item, type.element)).join(",")}]`;
    case "MULTISET": {
      const items: string[] = [];
      for (const [item, count] of value as Map<SqlValue, SqlValue>)
        for (let i = 0; i < (count as number); i++) items.push(toJsonText(item, type.element));
      return `[${items.join(",")}]`;
    }
    case "MAP": {
      const entries: string[] = [];
      for (const [k, v] of value as Map<SqlValue, SqlValue>)
        entries.push(`${JSON.stringify(keyText(k, type.key))}:${toJsonText(v, type.value)}`);
      return `{${entries.join(",")}}`;
    }
    case "ROW":
      return `{${type.fields
        .map(
          (field, i) => `${JSON.stringify(field.name)}:${toJsonText((value as SqlValue[])[i]!, field.type)}`,
        )
        .join(",")}}`;
    default:
      return JSON.stringify(String(value));
  }
}

/** A JSON object key: strings as they are, other values as their JSON text. */
function keyText(key: SqlValue, type: DataType): string {
  return typeof key === "string" ? key : toJsonText(key, type);
}

/** Jackson writes NaN and the infinities as quoted strings ("NaN"), since JSON has no such numbers. */
function finiteOrQuoted(value: number, format: (v: number) => string): string {
  const text = format(value);
  return Number.isFinite(value) ? text : JSON.stringify(text);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function isoDate(days: number): string {
  return isoTimestamp(days * 86_400_000).slice(0, 10);
}

function isoTime(millis: number): string {
  return isoTimestamp(millis).slice(11);
}

/** yyyy-MM-ddTHH:mm:ss[.SSS], the LocalDateTime text Jackson's JavaTimeModule writes. */
function isoTimestamp(millis: number): string {
  const t = civilFromMillis(millis);
  const base = `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}`;
  return t.millisecond === 0 ? base : `${base}.${pad(t.millisecond, 3)}`;
}
