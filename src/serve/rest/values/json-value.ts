import type { SqlValue } from "../../../common/value.ts";
import { decimalToString, formatDate, MS_PER_DAY } from "../../../engine/index.ts";
import type { DataType } from "../../../sql/types/data-type.ts";

/** A run-time value as a JSON value. Non-null input only; NULL is `null` for every type. */
export type JsonEncoder = (value: SqlValue) => unknown;

/**
 * How each Flink type is written in JSON responses, chosen so no value loses precision in a JSON
 * parser (doubles) and every value reads back to the same SQL value:
 *
 * | Flink type                    | JSON                                                        |
 * |-------------------------------|-------------------------------------------------------------|
 * | BOOLEAN                       | true / false                                                |
 * | TINYINT, SMALLINT, INT        | number                                                      |
 * | BIGINT                        | number within ±(2^53 − 1), a decimal string beyond          |
 * | FLOAT, DOUBLE                 | number; "NaN", "Infinity", "-Infinity" as strings           |
 * | DECIMAL(p, s)                 | string with exactly s fraction digits: "4520.75"            |
 * | CHAR, VARCHAR, STRING         | string                                                      |
 * | BINARY, VARBINARY, BYTES      | base64 string                                               |
 * | DATE                          | "YYYY-MM-DD"                                                |
 * | TIME(p)                       | "HH:MM:SS[.fff]" (up to 3 fraction digits)                  |
 * | TIMESTAMP(p)                  | "YYYY-MM-DDTHH:MM:SS[.fff]", a local date-time (no offset)  |
 * | TIMESTAMP_LTZ(p)              | "YYYY-MM-DDTHH:MM:SS[.fff]Z", an instant in UTC             |
 * | INTERVAL YEAR TO MONTH        | number of months                                            |
 * | INTERVAL DAY TO SECOND        | number of milliseconds                                      |
 * | ARRAY<T>                      | array                                                       |
 * | MULTISET<T>                   | array of { "element", "count" }                             |
 * | MAP<K, V>                     | object when K is a string type, else array of { "key", "value" } |
 * | ROW<...>                      | object by field name                                        |
 */
export function jsonEncoderFor(type: DataType): JsonEncoder {
  const encode = nonNullEncoder(type);
  return (value) => (value === null ? null : encode(value));
}

function nonNullEncoder(type: DataType): JsonEncoder {
  switch (type.kind) {
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "CHAR":
    case "VARCHAR":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return (v) => v;
    case "BIGINT":
      return (v) => (typeof v === "number" && Number.isSafeInteger(v) ? v : String(v));
    case "FLOAT":
    case "DOUBLE":
      return (v) => (Number.isFinite(v) ? v : String(v));
    case "DECIMAL": {
      const scale = type.scale;
      return (v) => decimalToString(v as bigint, scale);
    }
    case "BINARY":
    case "VARBINARY":
      return (v) => Buffer.from(v as Uint8Array).toString("base64");
    case "DATE":
      return (v) => formatDate(v as number);
    case "TIME": {
      const digits = Math.min(type.precision, 3);
      return (v) => isoTime(v as number, digits);
    }
    case "TIMESTAMP": {
      const digits = Math.min(type.precision, 3);
      return (v) => isoDateTime(v as number, digits);
    }
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ": {
      const digits = Math.min(type.precision, 3);
      return (v) => `${isoDateTime(v as number, digits)}Z`;
    }
    case "ARRAY": {
      const element = jsonEncoderFor(type.element);
      return (v) => (v as SqlValue[]).map(element);
    }
    case "MULTISET": {
      const element = jsonEncoderFor(type.element);
      return (v) => [...(v as Map<SqlValue, number>)].map(([e, count]) => ({ element: element(e), count }));
    }
    case "MAP": {
      const key = jsonEncoderFor(type.key);
      const value = jsonEncoderFor(type.value);
      if (type.key.kind === "CHAR" || type.key.kind === "VARCHAR")
        return (v) => Object.fromEntries([...(v as Map<SqlValue, SqlValue>)].map(([k, x]) => [k, value(x)]));
      return (v) => [...(v as Map<SqlValue, SqlValue>)].map(([k, x]) => ({ key: key(k), value: value(x) }));
    }
    case "ROW": {
      const fields = type.fields.map((f) => ({ name: f.name, encode: jsonEncoderFor(f.type) }));
      return (v) => Object.fromEntries(fields.map((f, i) => [f.name, f.encode((v as SqlValue[])[i]!)]));
    }
    case "RAW":
    case "NULL":
      return (v) => String(v);
    default:
      return type satisfies never;
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isoTime(millisOfDay: number, digits: number): string {
  const h = Math.floor(millisOfDay / 3_600_000);
  const m = Math.floor(millisOfDay / 60_000) % 60;
  const s = Math.floor(millisOfDay / 1000) % 60;
  const fraction =
    digits === 0
      ? ""
      : `.${String(millisOfDay % 1000)
          .padStart(3, "0")
          .slice(0, digits)}`;
  return `${two(h)}:${two(m)}:${two(s)}${fraction}`;
}

function isoDateTime(millis: number, digits: number): string {
  const days = Math.floor(millis / MS_PER_DAY);
  return `${formatDate(days)}T${isoTime(millis - days * MS_PER_DAY, digits)}`;
}
