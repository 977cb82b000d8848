import type { DataType } from "../../../sql/types/data-type.ts";
import { formatDataType } from "../../../sql/types/format-type.ts";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it), kept loose: documents are built, never parsed here. */
export type JsonSchema = { readonly [key: string]: unknown };

const INTEGER_BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
};

/**
 * The JSON Schema of a column's values as json-value.ts writes them, with the encoding spelled out
 * in `description` and `x-flink-type`, so the OpenAPI document says how to read each value exactly.
 */
export function jsonSchemaFor(type: DataType): JsonSchema {
  const schema = nonNullSchema(type);
  const flink = { "x-flink-type": formatDataType(type) };
  if (!type.nullable) return { ...schema, ...flink };
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"], ...flink };
  if (Array.isArray(schema.type)) return { ...schema, type: [...schema.type, "null"], ...flink };
  return { anyOf: [schema, { type: "null" }], ...flink };
}

function nonNullSchema(type: DataType): JsonSchema {
  switch (type.kind) {
    case "BOOLEAN":
      return { type: "boolean" };
    case "TINYINT":
    case "SMALLINT":
    case "INT": {
      const [minimum, maximum] = INTEGER_BOUNDS[type.kind]!;
      return { type: "integer", minimum, maximum };
    }
    case "BIGINT":
      return {
        type: ["integer", "string"],
        pattern: "^-?\\d+$",
        description:
          "BIGINT: a JSON number within ±(2^53 − 1), a decimal string beyond, so no digit is lost.",
      };
    case "FLOAT":
    case "DOUBLE":
      return {
        anyOf: [{ type: "number" }, { type: "string", enum: ["NaN", "Infinity", "-Infinity"] }],
        description: `${type.kind}: a JSON number; NaN and infinities as strings.`,
      };
    case "DECIMAL":
      return {
        type: "string",
        format: "decimal",
        pattern: type.scale === 0 ? "^-?\\d+$" : `^-?\\d+\\.\\d{${type.scale}}$`,
        description: `DECIMAL(${type.precision}, ${type.scale}): an exact decimal string with ${type.scale} fraction digit(s).`,
      };
    case "CHAR":
    case "VARCHAR":
      return { type: "string" };
    case "BINARY":
    case "VARBINARY":
      return { type: "string", contentEncoding: "base64" };
    case "DATE":
      return { type: "string", format: "date", description: "DATE: YYYY-MM-DD." };
    case "TIME":
      return {
        type: "string",
        pattern: "^\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?$",
        description: "TIME: HH:MM:SS[.fff].",
      };
    case "TIMESTAMP":
      return {
        type: "string",
        pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?$",
        description:
          "TIMESTAMP: an ISO-8601 local date-time without offset (the wall-clock time the table holds).",
      };
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return {
        type: "string",
        format: "date-time",
        description: `${type.kind}: an ISO-8601 instant in UTC (…Z).`,
      };
    case "INTERVAL_YM":
      return { type: "integer", description: "INTERVAL YEAR TO MONTH: a number of months." };
    case "INTERVAL_DT":
      return { type: "integer", description: "INTERVAL DAY TO SECOND: a number of milliseconds." };
    case "ARRAY":
      return { type: "array", items: jsonSchemaFor(type.element) };
    case "MULTISET":
      return {
        type: "array",
        items: {
          type: "object",
          properties: { element: jsonSchemaFor(type.element), count: { type: "integer", minimum: 1 } },
          required: ["element", "count"],
        },
      };
    case "MAP":
      if (type.key.kind === "CHAR" || type.key.kind === "VARCHAR")
        return { type: "object", additionalProperties: jsonSchemaFor(type.value) };
      return {
        type: "array",
        items: {
          type: "object",
          properties: { key: jsonSchemaFor(type.key), value: jsonSchemaFor(type.value) },
          required: ["key", "value"],
        },
      };
    case "ROW":
      return {
        type: "object",
        properties: Object.fromEntries(type.fields.map((f) => [f.name, jsonSchemaFor(f.type)])),
        required: type.fields.map((f) => f.name),
      };
    case "RAW":
    case "NULL":
      return { type: "string" };
    default:
      return type satisfies never;
  }
}
