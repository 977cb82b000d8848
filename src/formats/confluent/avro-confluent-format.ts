// Flink's 'avro-confluent' (docs/connectors/table/formats/avro-confluent.md) and Confluent Cloud's
// 'avro-registry': Avro in Confluent's wire format with a schema registry. Same behaviour, different
// option prefixes. Tombstones (null records) decode to nothing.

import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { readDeriveOptions, readExplicitSchema } from "../avro/avro-options.ts";
import { errorResult } from "../errors.ts";
import type {
  Deserializer,
  Format,
  FormatContext,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "../format.ts";
import { createRegistryAvroCodec } from "./registry-avro-codec.ts";
import { readRegistrySettings } from "./registry-options.ts";

export function registryAvroFormat(name: "avro-confluent" | "avro-registry"): Format {
  const codecFor = (schema: FormatSchema, options: FormatOptions, context?: FormatContext) =>
    createRegistryAvroCodec(
      schema.columns,
      readDeriveOptions(name, options),
      readRegistrySettings(name, options, context),
      readExplicitSchema(name, options),
    );
  return {
    name,
    createDeserializer(schema, options, context): Deserializer {
      const codec = codecFor(schema, options, context);
      const decode = (bytes: Uint8Array | null) => {
        if (bytes === null) return { kind: "rows" as const, rows: [] };
        try {
          return { kind: "rows" as const, rows: [{ kind: "+I" as const, row: codec.decode(bytes) }] };
        } catch (error) {
          return errorResult(error, `${name}: `);
        }
      };
      return Object.assign(decode, {
        prepare: (records: Iterable<Uint8Array | null>) => codec.prepareRead(records),
      });
    },
    createSerializer(schema, options, context): Serializer {
      const codec = codecFor(schema, options, context);
      return Object.assign((_kind: RowKind, row: Row) => codec.encode(row), {
        prepare: () => codec.prepareWrite(),
      });
    },
  };
}
