import { FormatConfigError } from "../errors.ts";
import type { FormatOptions } from "../format.ts";
import { OptionReader } from "../options.ts";
import type { AvroSchema, DeriveOptions } from "./avro-schema.ts";

/** '<prefix>.timestamp_mapping.legacy' (default true, as in Flink 1.19+). */
export function readDeriveOptions(prefix: string, options: FormatOptions): DeriveOptions {
  return {
    legacyTimestampMapping: new OptionReader(prefix, options).boolean("timestamp_mapping.legacy", true),
  };
}

/** An explicit schema ('<prefix>.schema'), parsed; undefined when the table schema is to be used. */
export function readExplicitSchema(prefix: string, options: FormatOptions): AvroSchema | undefined {
  const text = new OptionReader(prefix, options).string("schema");
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as AvroSchema;
  } catch (error) {
    throw new FormatConfigError(
      `option '${prefix}.schema' is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
