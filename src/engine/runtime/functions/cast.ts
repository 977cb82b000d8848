import type { SqlValue } from "../../../common/value.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { MAX_LENGTH } from "../../../sql/types/data-type.ts";
import type { EvalContext } from "../expr/eval-context.ts";
import { SqlEvalError } from "../expr/eval-error.ts";
import { floorDiv, floorMod, MS_PER_DAY } from "./calendar.ts";
import {
  decimalFromNumber,
  decimalToNumber,
  decimalTruncate,
  parseDecimalText,
  toDecimal,
} from "./decimal.ts";
import {
  parseBooleanText,
  parseDateText,
  parseDoubleText,
  parseIntegerText,
  parseTimestampText,
  parseTimeText,
} from "./parse-text.ts";
import { localToUtc, utcToLocal } from "./time-zone.ts";
import { toStringFor } from "./to-string.ts";
import { formatDataTypeShort } from "./type-names.ts";

/**
 * CAST between Flink's types with Flink 1.20's rules (`table.exec.legacy-cast-behaviour` off):
 * a failed conversion raises an error (TRY_CAST turns it into NULL), numbers narrow like Java
 * (CAST(1.7 AS INT) = 1, CAST(-1.7 AS INT) = -1, out-of-range integers wrap), doubles become DECIMAL
 * rounding HALF_UP, and a DECIMAL that does not fitLength its precision is NULL (DecimalData.fromBigDecimal).
 * The converter gets non-null values only; the compiler handles NULL.
 */
export type CastFn = (value: never, ctx: EvalContext) => SqlValue;

const encoder = new TextEncoder();

function fail(value: SqlValue, to: DataType): never {
  const text = typeof value === "string" ? `'${value}'` : String(value);
  throw new SqlEvalError("CAST", `cannot cast ${text} to ${formatDataTypeShort(to)}`);
}

/** Java's narrowing of a long to the integer type's width (two's complement wrap). */
function wrapInteger(kind: string, n: number): number {
  switch (kind) {
    case "TINYINT":
      return (n << 24) >> 24;
    case "SMALLINT":
      return (n << 16) >> 16;
    case "INT":
      return Number(BigInt.asIntN(32, BigInt(n)));
    default:
      return checkBigint(n);
  }
}

/** BIGINT values must stay exact JS numbers: Headwater's documented limit is ±2^53. */
export function checkBigint(n: number, fn = "CAST"): number {
  if (n > Number.MAX_SAFE_INTEGER || n < -Number.MAX_SAFE_INTEGER)
    throw new SqlEvalError(fn, "BIGINT value out of the supported range ±2^53");
  return n;
}

/** Java's (int)/(long) of a double: truncation toward zero, saturating at the type's bounds. */
function doubleToInteger(kind: string, d: number): number {
  if (Number.isNaN(d)) return 0;
  const t = Math.trunc(d);
  if (kind === "BIGINT") return checkBigint(t);
  const int = Math.min(Math.max(t, -2147483648), 2147483647);
  return kind === "INT" ? int : wrapInteger(kind, int);
}

/** The conversion, or undefined when the run-time value stays as it is. */
export function castFunction(from: DataType, to: DataType): CastFn | undefined {
  if (from.kind === "NULL") return undefined;
  switch (to.kind) {
    case "CHAR":
    case "VARCHAR":
      return toCharacter(from, to);
    case "BOOLEAN":
      return toBoolean(from, to);
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return toInteger(from, to);
    case "FLOAT":
    case "DOUBLE":
      return toApproximate(from, to);
    case "DECIMAL":
      return toDecimalCast(from, to);
    case "DATE":
      return toDate(from, to);
    case "TIME":
      return toTime(from, to);
    case "TIMESTAMP":
      return toTimestamp(from, to);
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return toTimestampLtz(from, to);
    case "BINARY":
    case "VARBINARY":
      return toBinary(from, to);
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return undefined;
    case "ARRAY":
    case "MULTISET":
    case "MAP":
    case "ROW":
      return toConstructed(from, to);
    default:
      return undefined;
  }
}

