import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { precisionOf } from "../../../sql/types/families.ts";
import { addMonthsToDays, addMonthsToMillis, floorMod, MS_PER_DAY } from "../functions/calendar.ts";
import { pow10 } from "../functions/decimal.ts";
import {
  decimalAdd,
  decimalDivide,
  decimalMultiply,
  decimalRemainder,
  decimalSubtract,
} from "../functions/decimal-arithmetic.ts";
import { type CodeGen, strictLocal, type Value } from "./codegen.ts";
import { ExprInternalError } from "./eval-error.ts";
import { coerce } from "./gen-coerce.ts";
import { bigintDivide, checkedBigint, intDivide, integerRemainder } from "./value-ops.ts";

/**
 * `+ - * / %`, MOD, unary minus and `||`. Integers behave like Java: INT, SMALLINT and TINYINT wrap
 * (two's complement), division truncates and dividing by zero fails; BIGINT fails beyond ±2^53
 * (Headwater's range); FLOAT/DOUBLE follow IEEE (x / 0 = Infinity); DECIMAL is exact in the binder's
 * result type, NULL on precision overflow. Datetime ± interval shifts by milliseconds, or by
 * months with the day clamped to the month's end.
 */
export function genArithmetic(g: CodeGen, op: string, args: readonly BoundExpr[], type: DataType): Value {
  const [left, right] = [args[0]!, args[1]!];
  if (isTemporalArithmetic(left.type, right.type)) return genTemporal(g, op, left, right, type);
  if (type.kind === "DECIMAL") return genDecimal(g, op, left, right, type);
  const a = coerce(g, g.expr(left), left.type, type);
  const b = coerce(g, g.expr(right), right.type, type);
  const fn = JSON.stringify(op === "MOD" ? "MOD" : op);
  switch (type.kind) {
    case "FLOAT":
    case "DOUBLE": {
      const raw = op === "%" || op === "MOD" ? `${a.code} % ${b.code}` : `${a.code} ${op} ${b.code}`;
      return strictLocal(g, [a, b], type.kind === "FLOAT" ? `Math.fround(${raw})` : raw);
    }
    case "TINYINT":
    case "SMALLINT":
    case "INT":
      return strictLocal(g, [a, b], wrapInt(type.kind, intOp(g, op, a.code, b.code, fn)));
    case "BIGINT":
      return strictLocal(g, [a, b], bigintOp(g, op, a.code, b.code, fn));
    default:
      throw new ExprInternalError(`arithmetic '${op}' with result type ${type.kind}`);
  }
}

function intOp(g: CodeGen, op: string, a: string, b: string, fn: string): string {
  switch (op) {
    case "+":
      return `(${a} + ${b})`;
    case "-":
      return `(${a} - ${b})`;
    case "*":
      return `Math.imul(${a}, ${b})`;
    case "/":
      return `${g.bind(intDivide)}(${a}, ${b}, ${fn})`;
    default:
      return `${g.bind(integerRemainder)}(${a}, ${b}, ${fn})`;
  }
}

function wrapInt(kind: string, code: string): string {
  if (kind === "TINYINT") return `((${code} << 24) >> 24)`;
  if (kind === "SMALLINT") return `((${code} << 16) >> 16)`;
  return `(${code} | 0)`;
}

function bigintOp(g: CodeGen, op: string, a: string, b: string, fn: string): string {
  const check = g.bind(checkedBigint);
  switch (op) {
    case "+":
    case "-":
    case "*":
      return `${check}(${a} ${op} ${b} + 0, ${fn})`;
    case "/":
      return `${g.bind(bigintDivide)}(${a}, ${b}, ${fn})`;
    default:
      return `${g.bind(integerRemainder)}(${a}, ${b}, ${fn})`;
  }
}

function scaleOfType(type: DataType): number {
  return type.kind === "DECIMAL" ? type.scale : 0;
}

function genDecimal(
  g: CodeGen,
  op: string,
  left: BoundExpr,
  right: BoundExpr,
  type: DataType & { kind: "DECIMAL" },
): Value {
  // Each operand becomes a DECIMAL at its own scale (integers at scale 0); the helper aligns them.
  const asDecimal = (e: BoundExpr): Value => {
    const v = g.expr(e);
    if (e.type.kind === "DECIMAL" || e.type.kind === "NULL") return v;
    return coerce(g, v, e.type, { kind: "DECIMAL", precision: 19, scale: 0, nullable: true });
  };
  const a = asDecimal(left);
  const b = asDecimal(right);
  const helper =
    op === "+"
      ? decimalAdd
      : op === "-"
        ? decimalSubtract
        : op === "*"
          ? decimalMultiply
          : op === "/"
            ? decimalDivide
            : decimalRemainder;
  const fast = exactDecimalCode(op, a.code, left.type, b.code, right.type, type);
  if (fast) return strictLocal(g, [a, b], fast);
  const fn = JSON.stringify(op);
  const call = `${g.bind(helper)}(${a.code}, ${scaleOfType(left.type)}, ${b.code}, ${scaleOfType(right.type)}, ${type.precision}, ${type.scale}, ${fn})`;
  return strictLocal(g, [a, b], call, true);
}

