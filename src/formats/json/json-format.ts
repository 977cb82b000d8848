// Flink's 'json' format (docs/connectors/table/formats/json.md): one JSON object per record, or a
// top-level array of objects giving one row each; rows are written as compact objects.
import { errorResult } from "../errors.ts";
import type {
  ChangeRow,
  DecodeResult,
  Deserializer,
  Format,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "../format.ts";
import { readJsonSettings } from "./json-options.ts";
import { needsExactNumbers, parseJson } from "./json-parse.ts";
import { compileRowReader } from "./json-reader.ts";
import { compileObjectWriter } from "./json-writer.ts";

const ENCODER = new TextEncoder();

export const jsonFormat: Format = {
  name: "json",
  createDeserializer(schema: FormatSchema, options: FormatOptions): Deserializer {
    const settings = readJsonSettings("json", options);
    const readRow = compileRowReader(schema.columns, settings, "");
    const exact = needsExactNumbers(schema.columns.map((c) => c.type));
    return (bytes): DecodeResult => {
      if (bytes === null) return { kind: "rows", rows: [] };
      try {
        const node = parseJson(bytes, exact);
        if (Array.isArray(node)) {
          const rows: ChangeRow[] = node.map((item) => ({ kind: "+I", row: readRow(item) }));
          return { kind: "rows", rows };
        }
        return { kind: "rows", rows: [{ kind: "+I", row: readRow(node) }] };
      } catch (error) {
        // 'json.ignore-parse-errors' skips rows that cannot be parsed at all.
        if (settings.ignoreParseErrors) return { kind: "rows", rows: [] };
        return errorResult(error, "json: ");
      }
    };
  },
  createSerializer(schema: FormatSchema, options: FormatOptions): Serializer {
    const writeRow = compileObjectWriter(schema.columns, readJsonSettings("json", options), "");
    return (_kind, row) => ENCODER.encode(writeRow(row));
  },
};