function toCharacter(from: DataType, to: DataType & { length: number }): CastFn | undefined {
  const text = from.kind === "CHAR" || from.kind === "VARCHAR" ? undefined : toStringFor(from);
  const length = to.length;
  // Since Flink 1.15 CHAR(n) pads with spaces and both truncate to n characters.
  const fitLength =
    to.kind === "CHAR"
      ? (s: string) => (s.length > length ? s.slice(0, length) : s.padEnd(length, " "))
      : length < MAX_LENGTH
        ? (s: string) => (s.length > length ? s.slice(0, length) : s)
        : undefined;
  if (!text) {
    if (!fitLength || (from.kind !== "CHAR" && from.kind !== "VARCHAR"))
      return fitLength as CastFn | undefined;
    if (from.kind === to.kind && from.length <= length && to.kind === "VARCHAR") return undefined;
    return fitLength as CastFn;
  }
  return ((v: never, ctx: EvalContext) => {
    const s = text(v, ctx.timeZone);
    return fitLength ? fitLength(s) : s;
  }) as CastFn;
}

function toBoolean(from: DataType, to: DataType): CastFn | undefined {
  switch (from.kind) {
    case "BOOLEAN":
      return undefined;
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => parseBooleanText(v) ?? fail(v, to)) as CastFn;
    case "DECIMAL":
      return ((v: bigint) => v !== 0n) as CastFn;
    default:
      return ((v: number) => v !== 0) as CastFn;
  }
}

function toInteger(from: DataType, to: DataType): CastFn | undefined {
  const kind = to.kind;
  switch (from.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      // Widening keeps the value; narrowing wraps as Java's (int)/(short)/(byte).
      if (integerWidth(from.kind) <= integerWidth(kind)) return undefined;
      return ((v: number) => wrapInteger(kind, v)) as CastFn;
    case "FLOAT":
    case "DOUBLE":
      return ((v: number) => doubleToInteger(kind, v)) as CastFn;
    case "DECIMAL": {
      const scale = from.scale;
      // DecimalData → long (truncation), then Java's narrowing to the target width.
      return ((v: bigint) => {
        const whole = decimalTruncate(v, scale);
        if (kind === "BIGINT") return checkBigint(Number(BigInt.asIntN(64, whole)));
        return wrapInteger(kind, Number(BigInt.asIntN(32, whole)));
      }) as CastFn;
    }
    case "BOOLEAN":
      return ((v: boolean) => (v ? 1 : 0)) as CastFn;
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => {
        const n = parseIntegerText(v);
        if (n === undefined || !fitsInteger(kind, n)) fail(v, to);
        return n;
      }) as CastFn;
    case "TIMESTAMP":
      // Seconds since the epoch (Flink's TIMESTAMP → numeric cast).
      return ((v: number) => wrapInteger(kind, floorDiv(v, 1000))) as CastFn;
    case "TIMESTAMP_LTZ":
      return ((v: number) => wrapInteger(kind, floorDiv(v, 1000))) as CastFn;
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return ((v: number) => wrapInteger(kind, v)) as CastFn;
    default:
      return undefined;
  }
}

function integerWidth(kind: string): number {
  return kind === "TINYINT" ? 8 : kind === "SMALLINT" ? 16 : kind === "INT" ? 32 : 64;
}

function fitsInteger(kind: string, n: number): boolean {
  const bits = integerWidth(kind);
  if (bits === 64) return Number.isSafeInteger(n);
  const limit = 2 ** (bits - 1);
  return n >= -limit && n < limit;
}

