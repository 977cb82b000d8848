import { commonType } from "./common-type.ts";
import { withNullability } from "./constructors.ts";
import { type DataType, MAX_LENGTH } from "./data-type.ts";
import {
  decimalAdditionType,
  decimalDivisionType,
  decimalModuloType,
  decimalMultiplicationType,
} from "./decimal-rules.ts";
import {
  isBinaryString,
  isCharacterString,
  isDatetime,
  isExactNumeric,
  isNumeric,
  precisionOf,
  scaleOf,
} from "./families.ts";
import { formatDataType } from "./format-type.ts";
import type { TypingError } from "./type-error.ts";

export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%" | "||";

/**
 * The result type of a binary arithmetic or concatenation operator, as Flink's planner derives it
 * (Calcite's operators with Flink's type system). Flink disables implicit coercion, so `'abc' + 1`
 * and `DATE + 1` are validation errors, not casts.
 *
 * - `+` `-` `*` `/` on numbers: with a DECIMAL and otherwise exact operands, the DECIMAL rules
 *   (integers count as DECIMAL(3|5|10|19, 0)); otherwise the least restrictive type
 *   (INT + BIGINT → BIGINT, INT / INT → INT, INT * DOUBLE → DOUBLE).
 * - `%` only on exact numbers; the result takes the right operand's type (BIGINT % INT → INT) unless
 *   a DECIMAL with a fraction is involved.
 * - datetime ± interval → the datetime; interval ± interval → their common interval;
 *   interval * number, number * interval, interval / number → the interval. There is no
 *   datetime - datetime (use TIMESTAMPDIFF).
 * - `||` on two character or two binary strings: lengths add (CHAR if both CHAR, else VARCHAR).
 *
 * An untyped NULL operand takes the other operand's type (Calcite's FIRST_KNOWN), except in `||`.
 * The result is nullable if either operand is.
 */
export function arithmeticResultType(
  op: ArithmeticOperator,
  left: DataType,
  right: DataType,
): DataType | TypingError {
  const nullable = left.nullable || right.nullable;
  if (op === "||") return concatResultType(left, right);
  if (left.kind === "NULL" && right.kind === "NULL") return { error: `Illegal use of 'NULL' in '${op}'` };
  const l = left.kind === "NULL" ? withNullability(right, true) : left;
  const r = right.kind === "NULL" ? withNullability(left, true) : right;
  const result = op === "%" ? moduloType(l, r) : basicArithmeticType(op, l, r);
  if (result === undefined) return cannotApply(op, left, right);
  return withNullability(result, nullable);
}

function basicArithmeticType(op: "+" | "-" | "*" | "/", l: DataType, r: DataType): DataType | undefined {
  if (isNumeric(l) && isNumeric(r)) return numericType(op, l, r);
  if (op === "+" || op === "-") {
    if (l.kind === "INTERVAL_YM" && r.kind === "INTERVAL_YM") return commonType([l, r]);
    if (l.kind === "INTERVAL_DT" && r.kind === "INTERVAL_DT") return commonType([l, r]);
    if (isDatetime(l) && isIntervalType(r)) return l;
    if (op === "+" && isIntervalType(l) && isDatetime(r)) return r;
    return undefined;
  }
  if (isIntervalType(l) && isNumeric(r)) return l;
  if (op === "*" && isNumeric(l) && isIntervalType(r)) return r;
  return undefined;
}

function numericType(op: "+" | "-" | "*" | "/", l: DataType, r: DataType): DataType | undefined {
  if (isExactNumeric(l) && isExactNumeric(r) && (l.kind === "DECIMAL" || r.kind === "DECIMAL")) {
    const args = [precisionOf(l), scaleOf(l), precisionOf(r), scaleOf(r)] as const;
    if (op === "*") return decimalMultiplicationType(...args);
    if (op === "/") return decimalDivisionType(...args);
    return decimalAdditionType(...args);
  }
  return commonType([l, r]);
}

function moduloType(l: DataType, r: DataType): DataType | undefined {
  if (!isExactNumeric(l) || !isExactNumeric(r)) return undefined;
  if ((l.kind === "DECIMAL" || r.kind === "DECIMAL") && (scaleOf(l) !== 0 || scaleOf(r) !== 0)) {
    return decimalModuloType(precisionOf(l), scaleOf(l), precisionOf(r), scaleOf(r));
  }
  return r;
}

/** `a || b`: CHAR(n) || CHAR(m) → CHAR(n + m); any VARCHAR makes it VARCHAR; capped at STRING's length. */
function concatResultType(left: DataType, right: DataType): DataType | TypingError {
  const nullable = left.nullable || right.nullable;
  const bothCharacter = isCharacterString(left) && isCharacterString(right);
  const bothBinary = isBinaryString(left) && isBinaryString(right);
  if (!bothCharacter && !bothBinary) {
    if (left.kind === "NULL" || right.kind === "NULL") return { error: "Illegal use of 'NULL' in '||'" };
    return cannotApply("||", left, right);
  }
  const l = left as { kind: string; length: number };
  const r = right as { kind: string; length: number };
  const length = Math.min(l.length + r.length, MAX_LENGTH);
  const fixed = (l.kind === "CHAR" || l.kind === "BINARY") && (r.kind === "CHAR" || r.kind === "BINARY");
  const kind = bothCharacter ? (fixed ? "CHAR" : "VARCHAR") : fixed ? "BINARY" : "VARBINARY";
  return { kind, length, nullable };
}

function isIntervalType(type: DataType): boolean {
  return type.kind === "INTERVAL_YM" || type.kind === "INTERVAL_DT";
}

function cannotApply(op: string, left: DataType, right: DataType): TypingError {
  const hint =
    op === "-" && isDatetime(left) && isDatetime(right)
      ? " (subtracting datetimes is not supported; use TIMESTAMPDIFF(unit, a, b))"
      : "";
  return {
    error: `Cannot apply '${op}' to arguments of type ${formatDataType(left)} and ${formatDataType(right)}${hint}`,
  };
}
