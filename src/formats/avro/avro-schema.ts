// The Avro schema Flink derives from a table schema (AvroSchemaConverter.convertToSchema): a record
// named `record` in namespace `org.apache.flink.avro.generated`; nested ROWs are records named by
// their path (`record_address`, `record_address_geo`; ARRAY elements and MAP values keep the path of
// their column); a nullable type is the union ["null", T] and its field gets `"default": null`;
// DECIMAL is bytes with logicalType decimal; DATE int/date; TIME int/time-millis; TIMESTAMP long
// timestamp-millis under the legacy mapping ('avro.timestamp_mapping.legacy' = true, the default) or
// local-timestamp-millis/micros without it, when TIMESTAMP_LTZ maps to timestamp-millis/micros;
// MAP and MULTISET (values = INT counts) need string keys.
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { FormatConfigError } from "../errors.ts";
import { isStringType, mapEntryTypes } from "../type-shapes.ts";

/** Avro schemas as JSON values. */
export type AvroSchema =
  | string
  | AvroSchema[]
  | { readonly type: string; readonly [attribute: string]: unknown };

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly default?: null;
}

export const FLINK_RECORD_NAMESPACE = "org.apache.flink.avro.generated";

export interface DeriveOptions {
  /** Flink's legacy timestamp mapping (default true): TIMESTAMP → timestamp-millis, no TIMESTAMP_LTZ. */
  readonly legacyTimestampMapping: boolean;
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The record schema for the columns, as Flink's `convertToSchema(rowType)` builds it. */
export function deriveAvroSchema(
  columns: readonly { readonly name: string; readonly type: DataType }[],
  options: DeriveOptions = { legacyTimestampMapping: true },
): AvroSchema {
  return { ...recordSchema(columns, "record", options), namespace: FLINK_RECORD_NAMESPACE };
}

function recordSchema(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  recordName: string,
  options: DeriveOptions,
): { type: "record"; name: string; fields: AvroField[] } {
  return {
    type: "record",
    name: recordName,
    fields: fields.map((f) => {
      if (!AVRO_NAME.test(f.name)) {
        throw new FormatConfigError(
          `column '${f.name}' is not a valid Avro field name ([A-Za-z_][A-Za-z0-9_]*)`,
        );
      }
      const type = avroType(f.type, `${recordName}_${f.name}`, options);
      return f.type.nullable ? { name: f.name, type, default: null } : { name: f.name, type };
    }),
  };
}

/** One Flink type as Avro, named after `rowName` if it is (or contains) a ROW. */
export function avroType(type: DataType, rowName: string, options: DeriveOptions): AvroSchema {
  if (type.kind === "NULL") return "null";
  const schema = notNullAvroType(type, rowName, options);
  return type.nullable ? ["null", schema] : schema;
}

function notNullAvroType(type: DataType, rowName: string, options: DeriveOptions): AvroSchema {
  switch (type.kind) {
    case "BOOLEAN":
      return "boolean";
    case "TINYINT":
    case "SMALLINT":
    case "INT":
      return "int";
    case "BIGINT":
      return "long";
    case "FLOAT":
      return "float";
    case "DOUBLE":
      return "double";
    case "CHAR":
    case "VARCHAR":
      return "string";
    case "BINARY":
    case "VARBINARY":
      return "bytes";
    case "DECIMAL":
      return { type: "bytes", logicalType: "decimal", precision: type.precision, scale: type.scale };
    case "DATE":
      return { type: "int", logicalType: "date" };
    case "TIME":
      if (type.precision > 3) unsupported(type, "Avro TIME supports precision up to 3");
      return { type: "int", logicalType: "time-millis" };
    case "TIMESTAMP":
      if (options.legacyTimestampMapping) {
        if (type.precision > 3) unsupported(type, "the legacy timestamp mapping supports precision up to 3");
        return { type: "long", logicalType: "timestamp-millis" };
      }
      return {
        type: "long",
        logicalType: type.precision <= 3 ? "local-timestamp-millis" : "local-timestamp-micros",
      };
    case "TIMESTAMP_LTZ":
      if (options.legacyTimestampMapping) {
        unsupported(type, "set 'avro.timestamp_mapping.legacy' = 'false' to map it to timestamp-millis");
      }
      return { type: "long", logicalType: type.precision <= 3 ? "timestamp-millis" : "timestamp-micros" };
    case "ROW":
      return recordSchema(type.fields, rowName, options);
    case "ARRAY":
      return { type: "array", items: avroType(type.element, rowName, options) };
    case "MAP":
    case "MULTISET": {
      const entry = mapEntryTypes(type);
      if (entry === undefined || !isStringType(entry.key)) {
        unsupported(type, "Avro format doesn't support non-string as key type of map");
      }
      return { type: "map", values: avroType(entry.value, rowName, options) };
    }
    default:
      return unsupported(type, "Avro has no mapping for it");
  }
}

function unsupported(type: DataType, why: string): never {
  throw new FormatConfigError(`unsupported type for Avro: ${formatDataType(type)} (${why})`);
}
