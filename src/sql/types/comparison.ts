import type { DataType } from "./data-type.ts";
import {
  isBinaryString,
  isCharacterString,
  isComparable,
  isDatetime,
  isInterval,
  isNumeric,
  isTimestamp,
} from "./families.ts";
import { IGNORE_NULLABILITY, typesEqual } from "./type-equality.ts";

export interface ComparisonOptions {
  /** For `<`, `<=`, `>`, `>=`, BETWEEN and ORDER-like uses: both sides must also have an order (no MAP, MULTISET, RAW). */
  readonly ordered?: boolean;
}

/** The default options, shared: a `= {}` default would allocate an object per comparison. */
const UNORDERED: ComparisonOptions = Object.freeze({});

/**
 * Whether `a = b` (or `a < b` with `ordered`) validates in Flink. Flink keeps Calcite's rule: the
 * operands must be of one family (numbers with numbers, strings with strings, TIMESTAMP with
 * TIMESTAMP_LTZ, DATE with DATE, ...), except that a character string also compares with a number,
 * BOOLEAN, DATE, TIME, TIMESTAMP or interval (the string is converted). The untyped NULL compares with
 * anything. ROWs compare field by field. DATE vs TIMESTAMP and BOOLEAN vs INT are rejected.
 */
export function areComparable(a: DataType, b: DataType, options: ComparisonOptions = UNORDERED): boolean {
  if (options.ordered && (!isComparable(a) || !isComparable(b))) return false;
  if (a.kind === "NULL" || b.kind === "NULL") return true;
  if (a.kind === "ROW" || b.kind === "ROW") {
    if (a.kind !== "ROW" || b.kind !== "ROW" || a.fields.length !== b.fields.length) return false;
    return a.fields.every((field, i) => areComparable(field.type, b.fields[i]!.type, options));
  }
  if (a.kind === "RAW" || b.kind === "RAW") return typesEqual(a, b, IGNORE_NULLABILITY);
  const familyA = comparisonFamily(a);
  const familyB = comparisonFamily(b);
  if (familyA === familyB) return true;
  return (
    (familyA === "CHARACTER" && convertsFromString(b)) || (familyB === "CHARACTER" && convertsFromString(a))
  );
}

/** Calcite's SqlTypeFamily of a type, the unit of comparability. */
function comparisonFamily(type: DataType): string {
  if (isNumeric(type)) return "NUMERIC";
  if (isCharacterString(type)) return "CHARACTER";
  if (isBinaryString(type)) return "BINARY";
  if (isTimestamp(type)) return "TIMESTAMP";
  return type.kind;
}

/** The families a character string is converted to when compared with them. */
function convertsFromString(type: DataType): boolean {
  return isNumeric(type) || type.kind === "BOOLEAN" || isDatetime(type) || isInterval(type);
}
