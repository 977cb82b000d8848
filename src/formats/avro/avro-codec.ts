// Rows ↔ Avro binary for one table schema, with avsc doing the byte work. Decoding never throws: a
// failure is diagnosed field by field (slow path) to name the field and byte offset at fault.
import avro from "avsc";
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { childPath, FieldError, FormatConfigError } from "../errors.ts";
import { EXACT_LONG } from "./avro-long.ts";
import { aliasReaderToWriter } from "./avro-resolve.ts";
import { type AvroSchema, type DeriveOptions, deriveAvroSchema } from "./avro-schema.ts";
import { fromAvroRecord, toAvroRecord } from "./avro-values.ts";

type AvscType = avro.Type;

/** How to read bytes written with one particular writer schema. */
export interface AvroReadPlan {
  readonly readerType: AvscType;
  readonly writerType: AvscType;
  readonly resolver: avro.Resolver | undefined;
}

export interface AvroRowCodec {
  /** The schema rows are written with (derived from the table, or given explicitly). */
  readonly schema: AvroSchema;
  readonly type: AvscType;
  /** The plan for data written with the codec's own schema. */
  readonly ownPlan: AvroReadPlan;
  /** A plan for another writer schema; throws FormatConfigError when it cannot be read as this table. */
  planFor(writerSchema: AvroSchema): AvroReadPlan;
  /** Decodes a record starting at `offset`; throws FieldError naming the field and byte at fault. */
  decode(bytes: Uint8Array, offset: number, plan: AvroReadPlan): SqlValue[];
  encode(row: readonly SqlValue[]): Buffer;
}

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function avroTypeFor(schema: AvroSchema): AvscType {
  try {
    return avro.Type.forSchema(schema as avro.Schema, { registry: { long: EXACT_LONG } });
  } catch (error) {
    throw new FormatConfigError(
      `invalid Avro schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export function createAvroRowCodec(
  columns: readonly { readonly name: string; readonly type: DataType }[],
  derive: DeriveOptions,
  explicitSchema?: AvroSchema,
): AvroRowCodec {
  const schema = explicitSchema ?? deriveAvroSchema(columns, derive);
  const type = avroTypeFor(schema);
  const micros = !derive.legacyTimestampMapping;
  const toRow = fromAvroRecord(columns, micros);
  const toRecord = toAvroRecord(columns, micros);
  const ownPlan: AvroReadPlan = { readerType: type, writerType: type, resolver: undefined };
  return {
    schema,
    type,
    ownPlan,
    planFor(writerSchema) {
      const writerType = avroTypeFor(writerSchema);
      if (writerType.equals(type)) return { readerType: type, writerType, resolver: undefined };
      const readerType = avroTypeFor(aliasReaderToWriter(schema, writerSchema));
      try {
        return { readerType, writerType, resolver: readerType.createResolver(writerType) };
      } catch (error) {
        throw new FormatConfigError(
          `the writer schema cannot be read as this table: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    decode(bytes, offset, plan) {
      const buffer = asBuffer(bytes);
      let decoded: { value: unknown; offset: number } | undefined;
      try {
        decoded = plan.readerType.decode(buffer, offset, plan.resolver);
      } catch {
        decoded = undefined;
      }
      if (decoded === undefined || decoded.offset < 0) throw diagnose(plan.writerType, buffer, offset, "");
      return toRow(decoded.value);
    },
    encode(row) {
      return type.toBuffer(toRecord(row));
    },
  };
}

/** Walks the writer's fields one by one to find the first that cannot be read. */
function diagnose(type: AvscType, buffer: Buffer, start: number, path: string): FieldError {
  if (type instanceof avro.types.RecordType) {
    let position = start;
    for (const field of type.fields) {
      const fieldPath = childPath(path, field.name);
      let result: { value: unknown; offset: number } | undefined;
      let failure = "";
      try {
        result = field.type.decode(buffer, position);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (result === undefined || result.offset < 0) {
        if (field.type instanceof avro.types.RecordType)
          return diagnose(field.type, buffer, position, fieldPath);
        const typeName = field.type.typeName.replace(/^abstract:/, "");
        const what =
          failure === ""
            ? `the record ends at byte ${buffer.length} before the ${typeName} value starting at byte ${position} is complete (truncated Avro data)`
            : `cannot read the ${typeName} value at byte ${position}: ${failure}`;
        return new FieldError(what, fieldPath, position);
      }
      position = result.offset;
    }
    return new FieldError(
      `the Avro record could not be read from byte ${start}`,
      path === "" ? undefined : path,
      start,
    );
  }
  return new FieldError(
    `the Avro ${type.typeName} value at byte ${start} could not be read`,
    path === "" ? undefined : path,
    start,
  );
}
