import { mapArray } from "../map-array.ts";
import { canImplicitlyCast, childrenOf } from "./casts.ts";
import { t, withNullability } from "./constructors.ts";
import type { DataType, DayTimeResolution, RowField, YearMonthResolution } from "./data-type.ts";
import {
  isApproximateNumeric,
  isBinaryString,
  isCharacterString,
  isDatetime,
  isExactNumeric,
  isInterval,
  isNumeric,
  isTimestamp,
  lengthOf,
  precisionOf,
  scaleOf,
} from "./families.ts";
import { IGNORE_NULLABILITY, typesEqual } from "./type-equality.ts";

const MAX_DECIMAL_PRECISION = 38;

/**
 * The least restrictive type all `types` convert to implicitly, as Flink's
 * `LogicalTypeMerging.findCommonType` computes it for CASE branches, COALESCE, IN lists, UNION inputs,
 * VALUES rows and ARRAY/MAP constructor elements. `undefined` when there is none (INT vs BOOLEAN) or
 * when every input is the untyped NULL. Nullable if any input is.
 *
 * Examples: [INT, BIGINT, DECIMAL(2, 2)] → DECIMAL(21, 2); [CHAR(2), CHAR(3)] → VARCHAR(3);
 * [INT, DOUBLE] → DOUBLE; [TIMESTAMP(3), TIMESTAMP_LTZ(6)] → TIMESTAMP_LTZ(6).
 */
export function commonType(types: readonly DataType[]): DataType | undefined {
  if (types.length === 0) return undefined;
  const hasNullable = types.some((type) => type.nullable);
  const same = sameFlatType(types);
  if (same !== undefined) return withNullability(same, hasNullable);
  const normalized = mapArray(types, (type) => withNullability(type, true));
  const found =
    findCommonNullableType(
      normalized,
      types.some((type) => type.kind === "RAW"),
      types.some((type) => type.kind === "NULL"),
    ) ?? findCommonCastableType(normalized);
  // NULL is reserved for untyped literals: a column of only NULLs has no type.
  if (found === undefined || found.kind === "NULL") return undefined;
  return withNullability(found, hasNullable);
}

/**
 * The type of `types` when all are one type without nested types, nullability aside (the commonest
 * case: `a = b` of two INT columns): its own common type, found without normalizing copies.
 */
function sameFlatType(types: readonly DataType[]): DataType | undefined {
  const first = types[0]!;
  switch (first.kind) {
    case "NULL":
    case "ARRAY":
    case "MULTISET":
    case "MAP":
    case "ROW":
      return undefined;
  }
  for (let i = 1; i < types.length; i++)
    if (!typesEqual(first, types[i]!, IGNORE_NULLABILITY)) return undefined;
  return first;
}

/** Fallback: the one input type every other input implicitly casts to. */
function findCommonCastableType(types: readonly DataType[]): DataType | undefined {
  let result = types[0]!;
  for (const type of types) {
    if (type.kind === "NULL") continue;
    if (canImplicitlyCast(result, type)) result = type;
    else if (!canImplicitlyCast(type, result)) return undefined;
  }
  return result;
}

function findCommonNullableType(
  types: readonly DataType[],
  hasRaw: boolean,
  hasNull: boolean,
): DataType | undefined {
  // RAW types only merge with identical RAW types.
  if (hasRaw) return types.every((type) => typesEqual(type, types[0]!)) ? types[0] : undefined;

  let result: DataType | undefined;
  for (const type of types) {
    if (type.kind === "NULL") continue;
    result ??= type;

    const pattern = commonTypePattern(result, type);
    if (pattern !== undefined) {
      result = pattern;
      continue;
    }
    if (type.kind === "ARRAY" || type.kind === "MULTISET" || type.kind === "MAP" || type.kind === "ROW") {
      return findCommonConstructedType(types);
    }
    if (!areSimilarTypes(result, type)) return undefined;

    if (isCharacterString(type) || isBinaryString(type)) {
      result = commonStringType(result, type);
    } else if (isExactNumeric(type)) {
      if (isExactNumeric(result)) result = commonExactNumericType(result, type);
      else if (isApproximateNumeric(result)) {
        // Once approximate, stays approximate; a DECIMAL forces DOUBLE (FLOAT cannot hold it).
        if (type.kind === "DECIMAL") result = t.double();
      } else return undefined;
    } else if (isApproximateNumeric(type)) {
      if (isApproximateNumeric(result))
        result = result.kind === "DOUBLE" || type.kind === "DOUBLE" ? t.double() : result;
      else if (isExactNumeric(result)) result = result.kind === "DECIMAL" ? t.double() : type;
      else return undefined;
    } else if (type.kind === "DATE") {
      if (result.kind !== "DATE") return undefined;
    } else if (type.kind === "TIME") {
      if (result.kind !== "TIME") return undefined;
      result = t.time(Math.max(result.precision, type.precision));
    } else if (isTimestamp(type)) {
      if (!isTimestamp(result)) return undefined;
      result = commonTimestampType(result, type);
    } else if (type.kind === "INTERVAL_DT" && result.kind === "INTERVAL_DT") {
      result = t.intervalDayTime(
        combineResolutions(DAY_TIME_UNITS, result.resolution, type.resolution) as DayTimeResolution,
        Math.max(result.dayPrecision, type.dayPrecision),
        Math.max(result.fractionalPrecision, type.fractionalPrecision),
      );
    } else if (type.kind === "INTERVAL_YM" && result.kind === "INTERVAL_YM") {
      result = t.intervalYearMonth(
        combineResolutions(YEAR_MONTH_UNITS, result.resolution, type.resolution) as YearMonthResolution,
        Math.max(result.precision, type.precision),
      );
    } else {
      // BOOLEAN and the rest: left to the implicit-cast fallback.
      return undefined;
    }
  }
  if (result === undefined && hasNull) return t.null();
  return result;
}

