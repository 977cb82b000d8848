// What the JSON-based CDC formats share: parsing a record (tombstones and, with ignore-parse-errors,
// broken records give no rows), reading rows from objects, and writing an envelope object.
import type { Row } from "../../common/value.ts";
import { errorResult } from "../errors.ts";
import type { ChangeRow, DecodeResult, FormatOptions, FormatSchema } from "../format.ts";
import { type JsonSettings, readJsonSettings } from "../json/json-options.ts";
import { needsExactNumbers, parseJson } from "../json/json-parse.ts";
import { compileRowReader } from "../json/json-reader.ts";
import { compileObjectWriter } from "../json/json-writer.ts";

export interface JsonCdc {
  readonly settings: JsonSettings;
  readonly readRow: (node: unknown) => Row;
  readonly writeRow: (row: Row) => string;
  /** Parses and maps one record; `toChanges` may throw FieldErrors. */
  decode(bytes: Uint8Array | null, toChanges: (node: Record<string, unknown>) => ChangeRow[]): DecodeResult;
}

export function jsonCdc(prefix: string, schema: FormatSchema, options: FormatOptions): JsonCdc {
  const settings = readJsonSettings(prefix, options);
  const exact = needsExactNumbers(schema.columns.map((c) => c.type));
  const readRow = compileRowReader(schema.columns, settings, "");
  return {
    settings,
    readRow,
    writeRow: compileObjectWriter(schema.columns, settings, ""),
    decode(bytes, toChanges) {
      if (bytes === null) return { kind: "rows", rows: [] };
      try {
        const node = parseJson(bytes, exact);
        if (node === null) return { kind: "rows", rows: [] };
        if (typeof node !== "object" || Array.isArray(node)) {
          return { kind: "error", message: `${prefix}: expected a JSON object for the change event` };
        }
        return { kind: "rows", rows: toChanges(node as Record<string, unknown>) };
      } catch (error) {
        if (settings.ignoreParseErrors) return { kind: "rows", rows: [] };
        return errorResult(error, `${prefix}: `);
      }
    },
  };
}

/** Reads an optional row object: JSON null (or absent) is no row. */
export function optionalRow(readRow: (node: unknown) => Row, node: unknown): Row | null {
  return node === null || node === undefined ? null : readRow(node);
}
