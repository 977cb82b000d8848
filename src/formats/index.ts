// The formats layer: bytes ↔ rows (and changelog rows) for a table schema, in the formats Flink
// supports. Connectors pick a format by name and create a (de)serializer per table.
export { createAvroRowCodec } from "./avro/avro-codec.ts";
export { type AvroSchema, deriveAvroSchema, FLINK_RECORD_NAMESPACE } from "./avro/avro-schema.ts";
export { frame, HEADER_SIZE, MAGIC_BYTE, schemaIdOf } from "./confluent/wire-format.ts";
export { readCsvDocument, writeCsvDocument } from "./csv/csv-format.ts";
export { FieldError, FormatConfigError } from "./errors.ts";
export type {
  ChangeRow,
  DecodeMeta,
  DecodeResult,
  Deserializer,
  Format,
  FormatContext,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "./format.ts";
export { formatFor, formatNames } from "./format-registry.ts";
export {
  type RegisteredSchema,
  SchemaRegistryClient,
  SchemaRegistryError,
  type SchemaRegistryOptions,
  type SchemaType,
} from "./registry/schema-registry-client.ts";
export { parseStrategy, type SubjectNameStrategy, subjectName } from "./registry/subject-naming.ts";
