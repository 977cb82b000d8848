/**
 * The Kafka client library, loaded the first time a Kafka table or topic is opened: it costs about
 * 0.4 s of start-up, which every engine, CLI call and test paid before they touched Kafka at all.
 * Only types are imported statically; every client is created in an async `open`, after this resolves.
 */
export type KafkaLibrary = typeof import("@platformatic/kafka");

let library: Promise<KafkaLibrary> | undefined;

export function kafkaLibrary(): Promise<KafkaLibrary> {
  library ??= import("@platformatic/kafka");
  return library;
}
