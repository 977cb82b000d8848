import { mapArray } from "../map-array.ts";
import type { DataType, DataTypeKind } from "./data-type.ts";
import {
  isCharacterString,
  isConstructed,
  isExactNumeric,
  isInterval,
  isPredefinedKind,
  isSingleFieldInterval,
} from "./families.ts";
import { IGNORE_NULLABILITY, typesEqual } from "./type-equality.ts";

/**
 * Flink's cast matrix (`LogicalTypeCasts`): for each target kind, the source kinds it accepts
 * implicitly (safe widening, used to find common types and to pass arguments) and explicitly
 * (`CAST(x AS target)`). Identity is always implicit.
 */
interface CastRule {
  readonly implicit: ReadonlySet<DataTypeKind>;
  readonly explicit: ReadonlySet<DataTypeKind>;
}

const CHARACTER: readonly DataTypeKind[] = ["CHAR", "VARCHAR"];
const BINARY: readonly DataTypeKind[] = ["BINARY", "VARBINARY"];
const INTEGERS: readonly DataTypeKind[] = ["TINYINT", "SMALLINT", "INT", "BIGINT"];
const NUMERIC: readonly DataTypeKind[] = [...INTEGERS, "DECIMAL", "FLOAT", "DOUBLE"];
const TIMESTAMPS: readonly DataTypeKind[] = ["TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_TZ"];
const DATETIME: readonly DataTypeKind[] = ["DATE", "TIME", ...TIMESTAMPS];
const INTERVALS: readonly DataTypeKind[] = ["INTERVAL_YM", "INTERVAL_DT"];
const EXACT: readonly DataTypeKind[] = [...INTEGERS, "DECIMAL"];
const PREDEFINED: readonly DataTypeKind[] = [
  ...CHARACTER,
  "BOOLEAN",
  ...BINARY,
  ...NUMERIC,
  ...DATETIME,
  ...INTERVALS,
];
/** Numbers accept BOOLEAN and the two plain timestamps explicitly (epoch seconds). */
const TO_NUMBER_EXTRAS: readonly DataTypeKind[] = ["BOOLEAN", "TIMESTAMP", "TIMESTAMP_LTZ"];

function rule(implicit: readonly DataTypeKind[], explicit: readonly DataTypeKind[]): CastRule {
  return { implicit: new Set(implicit), explicit: new Set(explicit) };
}

const RULES: Partial<Record<DataTypeKind, CastRule>> = {
  CHAR: rule(["CHAR"], PREDEFINED),
  VARCHAR: rule(CHARACTER, PREDEFINED),
  BOOLEAN: rule(["BOOLEAN"], [...CHARACTER, ...NUMERIC]),
  BINARY: rule(["BINARY"], [...CHARACTER, "VARBINARY"]),
  VARBINARY: rule(BINARY, [...CHARACTER, "BINARY"]),
  DECIMAL: rule(NUMERIC, [...CHARACTER, ...INTERVALS, ...TO_NUMBER_EXTRAS]),
  TINYINT: rule(["TINYINT"], [...NUMERIC, ...CHARACTER, ...INTERVALS, ...TO_NUMBER_EXTRAS]),
  SMALLINT: rule(["TINYINT", "SMALLINT"], [...NUMERIC, ...CHARACTER, ...INTERVALS, ...TO_NUMBER_EXTRAS]),
  INT: rule(["TINYINT", "SMALLINT", "INT"], [...NUMERIC, ...CHARACTER, ...INTERVALS, ...TO_NUMBER_EXTRAS]),
  BIGINT: rule(INTEGERS, [...NUMERIC, ...CHARACTER, ...INTERVALS, ...TO_NUMBER_EXTRAS]),
  FLOAT: rule([...INTEGERS, "FLOAT", "DECIMAL"], [...NUMERIC, ...CHARACTER, ...TO_NUMBER_EXTRAS]),
  DOUBLE: rule(NUMERIC, [...CHARACTER, ...TO_NUMBER_EXTRAS]),
  DATE: rule(["DATE", "TIMESTAMP"], [...TIMESTAMPS, ...CHARACTER, ...BINARY]),
  TIME: rule(["TIME", "TIMESTAMP"], ["TIME", ...TIMESTAMPS, ...CHARACTER, ...BINARY]),
  TIMESTAMP: rule(["TIMESTAMP", "TIMESTAMP_LTZ"], [...DATETIME, ...CHARACTER, ...BINARY, ...NUMERIC]),
  TIMESTAMP_TZ: rule(["TIMESTAMP_TZ"], [...DATETIME, ...CHARACTER]),
  TIMESTAMP_LTZ: rule(["TIMESTAMP_LTZ", "TIMESTAMP"], [...DATETIME, ...CHARACTER, ...BINARY, ...NUMERIC]),
  INTERVAL_YM: rule(["INTERVAL_YM"], [...EXACT, ...CHARACTER]),
  INTERVAL_DT: rule(["INTERVAL_DT"], [...EXACT, ...CHARACTER]),
};

