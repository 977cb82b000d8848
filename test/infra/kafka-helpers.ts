// Small @platformatic/kafka helpers shared by the real-peer tests.
import {
  Admin,
  Consumer,
  FetchIsolationLevels,
  type Message,
  Producer,
  stringDeserializers,
  stringSerializers,
} from "@platformatic/kafka";
import { type KafkaPeer, uniqueName } from "./peers.ts";

export type StringMessage = Message<string, string, string, string>;
export type BufferMessage = Message<Buffer, Buffer, Buffer, Buffer>;

export async function createTopics(kafka: KafkaPeer, topics: string[], partitions = 1): Promise<void> {
  const admin = new Admin({ clientId: "headwater-infra-test", bootstrapBrokers: kafka.brokers });
  try {
    await admin.createTopics({ topics, partitions, replicas: 1 });
  } finally {
    await admin.close();
  }
}

export async function produceStrings(
  kafka: KafkaPeer,
  messages: { topic: string; key?: string; value: string }[],
): Promise<void> {
  const producer = new Producer({
    clientId: "headwater-infra-test",
    bootstrapBrokers: kafka.brokers,
    serializers: stringSerializers,
  });
  try {
    await producer.send({ messages });
  } finally {
    await producer.close();
  }
}

export interface ReadOptions {
  isolationLevel?: number;
  timeoutMs?: number;
}

async function read<M>(
  kafka: KafkaPeer,
  topic: string,
  count: number,
  options: ReadOptions,
  strings: boolean,
): Promise<M[]> {
  const consumer = new Consumer({
    clientId: "headwater-infra-test",
    groupId: uniqueName("hw-test-group"),
    bootstrapBrokers: kafka.brokers,
    ...(strings ? { deserializers: stringDeserializers } : {}),
    isolationLevel: options.isolationLevel ?? FetchIsolationLevels.READ_COMMITTED,
    maxWaitTime: 200,
  });
  const got: M[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: "earliest", autocommit: false });
    const timer = setTimeout(() => void stream.close(), options.timeoutMs ?? 20_000);
    try {
      for await (const m of stream) {
        got.push(m as M);
        if (got.length >= count) break;
      }
    } finally {
      clearTimeout(timer);
      await stream.close();
    }
  } finally {
    await consumer.close(true);
  }
  return got;
}

/** Read a topic from the beginning until `count` records arrived or the timeout (default 20 s) passed. */
export function readStrings(
  kafka: KafkaPeer,
  topic: string,
  count: number,
  options: ReadOptions = {},
): Promise<StringMessage[]> {
  return read<StringMessage>(kafka, topic, count, options, true);
}

/** Same, raw bytes (e.g. Confluent wire format). */
export function readBuffers(
  kafka: KafkaPeer,
  topic: string,
  count: number,
  options: ReadOptions = {},
): Promise<BufferMessage[]> {
  return read<BufferMessage>(kafka, topic, count, options, false);
}
