import { ROW_KINDS, type RowKind } from "../../common/changelog.ts";
import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { ERROR_HANDLING_KEYS, type ErrorHandling, readErrorHandling } from "../framework/bad-records.ts";
import { isChangelogFormat, type RecordLayout } from "../framework/record-format.ts";
import {
  type FieldsInclude,
  formatOptionPrefixes,
  RECORD_LAYOUT_KEYS,
  readRecordLayout,
} from "../framework/record-layout.ts";
import {
  type BoundedMode,
  readBoundedMode,
  readStartupMode,
  SCAN_RANGE_KEYS,
  type StartupMode,
} from "../framework/scan-range.ts";
import { TableOptions } from "../framework/table-options.ts";

/**
 * Confluent Cloud's `'changelog.mode'`: how a topic's records make a table.
 * - `append`: every record is an insert;
 * - `upsert`: a record is the key's current row, a null value deletes the key (a compacted topic);
 * - `retract`: every record carries its row kind (`+I`, `-U`, `+U`, `-D`) in the `__op` header.
 */
export type ChangelogMode = "append" | "upsert" | "retract";

/** The header holding a retract record's row kind (Headwater's encoding; Confluent's is not documented). */
export const ROW_KIND_HEADER = "__op";

const DECODER = new TextDecoder();

/** A retract record's row kind, from its `__op` header; undefined when missing or not a kind. */
export function rowKindOf(record: {
  readonly headers: readonly (readonly [string, Uint8Array])[];
}): RowKind | undefined {
  const header = record.headers.find(([name]) => name === ROW_KIND_HEADER);
  if (header === undefined) return undefined;
  const text = DECODER.decode(header[1]);
  return ROW_KINDS.find((k) => k === text);
}

/** Confluent Cloud's partitions when DISTRIBUTED BY gives no bucket count. */
export const DEFAULT_PARTITIONS = 6;

/** Confluent Cloud's default key and value format. */
const REGISTRY_FORMAT = "avro-registry";

export interface StoreTableSettings {
  readonly topic: string;
  readonly changelogMode: ChangelogMode;
  readonly partitions: number;
  readonly startup: StartupMode;
  readonly bounded: BoundedMode;
  /** `kafka.retention.time`; null keeps records forever. */
  readonly retentionMs: number | null;
  readonly retentionBytes: number | null;
  readonly cleanupPolicy: "delete" | "compact";
  readonly errorHandling: ErrorHandling;
  /** Positions (in the physical row) of the primary key, for upsert normalization. */
  readonly primaryKey: readonly number[];
  /** The key and value layout, for a store with or without a schema registry. */
  layout(registryUrl: string | undefined): RecordLayout;
  /** Whether reading gives every row kind (upsert, retract, or a CDC value format). */
  readonly updating: boolean;
}

const TABLE_KEYS = [
  "topic",
  "changelog.mode",
  "kafka.retention.time",
  "kafka.retention.size",
  "kafka.cleanup-policy",
  "kafka.producer.compression.type",
  "kafka.max-message-size",
  "scan.watermark.idle-timeout",
  ...RECORD_LAYOUT_KEYS,
  ...SCAN_RANGE_KEYS,
  ...ERROR_HANDLING_KEYS,
];

/**
 * Reads a store-backed table's options: a Confluent Cloud table (no `connector`) or
 * `'connector' = 'headwater'`. The topic is the table's name (in a database other than the default,
 * `database.name`), or the `topic` option of `'connector' = 'headwater'`.
 */