/**
 * Whether a value of `from` can be used where `to` is expected without a CAST, losing nothing
 * (INT → BIGINT, INT → DECIMAL, CHAR → VARCHAR, TIMESTAMP ↔ TIMESTAMP_LTZ). A nullable type never
 * implicitly becomes a NOT NULL one.
 */
export function canImplicitlyCast(from: DataType, to: DataType): boolean {
  return supportsCasting(from, to, false);
}

/** Whether `CAST(from AS to)` is valid (STRING → INT, INT → STRING, BOOLEAN ↔ numbers, ROW → STRING, ...). */
export function canExplicitlyCast(from: DataType, to: DataType): boolean {
  return supportsCasting(from, to, true);
}

function supportsCasting(from: DataType, to: DataType, allowExplicit: boolean): boolean {
  // An explicit cast may promise NOT NULL (the user knows the data); an implicit one may not.
  if (from.nullable && !to.nullable && !allowExplicit) return false;
  // Often the very same object: columns share their schema's types.
  if (from === to || typesEqual(from, to, IGNORE_NULLABILITY)) return true;
  if (from.kind === "NULL") return true;
  // Single-field intervals and exact numbers convert both ways, even implicitly (INTERVAL DAY ↔ BIGINT).
  if (isInterval(from) && isExactNumeric(to)) return isSingleFieldInterval(from);
  if (isExactNumeric(from) && isInterval(to)) return isSingleFieldInterval(to);
  if (isConstructed(from) || isConstructed(to)) {
    // Any constructed value prints as a string (`CAST(ARRAY[1] AS STRING)` = '[1]').
    if (allowExplicit && isConstructed(from) && isCharacterString(to)) return true;
    return supportsConstructedCasting(from, to, allowExplicit);
  }
  if (from.kind === "RAW" || to.kind === "RAW") {
    // A RAW value can be cast to its serialized bytes or its string form, nothing else.
    return (
      allowExplicit &&
      from.kind === "RAW" &&
      (isCharacterString(to) || to.kind === "BINARY" || to.kind === "VARBINARY")
    );
  }
  if (!isPredefinedKind(to.kind)) return false;
  const castRule = RULES[to.kind];
  if (castRule === undefined) return false;
  if (castRule.implicit.has(from.kind)) return true;
  return allowExplicit && castRule.explicit.has(from.kind);
}

/** Constructed types cast only within their kind, child by child (field names do not matter). */
function supportsConstructedCasting(from: DataType, to: DataType, allowExplicit: boolean): boolean {
  const fromChildren = childrenOf(from);
  const toChildren = childrenOf(to);
  if (from.kind !== to.kind || fromChildren.length !== toChildren.length) return false;
  return fromChildren.every((child, i) => supportsCasting(child, toChildren[i]!, allowExplicit));
}

/** The child types of a constructed type, in Flink's order (`LogicalType.getChildren`). */
export function childrenOf(type: DataType): readonly DataType[] {
  switch (type.kind) {
    case "ARRAY":
    case "MULTISET":
      return [type.element];
    case "MAP":
      return [type.key, type.value];
    case "ROW":
      return mapArray(type.fields, (f) => f.type);
    default:
      return [];
  }
}
