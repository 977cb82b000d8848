// Flink's 'avro' format (docs/connectors/table/formats/avro.md): schemaless Avro binary, written and
// read with the schema derived from the table. Only 'avro.encoding' = 'binary' is supported.
import { errorResult, FormatConfigError } from "../errors.ts";
import type { Deserializer, Format, FormatOptions, FormatSchema, Serializer } from "../format.ts";
import { OptionReader } from "../options.ts";
import { createAvroRowCodec } from "./avro-codec.ts";
import { readDeriveOptions } from "./avro-options.ts";

function checkEncoding(options: FormatOptions): void {
  const encoding = new OptionReader("avro", options).choice("encoding", ["binary", "json"], "binary");
  if (encoding !== "binary")
    throw new FormatConfigError("option 'avro.encoding' = 'json' is not supported yet; use 'binary'");
}

export const avroFormat: Format = {
  name: "avro",
  createDeserializer(schema: FormatSchema, options: FormatOptions): Deserializer {
    checkEncoding(options);
    const codec = createAvroRowCodec(schema.columns, readDeriveOptions("avro", options));
    return (bytes) => {
      if (bytes === null) return { kind: "rows", rows: [] };
      try {
        return { kind: "rows", rows: [{ kind: "+I", row: codec.decode(bytes, 0, codec.ownPlan) }] };
      } catch (error) {
        return errorResult(error, "avro: ");
      }
    };
  },
  createSerializer(schema: FormatSchema, options: FormatOptions): Serializer {
    checkEncoding(options);
    const codec = createAvroRowCodec(schema.columns, readDeriveOptions("avro", options));
    return (_kind, row) => codec.encode(row);
  },
};
