import { avroFormat } from "./avro/avro-format.ts";
import { canalJsonFormat } from "./cdc/canal-json-format.ts";
import { debeziumAvroFormat } from "./cdc/debezium-avro-format.ts";
import { debeziumJsonFormat } from "./cdc/debezium-json-format.ts";
import { maxwellJsonFormat } from "./cdc/maxwell-json-format.ts";
import { registryAvroFormat } from "./confluent/avro-confluent-format.ts";
import { jsonRegistryFormat } from "./confluent/json-registry-format.ts";
import { csvFormat } from "./csv/csv-format.ts";
import type { Format } from "./format.ts";
import { jsonFormat } from "./json/json-format.ts";
import { rawFormat } from "./raw/raw-format.ts";

const FORMATS: ReadonlyMap<string, Format> = new Map(
  [
    jsonFormat,
    csvFormat,
    rawFormat,
    avroFormat,
    registryAvroFormat("avro-confluent"),
    registryAvroFormat("avro-registry"),
    jsonRegistryFormat,
    debeziumJsonFormat,
    debeziumAvroFormat,
    canalJsonFormat,
    maxwellJsonFormat,
  ].map((f) => [f.name, f]),
);

/** The format a table's 'format' / 'key.format' / 'value.format' option names; undefined if unknown. */
export function formatFor(name: string): Format | undefined {
  return FORMATS.get(name.trim().toLowerCase());
}

export function formatNames(): string[] {
  return [...FORMATS.keys()];
}