function toApproximate(from: DataType, to: DataType): CastFn | undefined {
  const round = to.kind === "FLOAT" ? Math.fround : undefined;
  let base: CastFn | undefined;
  switch (from.kind) {
    case "DECIMAL": {
      const scale = from.scale;
      base = ((v: bigint) => decimalToNumber(v, scale)) as CastFn;
      break;
    }
    case "BOOLEAN":
      base = ((v: boolean) => (v ? 1 : 0)) as CastFn;
      break;
    case "CHAR":
    case "VARCHAR":
      base = ((v: string) => parseDoubleText(v) ?? fail(v, to)) as CastFn;
      break;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      base = ((v: number) => v / 1000) as CastFn;
      break;
    case "FLOAT":
      return undefined;
    case "DOUBLE":
      return round as CastFn | undefined;
    default:
      // Integers are already numbers.
      return round as CastFn | undefined;
  }
  if (!round) return base;
  const inner = base as (v: SqlValue, ctx: EvalContext) => number;
  return ((v: SqlValue, ctx: EvalContext) => round(inner(v, ctx))) as CastFn;
}

function toDecimalCast(
  from: DataType,
  to: DataType & { precision: number; scale: number },
): CastFn | undefined {
  const { precision, scale } = to;
  switch (from.kind) {
    case "DECIMAL": {
      const fromScale = from.scale;
      if (fromScale === scale && from.precision <= precision) return undefined;
      return ((v: bigint) => toDecimal(v, fromScale, precision, scale)) as CastFn;
    }
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return ((v: number) => toDecimal(BigInt(v), 0, precision, scale)) as CastFn;
    case "FLOAT":
    case "DOUBLE":
      return ((v: number) => decimalFromNumber(v, precision, scale)) as CastFn;
    case "BOOLEAN":
      return ((v: boolean) => toDecimal(v ? 1n : 0n, 0, precision, scale)) as CastFn;
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => {
        const parsed = parseDecimalText(v);
        if (!parsed) fail(v, to);
        return toDecimal(parsed.unscaled, parsed.scale, precision, scale);
      }) as CastFn;
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      // Epoch seconds with the milliseconds as fraction.
      return ((v: number) => toDecimal(BigInt(v), 3, precision, scale)) as CastFn;
    case "INTERVAL_YM":
    case "INTERVAL_DT":
      return ((v: number) => toDecimal(BigInt(v), 0, precision, scale)) as CastFn;
    default:
      return undefined;
  }
}

function toDate(from: DataType, to: DataType): CastFn | undefined {
  switch (from.kind) {
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => parseDateText(v) ?? fail(v, to)) as CastFn;
    case "TIMESTAMP":
      return ((v: number) => floorDiv(v, MS_PER_DAY)) as CastFn;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return ((v: number, ctx: EvalContext) =>
        floorDiv(utcToLocal(v, ctx.timeZone, "CAST"), MS_PER_DAY)) as CastFn;
    default:
      return undefined;
  }
}

function toTime(from: DataType, to: DataType): CastFn | undefined {
  switch (from.kind) {
    case "CHAR":
    case "VARCHAR":
      return ((v: string) => parseTimeText(v) ?? fail(v, to)) as CastFn;
    case "TIMESTAMP":
      return ((v: number) => floorMod(v, MS_PER_DAY)) as CastFn;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return ((v: number, ctx: EvalContext) =>
        floorMod(utcToLocal(v, ctx.timeZone, "CAST"), MS_PER_DAY)) as CastFn;
    default:
      return undefined;
  }
}

function truncateTo(precision: number): ((v: number) => number) | undefined {
  if (precision >= 3) return undefined;
  const unit = 10 ** (3 - precision);
  return (v) => floorDiv(v, unit) * unit;
}

function toTimestamp(from: DataType, to: DataType & { precision: number }): CastFn | undefined {
  const truncate = truncateTo(to.precision);
  const then = (f: (v: never, ctx: EvalContext) => number): CastFn =>
    truncate ? (((v: never, ctx: EvalContext) => truncate(f(v, ctx))) as CastFn) : (f as CastFn);
  switch (from.kind) {
    case "CHAR":
    case "VARCHAR":
      return then(
        ((v: string) => parseTimestampText(v) ?? fail(v, to)) as (v: never, ctx: EvalContext) => number,
      );
    case "DATE":
      return ((v: number) => v * MS_PER_DAY) as CastFn;
    case "TIME":
      return then(((v: number) => v) as (v: never, ctx: EvalContext) => number);
    case "TIMESTAMP":
      return from.precision > to.precision && truncate ? (truncate as CastFn) : undefined;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return then(((v: number, ctx: EvalContext) => utcToLocal(v, ctx.timeZone, "CAST")) as (
        v: never,
        ctx: EvalContext,
      ) => number);
    case "DECIMAL": {
      const scale = from.scale;
      return ((v: bigint) => decimalToNumber(v, scale) * 1000) as CastFn;
    }
    default:
      // Numbers are epoch seconds.
      return ((v: number) => Math.round(v * 1000)) as CastFn;
  }
}

