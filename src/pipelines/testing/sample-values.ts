import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";

const DAY_MS = 86_400_000;
/** 2024-01-01 00:00:00 UTC: sample dates and times count from it. */
const BASE_MS = Date.UTC(2024, 0, 1);

/**
 * A deterministic value of `type` for row `n` (1-based) of column `column`: `<column>_<n>` for
 * strings, `n` for integers, `n.5` for decimals and floats, alternating booleans, `n` days/minutes
 * after 2024-01-01 for dates and timestamps; nested types hold one sample element. Values fit the
 * type's length and precision, so a fixture written from them reads back unchanged.
 */
export function sampleValue(type: DataType, column: string, n: number): SqlValue {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR": {
      const text = `${column}_${n}`;
      return text.length <= type.length
        ? text
        : String(n % 10 ** Math.min(type.length, 15)).slice(-type.length);
    }
    case "BINARY":
    case "VARBINARY":
      return new Uint8Array([n % 256]);
    case "BOOLEAN":
      return n % 2 === 0;
    case "TINYINT":
      return n % 128;
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return n;
    case "FLOAT":
    case "DOUBLE":
      return n + 0.5;
    case "DECIMAL": {
      const whole = BigInt(n % 10 ** Math.min(Math.max(type.precision - type.scale, 0), 15));
      const scale = 10n ** BigInt(type.scale);
      return type.scale > 0 ? whole * scale + scale / 2n : whole;
    }
    case "DATE":
      return BASE_MS / DAY_MS + n - 1;
    case "TIME":
      return (8 * 3600 + n) * 1000;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return BASE_MS + n * 60_000;
    case "INTERVAL_YM":
      return n;
    case "INTERVAL_DT":
      return n * 1000;
    case "ARRAY":
      return [sampleValue(type.element, column, n)];
    case "MULTISET":
      return new Map([[sampleValue(type.element, column, n), 1]]);
    case "MAP":
      return new Map([[sampleValue(type.key, `${column}_key`, n), sampleValue(type.value, column, n)]]);
    case "ROW":
      return type.fields.map((f) => sampleValue(f.type, f.name, n));
    case "NULL":
    case "TIMESTAMP_TZ":
    case "RAW":
      return null;
    default:
      return type satisfies never;
  }
}
