/**
 * The Kafka client library, loaded the first time a Kafka table or topic is opened: it costs about
 * 0.4 s of start-up, which every engine, CLI call and test paid before they touched Kafka at all.
 * Only types are imported statically; every client is created in an async `open`, after this resolves.
 */
let library: Promise<typeof import("@platformatic/kafka")> | undefined;

export function kafkaLibrary(): Promise<typeof import("@platformatic/kafka")> {
  library ??= import("@platformatic/kafka");
  return library;
}