/**
 * Inline bigint code for + - * when the binder's result type holds every possible result (its
 * precision was not capped at 38), so neither rounding nor the overflow check can apply.
 */
function exactDecimalCode(
  op: string,
  a: string,
  aType: DataType,
  b: string,
  bType: DataType,
  type: DataType & { kind: "DECIMAL" },
): string | undefined {
  const [pa, sa, pb, sb] = [precisionOf(aType), scaleOfType(aType), precisionOf(bType), scaleOfType(bType)];
  if (op === "*" && type.scale === sa + sb && type.precision >= pa + pb) return `${a} * ${b}`;
  if (op !== "+" && op !== "-") return undefined;
  const scale = Math.max(sa, sb);
  if (type.scale !== scale || type.precision < Math.max(pa - sa, pb - sb) + scale + 1) return undefined;
  const align = (code: string, s: number) => (s === scale ? code : `${code} * ${pow10(scale - s)}n`);
  return `${align(a, sa)} ${op} ${align(b, sb)}`;
}

function isInterval(type: DataType): boolean {
  return type.kind === "INTERVAL_YM" || type.kind === "INTERVAL_DT";
}

function isTemporalArithmetic(left: DataType, right: DataType): boolean {
  return isInterval(left) || isInterval(right);
}

function genTemporal(g: CodeGen, op: string, left: BoundExpr, right: BoundExpr, type: DataType): Value {
  const a = g.expr(left);
  const b = g.expr(right);
  // interval × number, number × interval, interval ÷ number: the interval's unit count scales.
  if (op === "*" || op === "/") {
    const [interval, factor, factorType] = isInterval(left.type) ? [a, b, right.type] : [b, a, left.type];
    const n =
      factorType.kind === "DECIMAL" ? `Number(${factor.code}) / ${10 ** factorType.scale}` : factor.code;
    const raw = op === "*" ? `${interval.code} * (${n})` : `${interval.code} / (${n})`;
    return strictLocal(g, [a, b], `Math.trunc(${raw}) + 0`);
  }
  // interval ± interval
  if (isInterval(left.type) && isInterval(right.type))
    return strictLocal(g, [a, b], `${a.code} ${op} ${b.code}`);
  const [datetime, interval, intervalType] = isInterval(left.type) ? [b, a, left.type] : [a, b, right.type];
  const signed = op === "-" ? `-${interval.code}` : interval.code;
  if (intervalType.kind === "INTERVAL_YM") {
    const shift = type.kind === "DATE" ? addMonthsToDays : addMonthsToMillis;
    if (type.kind === "TIME") return datetime;
    return strictLocal(g, [a, b], `${g.bind(shift)}(${datetime.code}, ${signed})`);
  }
  switch (type.kind) {
    case "DATE":
      // Flink moves a DATE by whole days of the interval.
      return strictLocal(g, [a, b], `${datetime.code} + Math.trunc(${signed} / ${MS_PER_DAY})`);
    case "TIME":
      return strictLocal(g, [a, b], `${g.bind(floorMod)}(${datetime.code} + ${signed}, ${MS_PER_DAY})`);
    default:
      return strictLocal(g, [a, b], `${datetime.code} + ${signed}`);
  }
}

/** Unary minus: Java's negation wraps for INT (-(-2^31) = -2^31); `0 - x` avoids -0. */
export function genNegate(g: CodeGen, operand: BoundExpr, type: DataType): Value {
  const v = g.expr(operand);
  switch (type.kind) {
    case "DECIMAL":
      return strictLocal(g, [v], `-${v.code}`);
    case "TINYINT":
    case "SMALLINT":
    case "INT":
      return strictLocal(g, [v], wrapInt(type.kind, `(0 - ${v.code})`));
    default:
      return strictLocal(g, [v], `0 - ${v.code}`);
  }
}

/** `a || b` on strings or bytes. */
export function genConcatOperator(g: CodeGen, args: readonly BoundExpr[], type: DataType): Value {
  const a = g.expr(args[0]!);
  const b = g.expr(args[1]!);
  if (type.kind === "BINARY" || type.kind === "VARBINARY") {
    return strictLocal(g, [a, b], `${g.bind(concatBytes)}(${a.code}, ${b.code})`);
  }
  return strictLocal(g, [a, b], `${a.code} + ${b.code}`);
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