function toTimestampLtz(from: DataType, to: DataType & { precision: number }): CastFn | undefined {
  switch (from.kind) {
    case "CHAR":
    case "VARCHAR":
      return ((v: string, ctx: EvalContext) => {
        const local = parseTimestampText(v);
        return local === undefined ? fail(v, to) : localToUtc(local, ctx.timeZone, "CAST");
      }) as CastFn;
    case "DATE":
      return ((v: number, ctx: EvalContext) => localToUtc(v * MS_PER_DAY, ctx.timeZone, "CAST")) as CastFn;
    case "TIME":
    case "TIMESTAMP":
      return ((v: number, ctx: EvalContext) => localToUtc(v, ctx.timeZone, "CAST")) as CastFn;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return truncateTo(to.precision) as CastFn | undefined;
    case "DECIMAL": {
      const scale = from.scale;
      return ((v: bigint) => decimalToNumber(v, scale) * 1000) as CastFn;
    }
    default:
      return ((v: number) => Math.round(v * 1000)) as CastFn;
  }
}

function toBinary(from: DataType, to: DataType & { length: number }): CastFn | undefined {
  const length = to.length;
  const fitLength =
    to.kind === "BINARY"
      ? (b: Uint8Array) => {
          if (b.length === length) return b;
          const out = new Uint8Array(length);
          out.set(b.subarray(0, length));
          return out;
        }
      : length < MAX_LENGTH
        ? (b: Uint8Array) => (b.length > length ? b.subarray(0, length) : b)
        : undefined;
  if (from.kind === "CHAR" || from.kind === "VARCHAR") {
    return ((v: string) => {
      const bytes = encoder.encode(v);
      return fitLength ? fitLength(bytes) : bytes;
    }) as CastFn;
  }
  return fitLength as CastFn | undefined;
}

function toConstructed(from: DataType, to: DataType): CastFn | undefined {
  if (from.kind === "ARRAY" && to.kind === "ARRAY") {
    const element = castFunction(from.element, to.element) as
      | ((v: SqlValue, ctx: EvalContext) => SqlValue)
      | undefined;
    if (!element) return undefined;
    return ((v: SqlValue[], ctx: EvalContext) =>
      v.map((e) => (e === null ? null : element(e, ctx)))) as CastFn;
  }
  if (from.kind === "MAP" && to.kind === "MAP") {
    const key = castFunction(from.key, to.key) as ((v: SqlValue, ctx: EvalContext) => SqlValue) | undefined;
    const value = castFunction(from.value, to.value) as
      | ((v: SqlValue, ctx: EvalContext) => SqlValue)
      | undefined;
    if (!key && !value) return undefined;
    return ((v: Map<SqlValue, SqlValue>, ctx: EvalContext) => {
      const out = new Map<SqlValue, SqlValue>();
      for (const [k, x] of v) {
        out.set(k === null || !key ? k : key(k, ctx), x === null || !value ? x : value(x, ctx));
      }
      return out;
    }) as CastFn;
  }
  if (from.kind === "ROW" && to.kind === "ROW") {
    const fields = from.fields.map(
      (f, i) =>
        castFunction(f.type, to.fields[i]!.type) as ((v: SqlValue, ctx: EvalContext) => SqlValue) | undefined,
    );
    if (fields.every((f) => f === undefined)) return undefined;
    return ((v: SqlValue[], ctx: EvalContext) =>
      v.map((e, i) => {
        const f = fields[i];
        return e === null || !f ? e : f(e, ctx);
      })) as CastFn;
  }
  return undefined;
}
