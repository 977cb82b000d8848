import {
  type DuckDBBlobValue,
  type DuckDBDateValue,
  type DuckDBIntervalValue,
  type DuckDBListValue,
  type DuckDBMapValue,
  type DuckDBStructValue,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampValue,
  type DuckDBTimeTZValue,
  type DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBUnionValue,
  type DuckDBValue,
} from "@duckdb/node-api";
import {
  formatDate,
  formatInterval,
  formatTime,
  formatTimestamp,
  formatTimestampTz,
  formatTimeTz,
} from "./datetime-text.ts";
import { formatFloat4, formatFloat8 } from "./float-text.ts";
import { formatArray } from "./pg-array.ts";
import { PG, pgTypeOf } from "./pg-type.ts";

/** Encodes a non-null DuckDB value as PostgreSQL's text output for the column's type. */
export type TextEncoder = (value: NonNullable<DuckDBValue>) => string;

/** Session settings that change how values are written. */
export interface TextSettings {
  /** The session's TimeZone, for timestamptz. */
  readonly timeZone: string;
}

/** The text encoder of a column of `type`, built once per result column. */
export function textEncoder(type: DuckDBType, settings: TextSettings): TextEncoder {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return (v) => (v ? "t" : "f");
    case DuckDBTypeId.FLOAT:
      return (v) => formatFloat4(v as number);
    case DuckDBTypeId.DOUBLE:
      return (v) => formatFloat8(v as number);
    case DuckDBTypeId.BLOB:
      return (v) => `\\x${Buffer.from((v as DuckDBBlobValue).bytes).toString("hex")}`;
    case DuckDBTypeId.DATE:
      return (v) => formatDate((v as DuckDBDateValue).days);
    case DuckDBTypeId.TIME:
      return (v) => formatTime((v as DuckDBTimeValue).micros);
    case DuckDBTypeId.TIME_TZ:
      return (v) => formatTimeTz((v as DuckDBTimeTZValue).micros, (v as DuckDBTimeTZValue).offset);
    case DuckDBTypeId.TIMESTAMP:
      return (v) => formatTimestamp((v as DuckDBTimestampValue).micros);
    case DuckDBTypeId.TIMESTAMP_S:
      return (v) => formatTimestamp((v as DuckDBTimestampSecondsValue).seconds * 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v) => formatTimestamp((v as DuckDBTimestampMillisecondsValue).millis * 1000n);
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => formatTimestamp((v as DuckDBTimestampNanosecondsValue).nanos / 1000n);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => formatTimestampTz((v as DuckDBTimestampValue).micros, settings.timeZone);
    case DuckDBTypeId.INTERVAL: {
      return (v) => {
        const i = v as DuckDBIntervalValue;
        return formatInterval(i.months, i.days, i.micros);
      };
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = textEncoder(type.valueType, settings);
      return (v) => formatArray((v as DuckDBListValue).items, element);
    }
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
      return jsonEncoder(type, settings);
    default:
      // Integers (number or bigint), DECIMAL, VARCHAR, ENUM, UUID, BIT: their JS text is PostgreSQL's.
      return (v) => String(v);
  }
}

/**
 * STRUCT, MAP and UNION values as JSON text (they go out as json): numbers stay numbers, everything
 * else is the JSON string of its PostgreSQL text. MAP keys become object keys through their text.
 */
function jsonEncoder(type: DuckDBType, settings: TextSettings): TextEncoder {
  const json = jsonOf(type, settings);
  return (v) => json(v);
}

function jsonOf(type: DuckDBType, settings: TextSettings): (v: DuckDBValue) => string {
  const nullable =
    (encode: (v: NonNullable<DuckDBValue>) => string) =>
    (v: DuckDBValue): string =>
      v === null ? "null" : encode(v);
  switch (type.typeId) {
    case DuckDBTypeId.STRUCT: {
      const fields = type.entryNames.map((name, i) => ({
        name,
        json: jsonOf(type.entryTypes[i]!, settings),
      }));
      return nullable((v) => {
        const entries = (v as DuckDBStructValue).entries;
        return `{${fields.map((f) => `${JSON.stringify(f.name)}:${f.json(entries[f.name] ?? null)}`).join(",")}}`;
      });
    }
    case DuckDBTypeId.MAP: {
      const key = textEncoder(type.keyType, settings);
      const value = jsonOf(type.valueType, settings);
      return nullable((v) => {
        const entries = (v as DuckDBMapValue).entries;
        return `{${entries.map((e) => `${JSON.stringify(e.key === null ? "null" : key(e.key))}:${value(e.value)}`).join(",")}}`;
      });
    }
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY: {
      const element = jsonOf(type.valueType, settings);
      return nullable((v) => `[${(v as DuckDBListValue).items.map(element).join(",")}]`);
    }
    case DuckDBTypeId.UNION: {
      const members = new Map(type.memberTags.map((tag, i) => [tag, jsonOf(type.memberTypes[i]!, settings)]));
      return nullable((v) => {
        const u = v as DuckDBUnionValue;
        return members.get(u.tag)?.(u.value) ?? JSON.stringify(String(u.value));
      });
    }
    case DuckDBTypeId.BOOLEAN:
      return nullable((v) => String(v));
    default: {
      const text = textEncoder(type, settings);
      const numeric = PG_NUMBERS[pgTypeOf(type).oid] === true;
      return nullable((v) => {
        const out = text(v);
        return numeric && /^-?\d/.test(out) ? out : JSON.stringify(out);
      });
    }
  }
}

/** PostgreSQL number types whose text is a JSON number when finite. */
const PG_NUMBERS: Readonly<Record<number, true>> = {
  [PG.int2.oid]: true,
  [PG.int4.oid]: true,
  [PG.int8.oid]: true,
  [PG.float4.oid]: true,
  [PG.float8.oid]: true,
  [PG.numeric.oid]: true,
};
