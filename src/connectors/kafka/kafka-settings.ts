import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { ERROR_HANDLING_KEYS, type ErrorHandling, readErrorHandling } from "../framework/bad-records.ts";
import type { SinkChangelog, SourceChangelog } from "../framework/connector.ts";
import { isChangelogFormat, physicalColumns, type RecordLayout } from "../framework/record-format.ts";
import { formatOptionPrefixes, RECORD_LAYOUT_KEYS, readRecordLayout } from "../framework/record-layout.ts";
import {
  type BoundedMode,
  readBoundedMode,
  readStartupMode,
  SCAN_RANGE_KEYS,
  type StartupMode,
} from "../framework/scan-range.ts";
import { TableOptions } from "../framework/table-options.ts";

export type KafkaConnectorName = "kafka" | "upsert-kafka";

export interface KafkaSettings {
  readonly connector: KafkaConnectorName;
  readonly options: TableOptions;
  readonly topics: readonly string[];
  readonly bootstrap: readonly string[];
  /** `properties.group.id`: where `group-offsets` start and where consumed offsets are committed. */
  readonly groupId: string | undefined;
  /** `properties.auto.offset.reset` for partitions without a committed offset (Flink's default: none). */
  readonly autoOffsetReset: "earliest" | "latest" | "none";
  readonly startup: StartupMode;
  readonly bounded: BoundedMode;
  readonly layout: RecordLayout;
  /** Physical positions of the primary key (upsert-kafka). */
  readonly primaryKey: readonly number[];
  readonly partitioner: "default" | "fixed" | "round-robin";
  readonly errorHandling: ErrorHandling;
  /** Partitions of a topic created by CREATE TABLE (DISTRIBUTED INTO n BUCKETS; 1 without). */
  readonly partitions: number;
  readonly source: SourceChangelog;
  readonly sink: SinkChangelog;
}

const COMMON_KEYS = [
  "topic",
  "properties.bootstrap.servers",
  "properties.group.id",
  "scan.parallelism",
  "sink.parallelism",
  "sink.delivery-guarantee",
  "sink.transactional-id-prefix",
  "scan.watermark.idle-timeout",
  ...ERROR_HANDLING_KEYS,
];

const KAFKA_KEYS = [
  ...COMMON_KEYS,
  ...RECORD_LAYOUT_KEYS,
  ...SCAN_RANGE_KEYS,
  "topic-pattern",
  "sink.partitioner",
  "sink.semantic",
  "scan.topic-partition-discovery.interval",
];

const UPSERT_KAFKA_KEYS = [
  ...COMMON_KEYS,
  "key.format",
  "value.format",
  "key.fields-prefix",
  "value.fields-include",
  "scan.bounded.mode",
  "scan.bounded.timestamp-millis",
  "scan.bounded.specific-offsets",
  "sink.buffer-flush.max-rows",
  "sink.buffer-flush.interval",
];

/**
 * Reads the options of Flink's `kafka` and `upsert-kafka` connectors (docs/connectors/table/kafka.md,
 * upsert-kafka.md), checked as Flink's factories check them. The Kafka client's own settings pass
 * through `properties.*`; the embedded client understands the bootstrap servers, the group id and
 * `auto.offset.reset`, and refuses security settings it cannot honour.
 */
export function readKafkaSettings(table: TableSchema, connector: KafkaConnectorName): KafkaSettings {
  const options = new TableOptions(table, connector);
  const upsert = connector === "upsert-kafka";
  if (options.has("topic-pattern"))
    throw options.error("option 'topic-pattern' is not supported yet; list the topics in 'topic'");
  const topicText = options.required("topic");
  const topics = topicText
    .split(";")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  for (const topic of topics)
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic))
      throw options.error(`option 'topic': '${topic}' is not a valid Kafka topic name`);
  if (upsert && topics.length !== 1)
    throw options.error("option 'topic' of 'upsert-kafka' names exactly one topic");
  const bootstrap = options
    .required("properties.bootstrap.servers")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const protocol = options.string("properties.security.protocol");
  if (protocol !== undefined && protocol.trim().toUpperCase() !== "PLAINTEXT")
    throw options.error(
      `option 'properties.security.protocol' = '${protocol}' is not supported by the embedded Kafka client (PLAINTEXT only)`,
    );
  const autoOffsetReset = options.choice(
    "properties.auto.offset.reset",
    ["earliest", "latest", "none"],
    "none",
  );
  const layout = readRecordLayout(options, {
    keySource: upsert ? "primary-key" : "fields",
    formatAlias: !upsert,
    defaultFormat: undefined,
    fieldsIncludeDefault: "ALL",
  });
  const cdc = isChangelogFormat(layout.value.format);
  if (upsert && cdc)
    throw options.error(
      `'upsert-kafka' cannot use the changelog format '${layout.value.format}' as its value format`,
    );
  const delivery = options.choice(
    "sink.delivery-guarantee",
    ["at-least-once", "exactly-once", "none"],
    "at-least-once",
  );
  if (delivery === "exactly-once")
    throw options.error(
      "'sink.delivery-guarantee' = 'exactly-once' needs checkpoints, which the embedded engine does not take yet; use 'at-least-once'",
    );
  options.choice("sink.semantic", ["at-least-once", "none"], undefined);
  options.integer("scan.parallelism", 1);
  options.integer("sink.parallelism", 1);
  options.integer("sink.buffer-flush.max-rows", 0);
  options.duration("sink.buffer-flush.interval");
  options.duration("scan.topic-partition-discovery.interval");
  options.duration("scan.watermark.idle-timeout");
  const startup = upsert
    ? ({ kind: "earliest-offset" } as const)
    : readStartupMode(
        options,
        ["earliest-offset", "latest-offset", "group-offsets", "timestamp", "specific-offsets"],
        "group-offsets",
      );
  const bounded = readBoundedMode(options, [
    "unbounded",
    "latest-offset",
    "group-offsets",
    "timestamp",
    "specific-offsets",
  ]);
  const groupId = options.string("properties.group.id");
  const buckets = table.distribution?.buckets;
  const physicalNames = physicalColumns(table).map((c) => table.columns[c]!.name);
  const errorHandling = readErrorHandling(options);
  options.checkKnown(upsert ? UPSERT_KAFKA_KEYS : KAFKA_KEYS, [
    "properties.",
    ...formatOptionPrefixes(layout, !upsert),
  ]);
  return {
    connector,
    options,
    topics,
    bootstrap,
    groupId,
    autoOffsetReset,
    startup,
    bounded,
    layout,
    primaryKey: (table.primaryKey ?? []).map((name) => physicalNames.indexOf(name)),
    partitioner: upsert
      ? "default"
      : options.choice("sink.partitioner", ["default", "fixed", "round-robin"], "default"),
    errorHandling,
    partitions: buckets ?? 1,
    source: upsert || cdc ? "all" : "insert-only",
    sink: upsert ? "upsert" : cdc ? "retract" : "append",
  };
}
