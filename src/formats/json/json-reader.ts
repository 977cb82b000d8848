// Parsed JSON → run-time values, following Flink's JsonToRowDataConverters: numbers and booleans are
// also accepted as text ("12"), a STRING column takes any scalar's text and a nested object's JSON,
// DECIMALs that overflow their precision become NULL, TIME keeps whole seconds, missing fields are
// NULL unless 'json.fail-on-missing-field', and 'json.ignore-parse-errors' turns a bad field into NULL.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { childPath, FieldError, FormatConfigError, preview } from "../errors.ts";
import { fromBase64 } from "../text/base64.ts";
import { decimalFromNumber, decimalFromText } from "../text/decimal-text.ts";
import { parseDate, parseTimeOfDay, parseTimestamp, type TimestampLayout } from "../text/temporal-text.ts";
import { isStringType, mapEntryTypes } from "../type-shapes.ts";
import { JsonNumberText } from "./json-number.ts";
import type { JsonSettings } from "./json-options.ts";

export type JsonReader = (node: unknown) => SqlValue;

const INT_RANGES: Partial<Record<DataType["kind"], [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  INTERVAL_YM: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  INTERVAL_DT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?$/;

/** Builds the reader for one column (or nested field) at `path`. */
export function compileJsonReader(type: DataType, settings: JsonSettings, path: string): JsonReader {
  const read = notNullReader(type, settings, path);
  if (settings.ignoreParseErrors) {
    return (node) => {
      if (node === null || node === undefined) return null;
      try {
        return read(node);
      } catch (error) {
        if (error instanceof FieldError) return null;
        throw error;
      }
    };
  }
  return (node) => (node === null || node === undefined ? null : read(node));
}

function fail(type: DataType, node: unknown, path: string): never {
  throw new FieldError(`${describe(node)} is not a ${formatDataType({ ...type, nullable: true })}`, path);
}

function describe(node: unknown): string {
  if (node instanceof JsonNumberText) return node.source;
  if (typeof node === "string") return `'${preview(node)}'`;
  if (Array.isArray(node)) return "an array";
  if (typeof node === "object" && node !== null) return "an object";
  return String(node);
}

/** Jackson's `asText()`: the text of a scalar node. */
function scalarText(node: unknown): string | undefined {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (node instanceof JsonNumberText) return node.source;
  return undefined;
}

function notNullReader(type: DataType, settings: JsonSettings, path: string): JsonReader {
  switch (type.kind) {
    case "NULL":
      return () => null;
    case "BOOLEAN":
      // Boolean.parseBoolean: any text but "true" (any case) is false.
      return (node) => {
        if (typeof node === "boolean") return node;
        const text = scalarText(node);
        if (text === undefined) fail(type, node, path);
        return text.trim().toLowerCase() === "true";
      };
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return integerReader(type, path);
    case "FLOAT":
    case "DOUBLE":
      return (node) => {
        if (typeof node === "number") return type.kind === "FLOAT" ? Math.fround(node) : node;
        const text = scalarText(node)?.trim();
        if (text === undefined || !FLOAT_TEXT.test(text)) fail(type, node, path);
        const value = Number(text.replace(/[fFdD]$/, ""));
        return type.kind === "FLOAT" ? Math.fround(value) : value;
      };
    case "CHAR":
    case "VARCHAR":
      return (node) =>
        typeof node === "string" ? node : (scalarText(node) ?? JSON.stringify(node, unwrapNumbers));
    case "BINARY":
    case "VARBINARY":
      return (node) => {
        const bytes = typeof node === "string" ? fromBase64(node) : undefined;
        if (bytes === undefined)
          throw new FieldError(`${describe(node)} is not base64 for ${formatDataType(type)}`, path);
        return bytes;
      };
    case "DECIMAL":
      return (node) => {
        const value =
          typeof node === "number"
            ? decimalFromNumber(node, type.precision, type.scale)
            : decimalFromText(scalarText(node) ?? "", type.precision, type.scale);
        if (value === undefined) fail(type, node, path);
        return value;
      };
    case "DATE":
      return temporalReader(type, settings, path, (text) => parseDate(text), EPOCH_DAYS);
    case "TIME":
      return temporalReader(type, settings, path, (text) => parseTimeOfDay(text, true, false), DAY_MS);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      const layout = timestampLayout(settings, type.kind === "TIMESTAMP_LTZ");
      return temporalReader(type, settings, path, (text) => parseTimestamp(text, layout), EPOCH_MS);
    }
    case "ARRAY": {
      const element = compileJsonReader(type.element, settings, `${path}[]`);
      return (node) => {
        if (!Array.isArray(node)) fail(type, node, path);
        const out: SqlValue[] = new Array(node.length);
        for (let i = 0; i < node.length; i++) out[i] = element(node[i]);
        return out;
      };
    }
    case "MAP":
    case "MULTISET":
      return mapReader(type, settings, path);
    case "ROW":
      return compileRowReader(type.fields, settings, path);
    case "TIMESTAMP_TZ":
    case "RAW":
      throw new FormatConfigError(
        `the JSON format does not support ${formatDataType(type)} (column '${path}')`,
      );
    default:
      return type satisfies never;
  }
}

