import {
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBIntervalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/** Converts one engine value (see common/value.ts) to what DuckDB's vectors take for the mirrored type. */
export type ToDuckDb = (value: SqlValue) => DuckDBValue;

const MS_PER_DAY = 86_400_000;

/**
 * The converter for a column of `type`, chosen once per column so appending a row is one call per
 * value. The types are those of `duckDbTypeOf`; the engine's milliseconds become DuckDB's microseconds.
 */
export function toDuckDbValue(type: DataType): ToDuckDb {
  const convert = converter(type);
  return (value) => (value === null ? null : convert(value));
}

function converter(type: DataType): (value: NonNullable<SqlValue>) => DuckDBValue {
  switch (type.kind) {
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "FLOAT":
    case "DOUBLE":
    case "CHAR":
    case "VARCHAR":
      return (v) => v as boolean | number | string;
    case "BIGINT":
      return (v) => BigInt(v as number);
    case "DECIMAL": {
      const { precision, scale } = type;
      return (v) => new DuckDBDecimalValue(v as bigint, precision, scale);
    }
    case "BINARY":
    case "VARBINARY":
      return (v) => new DuckDBBlobValue(v as Uint8Array);
    case "DATE":
      return (v) => new DuckDBDateValue(v as number);
    case "TIME":
      return (v) => new DuckDBTimeValue(BigInt(v as number) * 1000n);
    case "TIMESTAMP":
      return (v) => new DuckDBTimestampValue(BigInt(v as number) * 1000n);
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return (v) => new DuckDBTimestampTZValue(BigInt(v as number) * 1000n);
    case "INTERVAL_YM":
      return (v) => new DuckDBIntervalValue(v as number, 0, 0n);
    case "INTERVAL_DT":
      // Whole days go to the day field so PostgreSQL clients read `1 day`, not `24:00:00`.
      return (v) => {
        const ms = v as number;
        const days = Math.trunc(ms / MS_PER_DAY);
        return new DuckDBIntervalValue(0, days, BigInt(ms - days * MS_PER_DAY) * 1000n);
      };
    case "ARRAY": {
      const element = toDuckDbValue(type.element);
      return (v) => new DuckDBListValue((v as SqlValue[]).map(element));
    }
    case "MULTISET": {
      const element = toDuckDbValue(type.element);
      return (v) =>
        new DuckDBMapValue(
          [...(v as Map<SqlValue, SqlValue>)].map(([k, count]) => ({
            key: element(k),
            value: count as number,
          })),
        );
    }
    case "MAP": {
      const key = toDuckDbValue(type.key);
      const value = toDuckDbValue(type.value);
      return (v) =>
        new DuckDBMapValue(
          [...(v as Map<SqlValue, SqlValue>)].map(([k, x]) => ({ key: key(k), value: value(x) })),
        );
    }
    case "ROW": {
      const fields = type.fields.map((f) => ({ name: f.name, convert: toDuckDbValue(f.type) }));
      return (v) => {
        const values = v as SqlValue[];
        return new DuckDBStructValue(
          Object.fromEntries(fields.map((f, i) => [f.name, f.convert(values[i] ?? null)])),
        );
      };
    }
    case "NULL":
    case "RAW":
      // No DuckDB counterpart: kept as text (a RAW value is an opaque serialized object).
      return (v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : String(v));
    default:
      return type satisfies never;
  }
}
