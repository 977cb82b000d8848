import { mapArray } from "../map-array.ts";
import { type DataType, MAX_LENGTH } from "./data-type.ts";

/**
 * Flink's canonical text for a type, as `DESCRIBE` shows it and as the printer writes it:
 * `STRING`, `DECIMAL(10, 2) NOT NULL`, `TIMESTAMP_LTZ(3)`, `ROW<\`id\` BIGINT, \`tags\` ARRAY<STRING>>`.
 */
export function formatDataType(type: DataType): string {
  return formatNullable(type) + (type.nullable ? "" : " NOT NULL");
}

function formatNullable(type: DataType): string {
  switch (type.kind) {
    case "CHAR":
    case "BINARY":
      return `${type.kind}(${type.length})`;
    case "VARCHAR":
      return type.length === MAX_LENGTH ? "STRING" : `VARCHAR(${type.length})`;
    case "VARBINARY":
      return type.length === MAX_LENGTH ? "BYTES" : `VARBINARY(${type.length})`;
    case "BOOLEAN":
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
    case "FLOAT":
    case "DOUBLE":
    case "DATE":
    case "NULL":
      return type.kind;
    case "DECIMAL":
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return `${type.kind}(${type.precision})`;
    case "TIMESTAMP_TZ":
      return `TIMESTAMP(${type.precision}) WITH TIME ZONE`;
    case "INTERVAL_YM":
      return formatYearMonth(type.resolution, type.precision);
    case "INTERVAL_DT":
      return formatDayTime(type.resolution, type.dayPrecision, type.fractionalPrecision);
    case "ARRAY":
    case "MULTISET":
      return `${type.kind}<${formatDataType(type.element)}>`;
    case "MAP":
      return `MAP<${formatDataType(type.key)}, ${formatDataType(type.value)}>`;
    case "ROW":
      return `ROW<${mapArray(type.fields, (f) => {
        const described = f.description === undefined ? "" : ` ${quoteString(f.description)}`;
        return `${quoteIdentifier(f.name)} ${formatDataType(f.type)}${described}`;
      }).join(", ")}>`;
    case "RAW":
      return `RAW(${quoteString(type.className)}, ${quoteString(type.snapshot)})`;
    default:
      return type satisfies never;
  }
}

function formatYearMonth(resolution: string, precision: number): string {
  switch (resolution) {
    case "YEAR":
      return `INTERVAL YEAR(${precision})`;
    case "MONTH":
      return "INTERVAL MONTH";
    default:
      return `INTERVAL YEAR(${precision}) TO MONTH`;
  }
}

function formatDayTime(resolution: string, dayPrecision: number, fractionalPrecision: number): string {
  const [start, end] = resolution.split("_TO_") as [string, string | undefined];
  const startText =
    start === "DAY" ? `DAY(${dayPrecision})` : start === "SECOND" ? `SECOND(${fractionalPrecision})` : start;
  if (end === undefined) return `INTERVAL ${startText}`;
  const endText = end === "SECOND" ? `SECOND(${fractionalPrecision})` : end;
  return `INTERVAL ${startText} TO ${endText}`;
}

/** Backtick-quotes an identifier, doubling embedded backticks. */
export function quoteIdentifier(name: string): string {
  return "`" + name.replaceAll("`", "``") + "`";
}

/** Single-quotes a string literal, doubling embedded quotes. */
export function quoteString(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}
