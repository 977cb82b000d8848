import {
  type DuckDBBlobValue,
  type DuckDBDateValue,
  type DuckDBIntervalValue,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampValue,
  type DuckDBTimeValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from "@duckdb/node-api";
import { PgError, SQLSTATE } from "../errors.ts";
import { PG, pgTypeOf } from "./pg-type.ts";

/** Encodes a non-null DuckDB value in PostgreSQL's binary format for the column's type. */
export type BinaryEncoder = (value: NonNullable<DuckDBValue>) => Buffer;

/** Days and microseconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
export const PG_EPOCH_DAYS = 10_957;
export const PG_EPOCH_MICROS = 946_684_800_000_000n;

const int16 = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number): Buffer => {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
};
const int64 = (n: bigint): Buffer => {
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64BE(BigInt.asIntN(64, n));
  return b;
};

/**
 * The binary encoder of a column, for the scalar types binary-transfer clients (JDBC, some BI tools)
 * ask for; arrays and json-mapped types only go as text. Throws 0A000 for a type without one.
 */
export function binaryEncoder(type: DuckDBType): BinaryEncoder {
  const pg = pgTypeOf(type);
  switch (pg.oid) {
    case PG.bool.oid:
      return (v) => Buffer.from([v ? 1 : 0]);
    case PG.int2.oid:
      return (v) => int16(Number(v));
    case PG.int4.oid:
      return (v) => int32(Number(v));
    case PG.int8.oid:
      return (v) => int64(BigInt(v as number | bigint));
    case PG.float4.oid:
      return (v) => {
        const b = Buffer.allocUnsafe(4);
        b.writeFloatBE(v as number);
        return b;
      };
    case PG.float8.oid:
      return (v) => {
        const b = Buffer.allocUnsafe(8);
        b.writeDoubleBE(v as number);
        return b;
      };
    case PG.numeric.oid:
      return (v) => encodeNumeric(String(v));
    case PG.text.oid:
    case PG.json.oid:
      return (v) => Buffer.from(String(v), "utf8");
    case PG.bytea.oid:
      return (v) => Buffer.from((v as DuckDBBlobValue).bytes);
    case PG.date.oid:
      return (v) => {
        const days = (v as DuckDBDateValue).days;
        // ±infinity keep their sentinel values.
        return int32(Math.abs(days) === 2_147_483_647 ? days : days - PG_EPOCH_DAYS);
      };
    case PG.time.oid:
      return type.typeId === DuckDBTypeId.TIME
        ? (v) => int64((v as DuckDBTimeValue).micros)
        : unsupported(type);
    case PG.timestamp.oid:
    case PG.timestamptz.oid: {
      const micros = timestampMicros(type);
      return (v) => {
        const m = micros(v);
        return int64(
          m === 9_223_372_036_854_775_807n || m === -9_223_372_036_854_775_807n ? m : m - PG_EPOCH_MICROS,
        );
      };
    }
    case PG.interval.oid:
      return (v) => {
        const i = v as DuckDBIntervalValue;
        return Buffer.concat([int64(i.micros), int32(i.days), int32(i.months)]);
      };
    case PG.uuid.oid:
      return (v) => Buffer.from(String(v).replaceAll("-", ""), "hex");
    default:
      return unsupported(type);
  }
}

function unsupported(type: DuckDBType): never {
  throw new PgError(
    SQLSTATE.featureNotSupported,
    `binary output is not supported for type ${type.toString()}`,
    {
      hint: "Request text format for this column.",
    },
  );
}

function timestampMicros(type: DuckDBType): (v: NonNullable<DuckDBValue>) => bigint {
  switch (type.typeId) {
    case DuckDBTypeId.TIMESTAMP_S:
      return (v) => (v as DuckDBTimestampSecondsValue).seconds * 1_000_000n;
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v) => (v as DuckDBTimestampMillisecondsValue).millis * 1000n;
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v) => (v as DuckDBTimestampNanosecondsValue).nanos / 1000n;
    default:
      return (v) => (v as DuckDBTimestampValue).micros;
  }
}

/**
 * numeric's binary form: digit count, weight (of the first base-10000 digit), sign, display scale,
 * then base-10000 digits — from the value's decimal text.
 */
export function encodeNumeric(text: string): Buffer {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const intPart = whole.replace(/^0+/, "");
  const padInt = intPart.padStart(Math.ceil(intPart.length / 4) * 4, "0");
  const padFrac = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, "0");
  const groups = [...(padInt + padFrac).matchAll(/\d{4}/g)].map((m) => Number(m[0]));
  let weight = padInt.length / 4 - 1;
  // Leading and trailing zero groups are not stored.
  while (groups.length > 0 && groups[0] === 0) {
    groups.shift();
    weight--;
  }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  if (groups.length === 0) weight = 0;
  const out = Buffer.allocUnsafe(8 + groups.length * 2);
  out.writeInt16BE(groups.length, 0);
  out.writeInt16BE(weight, 2);
  out.writeUInt16BE(negative && groups.length > 0 ? 0x4000 : 0, 4);
  out.writeInt16BE(fraction.length, 6);
  for (const [i, g] of groups.entries()) out.writeInt16BE(g, 8 + i * 2);
  return out;
}

/** The decimal text of a binary numeric. */
export function decodeNumeric(bytes: Buffer): string {
  const n = bytes.readInt16BE(0);
  const weight = bytes.readInt16BE(2);
  const sign = bytes.readUInt16BE(4);
  const scale = bytes.readInt16BE(6);
  if (sign === 0xc000) return "NaN";
  if (sign === 0xd000) return "Infinity";
  if (sign === 0xf000) return "-Infinity";
  let intPart = "";
  let fracPart = "";
  for (let i = 0; i <= Math.max(weight, n - 1); i++) {
    const digit = i < n ? bytes.readInt16BE(8 + i * 2) : 0;
    const text = String(digit).padStart(4, "0");
    if (i <= weight) intPart += text;
    else fracPart += text;
  }
  // Digits before the first stored group when the weight is negative.
  if (weight < -1) fracPart = "0000".repeat(-weight - 1) + fracPart;
  intPart = intPart.replace(/^0+/, "") || "0";
  fracPart = fracPart.padEnd(scale, "0").slice(0, scale);
  return `${sign === 0x4000 ? "-" : ""}${intPart}${scale > 0 ? `.${fracPart}` : ""}`;
}
