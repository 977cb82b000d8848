// Run-time values ↔ the values avsc reads and writes for the derived schema. Most types are the same
// on both sides (int, long, float, double, string, boolean; DATE days, TIME ms, TIMESTAMP ms); the
// converters below exist only where they differ: DECIMAL (two's-complement big-endian bytes ↔ bigint),
// BYTES (avsc wants Buffers), micro-second timestamps, ROW (object ↔ positional array) and MAP/MULTISET
// (object ↔ Map). `undefined` means "no conversion needed", so whole subtrees are passed through.
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { mapEntryTypes } from "../type-shapes.ts";

export type Convert = (value: unknown) => unknown;

/** Java BigInteger.toByteArray: minimal two's-complement, big-endian (Avro's decimal bytes). */
export function bigintToTwosComplement(value: bigint): Buffer {
  let width = 1;
  for (let half = 128n; value >= half || value < -half; half <<= 8n) width++;
  const encoded = value < 0n ? (1n << BigInt(width * 8)) + value : value;
  return Buffer.from(encoded.toString(16).padStart(width * 2, "0"), "hex");
}

export function twosComplementToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let value = BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`);
  if (((bytes[0] as number) & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

function isMicros(type: DataType): boolean {
  return (type.kind === "TIMESTAMP" || type.kind === "TIMESTAMP_LTZ") && type.precision > 3;
}

/** avsc value → run-time value for `type` (undefined: identical). `micros` is off under the legacy mapping. */
export function fromAvro(type: DataType, microsTimestamps: boolean): Convert | undefined {
  const convert = fromAvroNotNull(type, microsTimestamps);
  if (convert === undefined) return undefined;
  return (v) => (v === null || v === undefined ? null : convert(v));
}

function fromAvroNotNull(type: DataType, micros: boolean): Convert | undefined {
  switch (type.kind) {
    case "DECIMAL":
      return (v) => twosComplementToBigint(v as Uint8Array);
    case "BINARY":
    case "VARBINARY":
      // A copy: avsc slices the record's buffer, which the caller may reuse.
      return (v) => new Uint8Array(v as Uint8Array);
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return micros && isMicros(type) ? (v) => Math.floor((v as number) / 1000) : undefined;
    case "ARRAY": {
      const element = fromAvro(type.element, micros);
      return element === undefined ? undefined : (v) => (v as unknown[]).map(element);
    }
    case "MAP":
    case "MULTISET": {
      const entry = mapEntryTypes(type);
      const value = entry === undefined ? undefined : fromAvro(entry.value, micros);
      return (v) => {
        const out = new Map<SqlValue, SqlValue>();
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          out.set(k, (value === undefined ? item : value(item)) as SqlValue);
        }
        return out;
      };
    }
    case "ROW":
      return fromAvroRecord(type.fields, micros);
    default:
      return undefined;
  }
}

/** Record object → positional row. */
export function fromAvroRecord(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  micros: boolean,
): (v: unknown) => SqlValue[] {
  const names = fields.map((f) => f.name);
  const converts = fields.map((f) => fromAvro(f.type, micros));
  const count = names.length;
  return (v) => {
    const record = v as Record<string, unknown>;
    const row: SqlValue[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const raw = record[names[i] as string];
      const convert = converts[i];
      row[i] = (convert === undefined ? (raw ?? null) : convert(raw)) as SqlValue;
    }
    return row;
  };
}

/** Run-time value → avsc value for `type` (undefined: identical). */
export function toAvro(type: DataType, micros: boolean): Convert | undefined {
  const convert = toAvroNotNull(type, micros);
  if (convert === undefined) return undefined;
  return (v) => (v === null ? null : convert(v));
}

function toAvroNotNull(type: DataType, micros: boolean): Convert | undefined {
  switch (type.kind) {
    case "DECIMAL":
      return (v) => bigintToTwosComplement(v as bigint);
    case "BINARY":
    case "VARBINARY":
      return (v) => {
        const bytes = v as Uint8Array;
        return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      };
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return micros && isMicros(type) ? (v) => (v as number) * 1000 : undefined;
    case "ARRAY": {
      const element = toAvro(type.element, micros);
      return element === undefined ? undefined : (v) => (v as unknown[]).map(element);
    }
    case "MAP":
    case "MULTISET": {
      const entry = mapEntryTypes(type);
      const value = entry === undefined ? undefined : toAvro(entry.value, micros);
      return (v) => {
        const out: Record<string, unknown> = {};
        for (const [k, item] of v as Map<SqlValue, SqlValue>) {
          if (k === null) throw new Error("Avro maps cannot hold a NULL key");
          out[k as string] = value === undefined ? item : value(item);
        }
        return out;
      };
    }
    case "ROW":
      return toAvroRecord(type.fields, micros) as Convert;
    default:
      return undefined;
  }
}

/** Positional row → record object. */
export function toAvroRecord(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  micros: boolean,
): (row: readonly SqlValue[]) => Record<string, unknown> {
  const names = fields.map((f) => f.name);
  const converts = fields.map((f) => toAvro(f.type, micros));
  const count = names.length;
  return (row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const value = row[i] ?? null;
      const convert = converts[i];
      record[names[i] as string] = convert === undefined ? value : convert(value);
    }
    return record;
  };
}
