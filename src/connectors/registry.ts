import { closestMatch } from "../common/diagnostic.ts";
import type { TableSchema } from "../sql/catalog/table-schema.ts";
import { blackholeConnector } from "./blackhole/blackhole-connector.ts";
import { datagenConnector } from "./datagen/datagen-connector.ts";
import { filesystemConnector } from "./filesystem/filesystem-connector.ts";
import type { ConnectorFactory, TableCapabilities } from "./framework/connector.ts";
import { ConnectorError } from "./framework/connector-error.ts";
import { headwaterConnector } from "./headwater/headwater-connector.ts";
import { kafkaConnector, upsertKafkaConnector } from "./kafka/kafka-connector.ts";
import { nexmarkConnector } from "./nexmark/nexmark-connector.ts";
import { printConnector } from "./print/print-connector.ts";

const FACTORIES: ReadonlyMap<string, ConnectorFactory> = new Map(
  [
    headwaterConnector,
    kafkaConnector,
    upsertKafkaConnector,
    filesystemConnector,
    datagenConnector,
    nexmarkConnector,
    printConnector,
    blackholeConnector,
  ].map((f) => [f.name, f]),
);

/** Tables without a `connector` option (Confluent Cloud's) and `'connector' = 'headwater'` live in the embedded store. */
export function isStoreTable(table: TableSchema): boolean {
  const connector = table.options.connector;
  return connector === undefined || connector === "headwater";
}

/** Whether Headwater has a connector of this name (so CREATE TABLE can check its options early). */
export function isKnownConnector(name: string): boolean {
  return FACTORIES.has(name);
}

/** The connector of a table, by its `connector` option; the embedded store's without one. */
export function connectorOf(table: TableSchema): ConnectorFactory {
  const name = table.options.connector ?? "headwater";
  const factory = FACTORIES.get(name);
  if (factory !== undefined) return factory;
  const near = closestMatch(name, FACTORIES.keys());
  throw new ConnectorError(
    `table '${table.path.join(".")}': connector '${name}' is not supported by Headwater${near ? `; did you mean '${near}'?` : ""} (supported: ${[...FACTORIES.keys()].sort().join(", ")})`,
  );
}

const described = new WeakMap<TableSchema, TableCapabilities>();

/** What a table can do (validating its options once per table definition). */
export function describeTable(table: TableSchema): TableCapabilities {
  let capabilities = described.get(table);
  if (capabilities === undefined) {
    capabilities = connectorOf(table).describe(table);
    described.set(table, capabilities);
  }
  return capabilities;
}
