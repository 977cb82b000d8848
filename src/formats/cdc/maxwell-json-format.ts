// Flink's 'maxwell-json' (docs/connectors/table/formats/maxwell.md): {"type":"insert|update|delete",
// "data":{…}, "old":{…changed fields}}. update → -U (data with "old" put back) and +U(data). Writing
// gives {"data":row,"type":"insert"} for +I/+U and "delete" for -U/-D, as Flink does.
import type { Deserializer, Format, Serializer } from "../format.ts";
import { jsonString } from "../json/json-writer.ts";
import { jsonCdc } from "./json-cdc.ts";

const ENCODER = new TextEncoder();

export const maxwellJsonFormat: Format = {
  name: "maxwell-json",
  createDeserializer(schema, options): Deserializer {
    const cdc = jsonCdc("maxwell-json", schema, options);
    return (bytes) =>
      cdc.decode(bytes, (node) => {
        const data = node.data;
        switch (node.type) {
          case "insert":
            return [{ kind: "+I", row: cdc.readRow(data) }];
          case "delete":
            return [{ kind: "-D", row: cdc.readRow(data) }];
          case "update": {
            const old = node.old;
            const before = typeof old === "object" && old !== null ? { ...(data as object), ...old } : data;
            return [
              { kind: "-U", row: cdc.readRow(before) },
              { kind: "+U", row: cdc.readRow(data) },
            ];
          }
          default:
            return [];
        }
      });
  },
  createSerializer(schema, options): Serializer {
    const cdc = jsonCdc("maxwell-json", schema, options);
    return (kind, row) =>
      ENCODER.encode(
        `{"data":${cdc.writeRow(row)},"type":${jsonString(kind === "+I" || kind === "+U" ? "insert" : "delete")}}`,
      );
  },
};
