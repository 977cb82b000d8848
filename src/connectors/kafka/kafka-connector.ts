import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import type { ConnectorFactory } from "../framework/connector.ts";
import { checkMetadataColumns, RECORD_METADATA } from "../framework/metadata.ts";
import { RecordFormat } from "../framework/record-format.ts";
import { ensureKafkaTopic, kafkaErrorMessage } from "./kafka-client.ts";
import { KafkaReader } from "./kafka-reader.ts";
import { type KafkaConnectorName, readKafkaSettings } from "./kafka-settings.ts";
import { KafkaWriter } from "./kafka-writer.ts";

/** Flink's `kafka` and `upsert-kafka` connectors against a real Kafka cluster. */
function kafkaFactory(name: KafkaConnectorName): ConnectorFactory {
  return {
    name,
    describe(table: TableSchema) {
      const settings = readKafkaSettings(table, name);
      new RecordFormat(settings.options, settings.layout, { topic: settings.topics[0]! });
      checkMetadataColumns(settings.options, RECORD_METADATA, false);
      return { source: settings.source, sink: settings.sink, metadata: RECORD_METADATA };
    },
    // Each parallel reader takes its share of the partitions, as Flink's KafkaSource assigns splits.
    readsSplits: true,
    createReader(table, request, ctx) {
      return new KafkaReader(table, readKafkaSettings(table, name), request, ctx);
    },
    createWriter(table, request, ctx) {
      const settings = readKafkaSettings(table, name);
      checkMetadataColumns(settings.options, RECORD_METADATA, true);
      return new KafkaWriter(table, settings, request, ctx);
    },
    /** Creates missing topics with DISTRIBUTED INTO n BUCKETS partitions (compacted for upsert-kafka). */
    async onCreateTable(table, ctx) {
      const settings = readKafkaSettings(table, name);
      for (const topic of settings.topics) {
        try {
          await ctx.track(
            ensureKafkaTopic(settings.bootstrap, topic, settings.partitions, name === "upsert-kafka"),
          );
        } catch (error) {
          throw settings.options.error(
            `Kafka (${settings.bootstrap.join(",")}, topic ${topic}): cannot check or create the topic: ${kafkaErrorMessage(error)}`,
          );
        }
      }
    },
  };
}

export const kafkaConnector = kafkaFactory("kafka");
export const upsertKafkaConnector = kafkaFactory("upsert-kafka");
