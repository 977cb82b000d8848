import type { Store, Topic } from "../../store/index.ts";
import type { StoreTableSettings } from "./store-table-settings.ts";

/**
 * The table's topic, created with its partitions, retention and cleanup policy when missing. An
 * existing topic is used as it is: a topic's partition count is fixed once created, as in Kafka.
 */
export function ensureStoreTopic(store: Store, settings: StoreTableSettings): Topic {
  return store.ensureTopic(settings.topic, {
    partitions: settings.partitions,
    retentionMs: settings.retentionMs,
    retentionBytes: settings.retentionBytes,
    cleanupPolicy: settings.cleanupPolicy,
  });
}
