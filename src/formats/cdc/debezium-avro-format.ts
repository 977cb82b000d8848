// Flink's 'debezium-avro-confluent': Debezium change events as Avro in Confluent's wire format. The
// reader (and writer) schema is Flink's: ROW<before ROW<…>, after ROW<…>, op STRING>, all nullable.
import type { RowKind } from "../../common/changelog.ts";
import type { Row } from "../../common/value.ts";
import { readDeriveOptions, readExplicitSchema } from "../avro/avro-options.ts";
import { createRegistryAvroCodec } from "../confluent/registry-avro-codec.ts";
import { readRegistrySettings } from "../confluent/registry-options.ts";
import { errorResult } from "../errors.ts";
import type {
  Deserializer,
  Format,
  FormatContext,
  FormatOptions,
  FormatSchema,
  Serializer,
} from "../format.ts";
import { changeToEnvelope, debeziumAvroColumns, envelopeToChanges } from "./debezium-envelope.ts";

const PREFIX = "debezium-avro-confluent";

function codecFor(schema: FormatSchema, options: FormatOptions, context?: FormatContext) {
  return createRegistryAvroCodec(
    debeziumAvroColumns(schema.columns),
    readDeriveOptions(PREFIX, options),
    readRegistrySettings(PREFIX, options, context),
    readExplicitSchema(PREFIX, options),
  );
}

export const debeziumAvroFormat: Format = {
  name: PREFIX,
  createDeserializer(schema, options, context): Deserializer {
    const codec = codecFor(schema, options, context);
    const decode = (bytes: Uint8Array | null) => {
      if (bytes === null) return { kind: "rows" as const, rows: [] };
      try {
        const [before, after, op] = codec.decode(bytes);
        const rows = envelopeToChanges(
          op,
          () => (before ?? null) as Row | null,
          () => (after ?? null) as Row | null,
        );
        return { kind: "rows" as const, rows };
      } catch (error) {
        return errorResult(error, `${PREFIX}: `);
      }
    };
    return Object.assign(decode, {
      prepare: (records: Iterable<Uint8Array | null>) => codec.prepareRead(records),
    });
  },
  createSerializer(schema, options, context): Serializer {
    const codec = codecFor(schema, options, context);
    return Object.assign((kind: RowKind, row: Row) => codec.encode(changeToEnvelope(kind, row)), {
      prepare: () => codec.prepareWrite(),
    });
  },
};
