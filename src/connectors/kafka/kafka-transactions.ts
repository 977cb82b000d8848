import type { MessageToProduce, Producer } from "@platformatic/kafka";
import { kafkaErrorMessage, withAdmin } from "./kafka-client.ts";

/**
 * Kafka transactions of one exactly-once sink. The producer's transactional id is derived from the
 * statement's identity, so a restarted statement fences its predecessor and the broker aborts the
 * transaction it left open. Each checkpoint commits the transaction holding everything sent since
 * the previous one, and commits in it, atomically, the checkpoint id as the offset of a consumer
 * group named after the statement (on the sink topic's partition 0) — the device Kafka's own
 * exactly-once uses to tie consumed offsets to produced records. Reading that group's offset tells a
 * restarted statement which checkpoint Kafka last committed.
 */
export class KafkaTransactions {
  readonly transactionalId: string;
  private readonly group: string;
  private readonly topic: string;
  private readonly bootstrap: readonly string[];
  private transaction: Awaited<ReturnType<Producer["beginTransaction"]>> | undefined;
  private coordinator: number | undefined;

  constructor(statement: string, topic: string, bootstrap: readonly string[]) {
    this.transactionalId = `headwater-${statement}`;
    this.group = `headwater-checkpoints-${statement}`;
    this.topic = topic;
    this.bootstrap = bootstrap;
  }

  /**
   * Producer options: the transactional id, and no earlier producer id or epoch, so the broker
   * starts a new epoch for it (fencing a predecessor) instead of expecting one.
   */
  producerOptions(): { transactionalId: string; producerId: bigint; producerEpoch: number } {
    return { transactionalId: this.transactionalId, producerId: -1n, producerEpoch: -1 };
  }

  /**
   * Registers the transactional id with the broker (InitProducerId) by opening the first
   * transaction: a predecessor is fenced and the transaction it left open is aborted now, before the
   * statement asks which checkpoint Kafka committed.
   */
  async start(producer: Producer): Promise<void> {
    this.transaction ??= await producer.beginTransaction();
  }

  async send(producer: Producer, messages: MessageToProduce[]): Promise<void> {
    this.transaction ??= await producer.beginTransaction();
    await this.transaction.send({ messages });
  }

  /** Commits the open transaction (one is begun if nothing was sent) with the checkpoint id in it. */
  async commit(producer: Producer, checkpointId: number): Promise<void> {
    const transaction = this.transaction ?? (await producer.beginTransaction());
    this.transaction = transaction;
    this.coordinator ??= await this.groupCoordinator();
    // The client reads only these fields of the consumer and of the message: a group that is no
    // consumer of the topic commits an offset like one (generation -1, no member id).
    await transaction.addConsumer({ groupId: this.group } as never);
    await transaction.addOffset({
      topic: this.topic,
      partition: 0,
      offset: BigInt(checkpointId) - 1n,
      metadata: {
        consumer: { groupId: this.group, generationId: -1, memberId: "", coordinatorId: this.coordinator },
      },
    } as never);
    await transaction.commit();
    this.transaction = undefined;
  }

  /** Aborts the open transaction, if any: what was sent since the last checkpoint is discarded. */
  async abort(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    await transaction?.abort();
  }

  /**
   * The checkpoint id Kafka last committed for the statement. Offsets of a transaction still being
   * aborted are "unstable" for a moment: the read is retried until they settle.
   */
  lastCommitted(): Promise<number | undefined> {
    return withAdmin(this.bootstrap, async (admin) => {
      let groups: Awaited<ReturnType<typeof admin.listConsumerGroupOffsets>> | undefined;
      for (let attempt = 0; groups === undefined; attempt++) {
        try {
          groups = await admin.listConsumerGroupOffsets({ groups: [this.group], requireStable: true });
        } catch (error) {
          if (attempt >= 20 || !/unstable offsets/i.test(kafkaErrorMessage(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      const partition = groups
        .find((g) => g.groupId === this.group)
        ?.topics.find((t) => t.name === this.topic)
        ?.partitions.find((p) => p.partitionIndex === 0);
      return partition === undefined || partition.committedOffset < 0n
        ? undefined
        : Number(partition.committedOffset);
    });
  }

  private groupCoordinator(): Promise<number> {
    return withAdmin(this.bootstrap, async (admin) => {
      const [found] = await admin.findCoordinator({ keyType: 0, keys: [this.group] });
      if (found === undefined) throw new Error(`no group coordinator for '${this.group}'`);
      return found.nodeId;
    });
  }
}
