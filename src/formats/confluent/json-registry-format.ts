// Confluent Cloud's 'json-registry': JSON in Confluent's wire format (magic byte 0, the 4-byte schema
// id, then the JSON text), the table's schema registered as a JSON Schema (`schemaType: JSON`).
// Values follow Kafka Connect's JSON Schema types: DATE/TIME/TIMESTAMP as epoch numbers, DECIMAL as
// a plain number. Reading needs each record's schema id to name a JSON schema in the registry;
// fields are then read by name, as the json format reads them. Tombstones decode to nothing.
import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { errorResult, FieldError } from "../errors.ts";
import type { DecodeResult, Deserializer, Format, Serializer } from "../format.ts";
import { type JsonSettings, readJsonSettings } from "../json/json-options.ts";
import { needsExactNumbers, parseJson } from "../json/json-parse.ts";
import { compileRowReader } from "../json/json-reader.ts";
import { compileObjectWriter } from "../json/json-writer.ts";
import { deriveJsonSchema, JSON_RECORD_TITLE } from "./json-schema.ts";
import { readRegistrySettings } from "./registry-options.ts";
import { frame, HEADER_SIZE, schemaIdOf } from "./wire-format.ts";

const NAME = "json-registry";
const ENCODER = new TextEncoder();

/** What the registry said about a schema id: a JSON schema, or why records with it cannot be read. */
type SchemaState = "json" | { readonly failure: string };

function settingsOf(options: Readonly<Record<string, string>>): JsonSettings {
  return { ...readJsonSettings(NAME, options), temporals: "epoch", decimalAsPlainNumber: true };
}

export const jsonRegistryFormat: Format = {
  name: NAME,
  createDeserializer(schema, options, context): Deserializer {
    const registry = readRegistrySettings(NAME, options, context);
    const readRow = compileRowReader(schema.columns, settingsOf(options), "");
    const exact = needsExactNumbers(schema.columns.map((c) => c.type));
    const schemas = new Map<number, SchemaState>();

    async function fetchSchema(id: number): Promise<void> {
      try {
        const registered = await registry.client.schemaById(id);
        schemas.set(
          id,
          registered.schemaType === "JSON"
            ? "json"
            : { failure: `it is a ${registered.schemaType} schema, not JSON Schema` },
        );
      } catch (error) {
        schemas.set(id, { failure: error instanceof Error ? error.message : String(error) });
      }
    }

    const decode = (bytes: Uint8Array | null): DecodeResult => {
      if (bytes === null) return { kind: "rows", rows: [] };
      try {
        const id = schemaIdOf(bytes);
        const state = schemas.get(id);
        if (state !== "json") {
          const why =
            state?.failure ?? "it was not fetched from the registry (call prepare() before decoding)";
          throw new FieldError(`schema id ${id}: ${why}`, undefined, 1);
        }
        let node: unknown;
        try {
          node = parseJson(bytes.subarray(HEADER_SIZE), exact);
        } catch (error) {
          // Offsets count from the start of the framed record.
          if (error instanceof FieldError && error.offset !== undefined)
            throw new FieldError(error.message, error.field, error.offset + HEADER_SIZE);
          throw error;
        }
        return { kind: "rows", rows: [{ kind: "+I", row: readRow(node) }] };
      } catch (error) {
        return errorResult(error, `${NAME}: `);
      }
    };
    return Object.assign(decode, {
      async prepare(records: Iterable<Uint8Array | null>) {
        const wanted = new Set<number>();
        for (const bytes of records) {
          if (bytes === null || bytes.length < HEADER_SIZE || bytes[0] !== 0) continue;
          const id = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(1, false);
          if (!schemas.has(id)) wanted.add(id);
        }
        await Promise.all([...wanted].map(fetchSchema));
      },
    });
  },
  createSerializer(schema, options, context): Serializer {
    const registry = readRegistrySettings(NAME, options, context);
    const writeRow = compileObjectWriter(schema.columns, settingsOf(options), "");
    const schemaText = JSON.stringify(deriveJsonSchema(schema.columns));
    let writerId: number | undefined;
    const encode = (_kind: RowKind, row: Row) => {
      if (writerId === undefined)
        throw new Error("the json-registry serializer was used before prepare() registered its schema");
      return frame(writerId, ENCODER.encode(writeRow(row)));
    };
    return Object.assign(encode, {
      async prepare() {
        writerId = await registry.client.register(registry.subjectFor(JSON_RECORD_TITLE), schemaText, "JSON");
      },
    });
  },
};