/**
 * Datetime ± interval and datetime ± exact number keep the datetime: `CASE WHEN .. THEN ts ELSE
 * INTERVAL ...` is not meaningful, but these pairs are what `+`/`-` mix, and Flink merges them so.
 * TIME + number is not among them (a number counts days).
 */
function commonTypePattern(result: DataType, type: DataType): DataType | undefined {
  if (isDatetime(result) && isInterval(type)) return result;
  if (isInterval(result) && isDatetime(type)) return type;
  if ((isTimestamp(result) || result.kind === "DATE") && isExactNumeric(type)) return result;
  if (isExactNumeric(result) && (isTimestamp(type) || type.kind === "DATE")) return type;
  return undefined;
}

/** Two types are similar when they could be compared with `=`: same family or same kind. */
function areSimilarTypes(left: DataType, right: DataType): boolean {
  if (isCharacterString(left) && isCharacterString(right)) return true;
  if (isBinaryString(left) && isBinaryString(right)) return true;
  if (isNumeric(left) && isNumeric(right)) return true;
  if (isTimestamp(left) && isTimestamp(right)) return true;
  return left.kind === right.kind;
}

/**
 * Variable-length stays variable; fixed lengths that differ become variable (unlike the SQL
 * standard, so that CASE never pads a shorter CHAR with spaces); equal fixed lengths stay fixed.
 */
function commonStringType(result: DataType, type: DataType): DataType {
  const length = Math.max(lengthOf(result), lengthOf(type));
  if (result.kind === "VARCHAR" || result.kind === "VARBINARY")
    return { kind: result.kind, length, nullable: true };
  if (lengthOf(result) !== lengthOf(type)) {
    return { kind: result.kind === "CHAR" ? "VARCHAR" : "VARBINARY", length, nullable: true };
  }
  return { kind: type.kind as "CHAR" | "VARCHAR" | "BINARY" | "VARBINARY", length, nullable: true };
}

/** Integers widen to the larger; with a DECIMAL, keep the most integer digits, then as many fraction digits as fit in 38. */
function commonExactNumericType(result: DataType, type: DataType): DataType {
  if (typesEqual(result, type)) return result;
  if (result.kind !== "DECIMAL" && type.kind !== "DECIMAL") {
    return precisionOf(type) > precisionOf(result) ? type : result;
  }
  const digits = Math.min(
    Math.max(precisionOf(result) - scaleOf(result), precisionOf(type) - scaleOf(type)),
    MAX_DECIMAL_PRECISION,
  );
  const scale = Math.min(Math.max(scaleOf(result), scaleOf(type)), MAX_DECIMAL_PRECISION - digits);
  return t.decimal(digits + scale, scale);
}

/** Same kind keeps the kind; otherwise WITH TIME ZONE wins over LTZ, which wins over plain TIMESTAMP. */
function commonTimestampType(result: DataType, type: DataType): DataType {
  if (typesEqual(result, type)) return result;
  const precision = Math.max(precisionOf(result), precisionOf(type));
  const kinds = [result.kind, type.kind];
  if (result.kind === type.kind) return { kind: result.kind as "TIMESTAMP", precision, nullable: true };
  if (kinds.includes("TIMESTAMP_TZ")) return t.timestampTz(precision);
  if (kinds.includes("TIMESTAMP_LTZ")) return t.timestampLtz(precision);
  return t.timestamp(precision);
}

const YEAR_MONTH_UNITS = ["YEAR", "MONTH"] as const;
const DAY_TIME_UNITS = ["DAY", "HOUR", "MINUTE", "SECOND"] as const;

/** The smallest resolution spanning both: `DAY` and `MINUTE TO SECOND` → `DAY TO SECOND`. */
function combineResolutions(units: readonly string[], left: string, right: string): string {
  const [leftStart, leftEnd = leftStart] = left.split("_TO_") as [string, string?];
  const [rightStart, rightEnd = rightStart] = right.split("_TO_") as [string, string?];
  const start = units[Math.min(units.indexOf(leftStart), units.indexOf(rightStart))]!;
  const end = units[Math.max(units.indexOf(leftEnd), units.indexOf(rightEnd))]!;
  return start === end ? start : `${start}_TO_${end}`;
}

/** ARRAY/MULTISET/MAP/ROW: same kind and child count, children merged position by position. */
function findCommonConstructedType(types: readonly DataType[]): DataType | undefined {
  const first = types[0]!;
  const childCount = childrenOf(first).length;
  if (!types.every((type) => type.kind === first.kind && childrenOf(type).length === childCount))
    return undefined;
  const children: DataType[] = [];
  for (let i = 0; i < childCount; i++) {
    const child = commonType(mapArray(types, (type) => childrenOf(type)[i]!));
    if (child === undefined) return undefined;
    children.push(child);
  }
  switch (first.kind) {
    case "ARRAY":
      return t.array(children[0]!);
    case "MULTISET":
      return t.multiset(children[0]!);
    case "MAP":
      return t.map(children[0]!, children[1]!);
    case "ROW":
      // Field names (and descriptions) come from the first row.
      return t.row(mapArray(first.fields, (field, i): RowField => ({ ...field, type: children[i]! })));
    default:
      return undefined;
  }
}
