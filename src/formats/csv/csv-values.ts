// CSV field text ↔ run-time values (Flink's CsvToRowDataConverters / RowDataToCsvConverters):
// numbers trimmed and parsed strictly, BYTES base64, DATE ISO, TIME `HH:mm:ss[.SSS]`, TIMESTAMP
// `yyyy-MM-dd HH:mm:ss[.SSS]` (ISO 'T' accepted on read), TIMESTAMP_LTZ with a trailing `Z`.
// ARRAY elements and ROW fields are joined by 'csv.array-element-delimiter'.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { FieldError, FormatConfigError, preview } from "../errors.ts";
import { fromBase64, toBase64 } from "../text/base64.ts";
import { decimalFromText } from "../text/decimal-text.ts";
import { bigDecimalPlainText, javaDoubleText, javaFloatText } from "../text/java-number-text.ts";
import {
  formatDate,
  formatTimeOfDay,
  formatTimestamp,
  parseDate,
  parseTimeOfDay,
  parseTimestamp,
} from "../text/temporal-text.ts";

export type CsvReader = (text: string) => SqlValue;
export type CsvWriter = (value: SqlValue) => string;

const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)[fFdD]?$/;
const RANGES: Partial<Record<DataType["kind"], [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  INTERVAL_YM: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  INTERVAL_DT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function notA(type: DataType, text: string): FieldError {
  return new FieldError(`'${preview(text)}' is not a ${formatDataType({ ...type, nullable: true })}`);
}

/** Text → value for `type`; throws a FieldError (without field: the caller knows the column). */
export function compileCsvReader(type: DataType, elementDelimiter: string, column: string): CsvReader {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (text) => text;
    case "BOOLEAN":
      return (text) => {
        const lower = text.trim().toLowerCase();
        if (lower === "true") return true;
        if (lower === "false") return false;
        throw notA(type, text);
      };
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "INTERVAL_YM":
    case "INTERVAL_DT": {
      const [min, max] = RANGES[type.kind] ?? [0, 0];
      return (text) => {
        const trimmed = text.trim();
        const value = INTEGER_TEXT.test(trimmed) ? Number(trimmed) : Number.NaN;
        if (!(value >= min && value <= max)) throw notA(type, text);
        return value;
      };
    }
    case "FLOAT":
    case "DOUBLE":
      return (text) => {
        const trimmed = text.trim();
        if (!FLOAT_TEXT.test(trimmed)) throw notA(type, text);
        const value = Number(trimmed.replace(/[fFdD]$/, ""));
        return type.kind === "FLOAT" ? Math.fround(value) : value;
      };
    case "DECIMAL":
      return (text) => {
        const value = decimalFromText(text.trim(), type.precision, type.scale);
        if (value === undefined) throw notA(type, text);
        return value;
      };
    case "BINARY":
    case "VARBINARY":
      return (text) => {
        const bytes = fromBase64(text.trim());
        if (bytes === undefined) throw notA(type, text);
        return bytes;
      };
    case "DATE":
      return (text) => {
        const days = parseDate(text.trim());
        if (days === undefined) throw notA(type, text);
        return days;
      };
    case "TIME":
      return (text) => {
        const ms = parseTimeOfDay(text.trim(), false, true);
        if (ms === undefined) throw notA(type, text);
        return ms;
      };
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ": {
      const zulu = type.kind === "TIMESTAMP_LTZ";
      return (text) => {
        const trimmed = text.trim();
        const ms =
          parseTimestamp(trimmed, { separator: " ", secondsRequired: true, zulu }) ??
          parseTimestamp(trimmed, { separator: "T", secondsRequired: false, zulu });
        if (ms === undefined) throw notA(type, text);
        return ms;
      };
    }
    case "ARRAY": {
      const element = compileCsvReader(type.element, elementDelimiter, column);
      return (text) => (text === "" ? [] : text.split(elementDelimiter).map(element));
    }
    case "ROW": {
      const fields = type.fields.map((f) =>
        compileCsvReader(f.type, elementDelimiter, `${column}.${f.name}`),
      );
      return (text) => {
        const parts = text.split(elementDelimiter);
        return fields.map((read, i) => {
          const part = parts[i];
          return part === undefined || (part === "" && !isText(type.fields[i]?.type)) ? null : read(part);
        });
      };
    }
    case "NULL":
      return () => null;
    default:
      throw new FormatConfigError(
        `the CSV format does not support ${formatDataType(type)} (column '${column}')`,
      );
  }
}

function isText(type: DataType | undefined): boolean {
  return type?.kind === "CHAR" || type?.kind === "VARCHAR";
}

/** Value → text for `type`; NULL is written by the caller. */
export function compileCsvWriter(type: DataType, elementDelimiter: string, column: string): CsvWriter {
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (v) => v as string;
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return (v) => String(v);
    case "FLOAT":
      return (v) => javaFloatText(v as number);
    case "DOUBLE":
      return (v) => javaDoubleText(v as number);
    case "DECIMAL":
      // Jackson's CSV generator writes BigDecimal values in plain notation.
      return (v) => bigDecimalPlainText(v as bigint, type.scale);
    case "BINARY":
    case "VARBINARY":
      return (v) => toBase64(v as Uint8Array);
    case "DATE":
      return (v) => formatDate(v as number);
    case "TIME":
      return (v) => formatTimeOfDay(v as number, true);
    case "TIMESTAMP":
      return (v) => formatTimestamp(v as number, " ", "");
    case "TIMESTAMP_LTZ":
      return (v) => formatTimestamp(v as number, " ", "Z");
    case "ARRAY": {
      const element = compileCsvWriter(type.element, elementDelimiter, column);
      return (v) => (v as SqlValue[]).map((e) => (e === null ? "" : element(e))).join(elementDelimiter);
    }
    case "ROW": {
      const fields = type.fields.map((f) =>
        compileCsvWriter(f.type, elementDelimiter, `${column}.${f.name}`),
      );
      return (v) =>
        fields
          .map((write, i) =>
            ((v as SqlValue[])[i] ?? null) === null ? "" : write((v as SqlValue[])[i] ?? null),
          )
          .join(elementDelimiter);
    }
    case "NULL":
      return () => "";
    default:
      throw new FormatConfigError(
        `the CSV format does not support ${formatDataType(type)} (column '${column}')`,
      );
  }
}
