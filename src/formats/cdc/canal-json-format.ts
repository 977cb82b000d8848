// Flink's 'canal-json' (docs/connectors/table/formats/canal.md): {"data":[…], "old":[…], "type":…}.
// INSERT rows → +I; UPDATE rows → -U (the row with the changed fields of "old" put back) and +U;
// DELETE rows → -D; other types (DDL such as CREATE, or "isDdl": true) are skipped. Writing gives
// {"data":[row],"type":"INSERT"} for +I/+U and "DELETE" for -U/-D, as Flink does.
import { FieldError } from "../errors.ts";
import type { ChangeRow, Deserializer, Format, Serializer } from "../format.ts";
import { jsonString } from "../json/json-writer.ts";
import { jsonCdc } from "./json-cdc.ts";

const ENCODER = new TextEncoder();

export const canalJsonFormat: Format = {
  name: "canal-json",
  createDeserializer(schema, options): Deserializer {
    const cdc = jsonCdc("canal-json", schema, options);
    return (bytes) =>
      cdc.decode(bytes, (node) => {
        if (node.isDdl === true) return [];
        const type = node.type;
        if (type !== "INSERT" && type !== "UPDATE" && type !== "DELETE") return [];
        const data = node.data;
        if (!Array.isArray(data)) throw new FieldError(`expected an array of rows for a ${type}`, "data");
        const old = Array.isArray(node.old) ? node.old : [];
        const rows: ChangeRow[] = [];
        data.forEach((item, i) => {
          if (type === "INSERT") rows.push({ kind: "+I", row: cdc.readRow(item) });
          else if (type === "DELETE") rows.push({ kind: "-D", row: cdc.readRow(item) });
          else {
            const changed = old[i];
            const before = typeof changed === "object" && changed !== null ? { ...item, ...changed } : item;
            rows.push({ kind: "-U", row: cdc.readRow(before) }, { kind: "+U", row: cdc.readRow(item) });
          }
        });
        return rows;
      });
  },
  createSerializer(schema, options): Serializer {
    const cdc = jsonCdc("canal-json", schema, options);
    return (kind, row) =>
      ENCODER.encode(
        `{"data":[${cdc.writeRow(row)}],"type":${jsonString(kind === "+I" || kind === "+U" ? "INSERT" : "DELETE")}}`,
      );
  },
};