export function readStoreTableSettings(table: TableSchema): StoreTableSettings {
  const connector = table.options.connector ?? "confluent";
  const options = new TableOptions(table, connector);
  const physicalNames = table.columns.filter((c) => c.origin === "physical").map((c) => c.name);
  const hasKey = (table.primaryKey?.length ?? 0) > 0;
  const changelogMode = options.choice(
    "changelog.mode",
    ["append", "upsert", "retract"],
    hasKey ? "upsert" : "append",
  );
  if (changelogMode === "upsert" && !hasKey)
    throw options.error(
      "'changelog.mode' = 'upsert' needs a PRIMARY KEY: it says which rows a record replaces",
    );
  const topic =
    connector === "headwater" ? (options.string("topic") ?? defaultTopic(table)) : defaultTopic(table);
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic))
    throw options.error(
      `topic name '${topic}' is not valid: use letters, digits, '.', '_' and '-' (set 'topic' with 'connector' = 'headwater')`,
    );
  const buckets = table.distribution?.buckets;
  if (buckets !== undefined && (!Number.isInteger(buckets) || buckets < 1))
    throw options.error(`DISTRIBUTED INTO ${buckets} BUCKETS: the bucket count must be a positive integer`);
  const retention = options.duration("kafka.retention.time");
  const cleanup = options.choice(
    "kafka.cleanup-policy",
    ["delete", "compact", "delete-compact"],
    changelogMode === "upsert" ? "compact" : "delete",
  );
  options.memorySize("kafka.max-message-size");
  options.duration("scan.watermark.idle-timeout");
  const rules = {
    keySource: "distribution" as const,
    formatAlias: false,
    defaultFormat: REGISTRY_FORMAT,
    fieldsIncludeDefault: "EXCEPT_KEY" as FieldsInclude,
  };
  const layout = (registryUrl: string | undefined): RecordLayout =>
    readRecordLayout(options, rules, (name) => resolveRegistryFormat(name, registryUrl));
  const validated = layout(undefined);
  // Confluent Cloud takes key format options even for a table without key columns.
  const declaredKeyFormat = options.string("key.format")?.trim().toLowerCase();
  const prefixes = formatOptionPrefixes(validated, false);
  if (declaredKeyFormat !== undefined) prefixes.push(`key.${declaredKeyFormat}.`);
  options.checkKnown(TABLE_KEYS, prefixes);
  const primaryKey = (table.primaryKey ?? []).map((name) => physicalNames.indexOf(name));
  return {
    topic,
    changelogMode,
    partitions: buckets ?? DEFAULT_PARTITIONS,
    startup: readStartupMode(
      options,
      ["earliest-offset", "latest-offset", "timestamp", "specific-offsets"],
      "earliest-offset",
    ),
    bounded: readBoundedMode(options, ["unbounded", "latest-offset", "timestamp", "specific-offsets"]),
    // Confluent Cloud: 0 keeps records forever.
    retentionMs: retention === undefined || retention === 0 ? null : retention,
    retentionBytes: options.memorySize("kafka.retention.size") ?? null,
    cleanupPolicy: cleanup === "delete" ? "delete" : "compact",
    errorHandling: readErrorHandling(options),
    primaryKey,
    layout,
    updating: changelogMode !== "append" || isChangelogFormat(validated.value.format),
  };
}

function defaultTopic(table: TableSchema): string {
  const [, database, name] = table.path;
  return database === "default_database" ? name : `${database}.${name}`;
}

/**
 * Registry formats against the store: with a schema registry they are used as they are (its URL
 * added); without one the records hold the same Avro body without the registry framing, the schema
 * coming from the table (`json-registry` becomes plain `json`).
 */
function resolveRegistryFormat(
  name: string,
  registryUrl: string | undefined,
): { name: string; extra?: Record<string, string> } {
  // Confluent Cloud's Avro maps TIMESTAMP_LTZ to timestamp-millis and TIMESTAMP to
  // local-timestamp-millis: Flink's non-legacy mapping.
  const mapping = { "timestamp_mapping.legacy": "false" };
  if (name === "avro-registry")
    return registryUrl ? { name, extra: { url: registryUrl, ...mapping } } : { name: "avro", extra: mapping };
  if (name === "json-registry") return registryUrl ? { name, extra: { url: registryUrl } } : { name: "json" };
  return { name };
}
