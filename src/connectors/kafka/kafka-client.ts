import type { Admin } from "@platformatic/kafka";
import type { Header } from "../../store/index.ts";
import { kafkaLibrary } from "./kafka-library.ts";

/** The client id Headwater's Kafka clients announce (brokers log it; quotas may use it). */
export const CLIENT_ID = "headwater";

/** Connection settings every Kafka client gets: the brokers, bounded retries, no auto-created topics. */
export function clientOptions(bootstrap: readonly string[]) {
  return { clientId: CLIENT_ID, bootstrapBrokers: [...bootstrap], retries: 3, retryDelay: 250 };
}

/**
 * A readable reason from whatever the Kafka client threw: its aggregate errors ("commit failed 4
 * times") name the causes that matter (connection refused, unknown topic) only in their inner errors.
 */
export function kafkaErrorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = [...new Set(error.errors.map((e) => kafkaErrorMessage(e)))];
    return `${error.message}: ${inner.join("; ")}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs `work` with an admin client, closing it afterwards. */
export async function withAdmin<T>(
  bootstrap: readonly string[],
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const { Admin } = await kafkaLibrary();
  const admin = new Admin(clientOptions(bootstrap));
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}

/** Creates the topic unless it exists; `compact` for upsert topics (last record per key). */
export async function ensureKafkaTopic(
  bootstrap: readonly string[],
  topic: string,
  partitions: number,
  compact: boolean,
): Promise<boolean> {
  return withAdmin(bootstrap, async (admin) => {
    const existing = await admin.listTopics();
    if (existing.includes(topic)) return false;
    await admin.createTopics({
      topics: [topic],
      partitions,
      replicas: 1,
      ...(compact ? { configs: [{ name: "cleanup.policy", value: "compact" }] } : {}),
    });
    return true;
  });
}

const DECODER = new TextDecoder();

/** A Kafka record's headers as the log records of the embedded store carry them. */
export function headersOf(headers: readonly (readonly [Buffer | null, Buffer | null])[]): Header[] {
  return headers.map(([name, value]) => [
    name === null ? "" : DECODER.decode(name),
    value ?? new Uint8Array(0),
  ]);
}