/** Ranges of epoch numbers: days and ms within years 0000-9999 (as the text forms), ms of a day. */
const EPOCH_DAYS: [number, number] = [-719528, 2932896];
const EPOCH_MS: [number, number] = [-62167219200000, 253402300799999];
const DAY_MS: [number, number] = [0, 86399999];

/**
 * DATE, TIME or TIMESTAMP: its text, or with `epoch` temporals also a whole number in `range`
 * (Kafka Connect's Date, Time and Timestamp).
 */
function temporalReader(
  type: DataType,
  settings: JsonSettings,
  path: string,
  parseText: (text: string) => number | undefined,
  range: [number, number],
): JsonReader {
  const epoch = settings.temporals === "epoch";
  return (node) => {
    const value =
      typeof node === "string"
        ? parseText(node)
        : epoch && typeof node === "number" && Number.isInteger(node) && node >= range[0] && node <= range[1]
          ? node
          : undefined;
    if (value === undefined) fail(type, node, path);
    return value;
  };
}

function integerReader(type: DataType, path: string): JsonReader {
  const [min, max] = INT_RANGES[type.kind] ?? [0, 0];
  const lenient = type.kind !== "TINYINT" && type.kind !== "SMALLINT";
  return (node) => {
    // INT/BIGINT take any JSON number in range, truncated (Jackson's asInt/asLong); TINYINT and
    // SMALLINT, like all integer types given text, parse the text strictly.
    if (typeof node === "number" && (lenient ? Number.isFinite(node) : Number.isInteger(node))) {
      const value = Math.trunc(node);
      if (value >= min && value <= max) return value === 0 ? 0 : value;
      throw new FieldError(
        `${node} is out of range for ${formatDataType({ ...type, nullable: true })}`,
        path,
      );
    }
    const text = scalarText(node)?.trim();
    if (text === undefined || !INTEGER_TEXT.test(text)) fail(type, node, path);
    const value = Number(text);
    if (value < min || value > max || !Number.isSafeInteger(value)) {
      throw new FieldError(
        `${text} is out of range for ${formatDataType({ ...type, nullable: true })}`,
        path,
      );
    }
    return value;
  };
}

function mapReader(type: DataType, settings: JsonSettings, path: string): JsonReader {
  const entry = mapEntryTypes(type);
  if (entry === undefined || !isStringType(entry.key)) {
    throw new FormatConfigError(
      `JSON format doesn't support non-string as key type of map: ${formatDataType(type)} (column '${path}')`,
    );
  }
  const value = compileJsonReader(entry.value, settings, `${path}{}`);
  return (node) => {
    const out = new Map<SqlValue, SqlValue>();
    // Flink iterates the node's fields; anything but an object has none.
    if (typeof node !== "object" || node === null || Array.isArray(node) || node instanceof JsonNumberText)
      return out;
    for (const [k, v] of Object.entries(node)) out.set(k, value(v));
    return out;
  };
}

/** Reads an object into a positional row of `fields`. */
export function compileRowReader(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  settings: JsonSettings,
  path: string,
): (node: unknown) => SqlValue[] {
  const names = fields.map((f) => f.name);
  const readers = fields.map((f) => compileJsonReader(f.type, settings, childPath(path, f.name)));
  // Names such as "constructor" would find Object.prototype members on a missing field.
  const inherited = names.map((n) => n in Object.prototype);
  const count = names.length;
  return (node) => {
    if (typeof node !== "object" || node === null || Array.isArray(node) || node instanceof JsonNumberText) {
      throw new FieldError(`expected a JSON object, got ${describe(node)}`, path === "" ? undefined : path);
    }
    const record = node as Record<string, unknown>;
    const row: SqlValue[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      const raw = inherited[i] && !Object.hasOwn(record, name) ? undefined : record[name];
      if (raw === undefined && settings.failOnMissingField) {
        throw new FieldError(`Could not find field with name '${name}'`, childPath(path, name));
      }
      row[i] = (readers[i] as JsonReader)(raw);
    }
    return row;
  };
}

export function timestampLayout(settings: JsonSettings, zulu: boolean): TimestampLayout {
  return settings.timestampStandard === "SQL"
    ? { separator: " ", secondsRequired: true, zulu }
    : { separator: "T", secondsRequired: false, zulu };
}

function unwrapNumbers(_key: string, value: unknown): unknown {
  return value instanceof JsonNumberText ? value.value : value;
}
