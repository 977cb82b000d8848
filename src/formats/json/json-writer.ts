// Run-time values → JSON text exactly as Flink's RowDataToJsonConverters + Jackson print them:
// compact (no spaces), fields in schema order, DECIMAL through Jackson's normalising node factory
// (trailing zeros stripped, so 100.00 prints as 1E+2 unless 'json.encode.decimal-as-plain-number'),
// FLOAT/DOUBLE as Java prints them (1.0, 1.0E7), non-finite numbers quoted ("NaN"), TIME as whole
// seconds, BYTES as base64, MAP/MULTISET as objects, control characters escaped as \u00XX.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { FormatConfigError } from "../errors.ts";
import { toBase64 } from "../text/base64.ts";
import {
  bigDecimalPlainText,
  bigDecimalText,
  javaDoubleText,
  javaFloatText,
  stripTrailingZeros,
} from "../text/java-number-text.ts";
import { formatDate, formatTimeOfDay, formatTimestamp } from "../text/temporal-text.ts";
import { isStringType, mapEntryTypes } from "../type-shapes.ts";
import type { JsonSettings } from "./json-options.ts";

export type JsonWriter = (value: SqlValue) => string;

/** Control characters JSON.stringify escapes as \u00xx (all below 0x20 but \b \t \n \f \r). */
function isHexEscaped(code: number): boolean {
  return code < 0x20 && (code < 8 || code === 11 || code > 13);
}

/** A JSON string literal with Jackson's escapes (JSON.stringify's, but upper-case hex digits). */
export function jsonString(text: string): string {
  let needsUpper = false;
  for (let i = 0; i < text.length && !needsUpper; i++) needsUpper = isHexEscaped(text.charCodeAt(i));
  if (!needsUpper) return JSON.stringify(text);
  let out = '"';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += isHexEscaped(code)
      ? `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`
      : JSON.stringify(ch).slice(1, -1);
  }
  return `${out}"`;
}

/** Builds the writer for a value of `type` (nulls included). */
export function compileJsonWriter(type: DataType, settings: JsonSettings, path: string): JsonWriter {
  const write = notNullWriter(type, settings, path);
  return (value) => (value === null ? "null" : write(value));
}

function notNullWriter(type: DataType, settings: JsonSettings, path: string): JsonWriter {
  switch (type.kind) {
    case "NULL":
      return () => "null";
    case "BOOLEAN":
      return (v) => (v ? "true" : "false");
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return (v) => String(v);
    case "FLOAT":
      return (v) => quoteNonFinite(v as number, javaFloatText(v as number));
    case "DOUBLE":
      return (v) => quoteNonFinite(v as number, javaDoubleText(v as number));
    case "CHAR":
    case "VARCHAR":
      return (v) => jsonString(v as string);
    case "BINARY":
    case "VARBINARY":
      return (v) => `"${toBase64(v as Uint8Array)}"`;
    case "DECIMAL": {
      const scale = type.scale;
      const print = settings.decimalAsPlainNumber ? bigDecimalPlainText : bigDecimalText;
      return (v) => {
        const [unscaled, stripped] = stripTrailingZeros(v as bigint, scale);
        return print(unscaled, stripped);
      };
    }
    case "DATE":
      return settings.temporals === "epoch" ? String : (v) => `"${formatDate(v as number)}"`;
    case "TIME":
      return settings.temporals === "epoch" ? String : (v) => `"${formatTimeOfDay(v as number, false)}"`;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      if (settings.temporals === "epoch") return String;
      const separator = settings.timestampStandard === "SQL" ? " " : "T";
      const suffix = type.kind === "TIMESTAMP_LTZ" ? "Z" : "";
      return (v) => `"${formatTimestamp(v as number, separator, suffix)}"`;
    }
    case "ARRAY": {
      const element = compileJsonWriter(type.element, settings, `${path}[]`);
      return (v) => {
        const items = v as SqlValue[];
        let out = "[";
        for (let i = 0; i < items.length; i++) out += (i === 0 ? "" : ",") + element(items[i] ?? null);
        return `${out}]`;
      };
    }
    case "MAP":
    case "MULTISET":
      return mapWriter(type, settings, path);
    case "ROW":
      return compileObjectWriter(type.fields, settings, path) as JsonWriter;
    case "TIMESTAMP_TZ":
    case "RAW":
      throw new FormatConfigError(
        `the JSON format does not support ${formatDataType(type)} (column '${path}')`,
      );
    default:
      return type satisfies never;
  }
}

function quoteNonFinite(value: number, text: string): string {
  return Number.isFinite(value) ? text : `"${text}"`;
}

function mapWriter(type: DataType, settings: JsonSettings, path: string): JsonWriter {
  const entry = mapEntryTypes(type);
  if (entry === undefined || !isStringType(entry.key)) {
    throw new FormatConfigError(
      `JSON format doesn't support non-string as key type of map: ${formatDataType(type)} (column '${path}')`,
    );
  }
  const value = compileJsonWriter(entry.value, settings, `${path}{}`);
  return (v) => {
    let out = "{";
    let first = true;
    for (const [k, item] of v as Map<SqlValue, SqlValue>) {
      let key: string;
      if (k === null) {
        // 'json.map-null-key.mode': FAIL throws, DROP skips the entry, LITERAL writes the literal.
        if (settings.mapNullKeyMode === "DROP") continue;
        if (settings.mapNullKeyMode === "FAIL") {
          throw new Error(
            `JSON format doesn't support to serialize map data with null keys (column '${path}'); ` +
              "set 'json.map-null-key.mode' to DROP or LITERAL",
          );
        }
        key = settings.mapNullKeyLiteral;
      } else key = k as string;
      out += `${first ? "" : ","}${jsonString(key)}:${value(item)}`;
      first = false;
    }
    return `${out}}`;
  };
}

/** Writes a positional row as an object with `fields` as keys. */
export function compileObjectWriter(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  settings: JsonSettings,
  path: string,
): (row: SqlValue[]) => string {
  const keys = fields.map((f) => `${jsonString(f.name)}:`);
  const writers = fields.map((f) =>
    compileJsonWriter(f.type, settings, path === "" ? f.name : `${path}.${f.name}`),
  );
  const count = keys.length;
  const skipNulls = settings.ignoreNullFields;
  return (row) => {
    let out = "{";
    let first = true;
    for (let i = 0; i < count; i++) {
      const value = row[i] ?? null;
      if (value === null && skipNulls) continue;
      out += (first ? "" : ",") + (keys[i] as string) + (writers[i] as JsonWriter)(value);
      first = false;
    }
    return `${out}}`;
  };
}
