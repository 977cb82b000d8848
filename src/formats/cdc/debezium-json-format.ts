// Flink's 'debezium-json': Debezium change events as JSON, optionally wrapped with their Kafka
// Connect schema ('debezium-json.schema-include' = true: the event is under "payload").
import { FieldError } from "../errors.ts";
import type { Deserializer, Format, Serializer } from "../format.ts";
import { jsonString } from "../json/json-writer.ts";
import { OptionReader } from "../options.ts";
import { changeToEnvelope, envelopeToChanges } from "./debezium-envelope.ts";
import { jsonCdc, optionalRow } from "./json-cdc.ts";

const ENCODER = new TextEncoder();
const PREFIX = "debezium-json";

export const debeziumJsonFormat: Format = {
  name: PREFIX,
  createDeserializer(schema, options): Deserializer {
    const cdc = jsonCdc(PREFIX, schema, options);
    const schemaInclude = new OptionReader(PREFIX, options).boolean("schema-include", false);
    return (bytes) =>
      cdc.decode(bytes, (node) => {
        const event = (schemaInclude ? node.payload : node) as Record<string, unknown> | null | undefined;
        if (event === null || event === undefined || typeof event !== "object") {
          throw new FieldError(
            "expected the change event object (is 'debezium-json.schema-include' right?)",
            "payload",
          );
        }
        if (!schemaInclude && event.op === undefined && typeof event.payload === "object") {
          throw new FieldError(
            "the event is wrapped in schema/payload: set 'debezium-json.schema-include' = 'true'",
            "op",
          );
        }
        return envelopeToChanges(
          event.op,
          () => optionalRow(cdc.readRow, event.before),
          () => optionalRow(cdc.readRow, event.after),
        );
      });
  },
  createSerializer(schema, options): Serializer {
    const cdc = jsonCdc(PREFIX, schema, options);
    return (kind, row) => {
      const [before, after, op] = changeToEnvelope(kind, row);
      const text = `{"before":${before === null ? "null" : cdc.writeRow(before)},"after":${after === null ? "null" : cdc.writeRow(after)},"op":${jsonString(op)}}`;
      return ENCODER.encode(text);
    };
  },
};
