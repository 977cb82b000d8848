import type { FormatOptions } from "../format.ts";
import { OptionReader } from "../options.ts";

/** The JSON options shared by `json` and the JSON-based CDC formats (each under its own prefix). */
export interface JsonSettings {
  readonly failOnMissingField: boolean;
  readonly ignoreParseErrors: boolean;
  readonly timestampStandard: "SQL" | "ISO-8601";
  readonly mapNullKeyMode: "FAIL" | "DROP" | "LITERAL";
  readonly mapNullKeyLiteral: string;
  readonly decimalAsPlainNumber: boolean;
  readonly ignoreNullFields: boolean;
  /**
   * How DATE, TIME and TIMESTAMPs are written: `text` as Flink's json format does ('2024-01-31',
   * '12:00:00', '2024-01-31 12:00:00'), `epoch` as numbers — days, milliseconds of the day,
   * milliseconds since the epoch — as Kafka Connect's JSON Schema types and Confluent Cloud's
   * json-registry have them. Not an option: the format decides.
   */
  readonly temporals: "text" | "epoch";
}

export function readJsonSettings(prefix: string, options: FormatOptions): JsonSettings {
  const reader = new OptionReader(prefix, options);
  return {
    failOnMissingField: reader.boolean("fail-on-missing-field", false),
    ignoreParseErrors: reader.boolean("ignore-parse-errors", false),
    timestampStandard: reader.choice("timestamp-format.standard", ["SQL", "ISO-8601"], "SQL"),
    mapNullKeyMode: reader.choice("map-null-key.mode", ["FAIL", "DROP", "LITERAL"], "FAIL"),
    mapNullKeyLiteral: reader.string("map-null-key.literal") ?? "null",
    decimalAsPlainNumber: reader.boolean("encode.decimal-as-plain-number", false),
    ignoreNullFields: reader.boolean("encode.ignore-null-fields", false),
    temporals: "text",
  };
}
