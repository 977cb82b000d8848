import type { DataType, DataTypeKind } from "./data-type.ts";

/**
 * Flink's type families (`LogicalTypeFamily`), as predicates over a type. A type belongs to several
 * families: INT is NUMERIC, EXACT_NUMERIC and INTEGER_NUMERIC.
 */

export function isIntegerFamily(type: DataType): boolean {
  return type.kind === "TINYINT" || type.kind === "SMALLINT" || type.kind === "INT" || type.kind === "BIGINT";
}

/** Integers and DECIMAL. */
export function isExactNumeric(type: DataType): boolean {
  return isIntegerFamily(type) || type.kind === "DECIMAL";
}

export function isApproximateNumeric(type: DataType): boolean {
  return type.kind === "FLOAT" || type.kind === "DOUBLE";
}

export function isNumeric(type: DataType): boolean {
  return isExactNumeric(type) || isApproximateNumeric(type);
}

/** CHAR, VARCHAR and STRING. */
export function isCharacterString(type: DataType): boolean {
  return type.kind === "CHAR" || type.kind === "VARCHAR";
}

/** BINARY, VARBINARY and BYTES. */
export function isBinaryString(type: DataType): boolean {
  return type.kind === "BINARY" || type.kind === "VARBINARY";
}

/** TIMESTAMP, TIMESTAMP_LTZ and TIMESTAMP WITH TIME ZONE. */
export function isTimestamp(type: DataType): boolean {
  return type.kind === "TIMESTAMP" || type.kind === "TIMESTAMP_LTZ" || type.kind === "TIMESTAMP_TZ";
}

/** Flink's DATETIME family: DATE, TIME and the timestamps. */
export function isDatetime(type: DataType): boolean {
  return type.kind === "DATE" || type.kind === "TIME" || isTimestamp(type);
}

export function isInterval(type: DataType): boolean {
  return type.kind === "INTERVAL_YM" || type.kind === "INTERVAL_DT";
}

/** Datetimes and intervals: everything time-related. */
export function isTemporal(type: DataType): boolean {
  return isDatetime(type) || isInterval(type);
}

/** ARRAY, MULTISET, MAP and ROW (Flink's CONSTRUCTED family). */
export function isConstructed(type: DataType): boolean {
  return type.kind === "ARRAY" || type.kind === "MULTISET" || type.kind === "MAP" || type.kind === "ROW";
}

/** Flink's PREDEFINED family: the SQL standard's scalar types (not NULL, RAW or the constructed types). */
export function isPredefined(type: DataType): boolean {
  return isPredefinedKind(type.kind);
}

export function isPredefinedKind(kind: DataTypeKind): boolean {
  return !(
    kind === "NULL" ||
    kind === "RAW" ||
    kind === "ARRAY" ||
    kind === "MULTISET" ||
    kind === "MAP" ||
    kind === "ROW"
  );
}

/**
 * Whether values of the type have an order, so that it can be sorted, be an argument of MIN/MAX or of
 * `<`: predefined types do; RAW, MAP and MULTISET do not; ARRAY and ROW do when their children do.
 */
export function isComparable(type: DataType): boolean {
  switch (type.kind) {
    case "RAW":
    case "MAP":
    case "MULTISET":
      return false;
    case "ARRAY":
      return isComparable(type.element);
    case "ROW":
      return type.fields.every((f) => isComparable(f.type));
    default:
      return true;
  }
}

/** An interval with one field (`INTERVAL DAY`, not `INTERVAL DAY TO HOUR`): castable to and from exact numbers. */
export function isSingleFieldInterval(type: DataType): boolean {
  return (type.kind === "INTERVAL_YM" || type.kind === "INTERVAL_DT") && !type.resolution.includes("_TO_");
}

/**
 * The precision Flink reports for a type (`LogicalTypeChecks.getPrecision`): decimal digits of integers
 * (TINYINT 3, SMALLINT 5, INT 10, BIGINT 19), DECIMAL's precision, fractional seconds of times.
 */
export function precisionOf(type: DataType): number {
  switch (type.kind) {
    case "TINYINT":
      return 3;
    case "SMALLINT":
      return 5;
    case "INT":
      return 10;
    case "BIGINT":
      return 19;
    case "DECIMAL":
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return type.precision;
    case "INTERVAL_YM":
      return type.precision;
    case "INTERVAL_DT":
      return type.dayPrecision;
    default:
      return 0;
  }
}

/** DECIMAL's scale; 0 for the integer types (which Flink treats as DECIMAL(p, 0) in decimal arithmetic). */
export function scaleOf(type: DataType): number {
  return type.kind === "DECIMAL" ? type.scale : 0;
}

/** CHAR/VARCHAR/BINARY/VARBINARY length; 0 for other types. */
export function lengthOf(type: DataType): number {
  return type.kind === "CHAR" ||
    type.kind === "VARCHAR" ||
    type.kind === "BINARY" ||
    type.kind === "VARBINARY"
    ? type.length
    : 0;
}
