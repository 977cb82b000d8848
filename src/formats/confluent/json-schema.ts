// The JSON Schema (draft-07) that Confluent Cloud's json-registry registers for a table: an object
// with one property per column, numbers annotated with Kafka Connect's types (`connect.type`: int8 …
// float64), DATE/TIME/TIMESTAMP as whole numbers titled with Connect's logical types (days, ms of
// the day, ms since the epoch), DECIMAL as a number with its scale and precision, bytes as base64
// strings, nullable types as `oneOf` null or the type, and `connect.index` keeping column order.
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { FormatConfigError } from "../errors.ts";
import { isStringType, mapEntryTypes } from "../type-shapes.ts";

export type JsonSchema = { readonly [key: string]: unknown };

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/** The record name under which subjects with RecordNameStrategy are registered. */
export const JSON_RECORD_TITLE = "record";

export function deriveJsonSchema(
  columns: readonly { readonly name: string; readonly type: DataType }[],
): JsonSchema {
  return { $schema: DRAFT_07, ...objectSchema(columns, JSON_RECORD_TITLE, "") };
}

function objectSchema(
  fields: readonly { readonly name: string; readonly type: DataType }[],
  title: string,
  path: string,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  fields.forEach((field, index) => {
    const fieldPath = path === "" ? field.name : `${path}.${field.name}`;
    properties[field.name] = { ...schemaOf(field.type, fieldPath), "connect.index": index };
  });
  const required = fields.filter((f) => !f.type.nullable).map((f) => f.name);
  return {
    type: "object",
    title,
    properties,
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: false,
  };
}

function schemaOf(type: DataType, path: string): JsonSchema {
  const schema = notNullSchema(type, path);
  return type.nullable ? { oneOf: [{ type: "null" }, schema] } : schema;
}

const connect = (type: string, connectType: string, title?: string): JsonSchema => ({
  type,
  ...(title === undefined ? {} : { title }),
  "connect.type": connectType,
});

function notNullSchema(type: DataType, path: string): JsonSchema {
  switch (type.kind) {
    case "BOOLEAN":
      return { type: "boolean" };
    case "TINYINT":
      return connect("integer", "int8");
    case "SMALLINT":
      return connect("integer", "int16");
    case "INT":
      return connect("integer", "int32");
    case "BIGINT":
      return connect("integer", "int64");
    case "FLOAT":
      return connect("number", "float32");
    case "DOUBLE":
      return connect("number", "float64");
    case "CHAR":
    case "VARCHAR":
      return { type: "string" };
    case "BINARY":
    case "VARBINARY":
      return connect("string", "bytes");
    case "DECIMAL":
      return {
        ...connect("number", "bytes", "org.apache.kafka.connect.data.Decimal"),
        "connect.parameters": {
          scale: String(type.scale),
          "connect.decimal.precision": String(type.precision),
        },
      };
    case "DATE":
      return connect("integer", "int32", "org.apache.kafka.connect.data.Date");
    case "TIME":
      return connect("integer", "int32", "org.apache.kafka.connect.data.Time");
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return connect("integer", "int64", "org.apache.kafka.connect.data.Timestamp");
    case "ARRAY":
      return { type: "array", items: schemaOf(type.element, `${path}[]`) };
    case "MAP":
    case "MULTISET": {
      const entry = mapEntryTypes(type)!;
      if (!isStringType(entry.key)) break;
      return {
        type: "object",
        additionalProperties: schemaOf(entry.value, `${path}{}`),
        "connect.type": "map",
      };
    }
    case "ROW":
      return objectSchema(type.fields, path, path);
    default:
      break;
  }
  throw new FormatConfigError(
    `json-registry cannot write ${formatDataType(type)} (column '${path}'): Confluent's JSON Schema mapping has no such type`,
  );
}
