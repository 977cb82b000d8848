import type { PartitionLog } from "../log/partition-log.ts";
import type { RecordInput } from "../log/record.ts";
import type { Topic } from "../log/topic.ts";
import type { GroupOffset, TransactionRange } from "./control-entry.ts";
import type { ControlLog } from "./control-log.ts";

export type TransactionState = "open" | "committed" | "aborted";

/** Where a committed transaction's records landed in one partition. */
export interface CommittedRange {
  readonly topic: string;
  readonly partition: number;
  readonly firstOffset: number;
  readonly count: number;
}

interface StagedWrites {
  readonly topic: Topic;
  readonly partition: number;
  readonly records: RecordInput[];
}

/**
 * An atomic unit of writes to any partitions of any topics, plus consumer-group offsets (for
 * consume-transform-produce exactly-once). Writes are staged in memory — nothing is visible to readers
 * — and `commit()` makes all of them visible at once:
 *
 * 1. a `prepare` entry listing each partition's current end is appended to the control log and fsynced;
 * 2. each partition's staged records are appended with one write and fsynced;
 * 3. a `commit` entry (carrying the group offsets) is appended to the control log and fsynced;
 * 4. readers are woken.
 *
 * All of it runs synchronously, so no reader in the process can observe a half-committed transaction.
 * If the process dies between 1 and 3, the store finds the `prepare` without a `commit` at the next open
 * and cuts each listed partition back to where the transaction started: uncommitted writes are never
 * seen. Staged records are held by reference: do not modify their buffers before commit.
 */
export class Transaction {
  readonly id: number;
  private readonly resolveTopic: (name: string) => Topic;
  private readonly control: ControlLog;
  private readonly staged = new Map<string, StagedWrites>();
  private readonly offsets: GroupOffset[] = [];
  private stateValue: TransactionState = "open";

  constructor(id: number, resolveTopic: (name: string) => Topic, control: ControlLog) {
    this.id = id;
    this.resolveTopic = resolveTopic;
    this.control = control;
  }

  get state(): TransactionState {
    return this.stateValue;
  }

  /** Stages records for one partition; they get offsets at commit. */
  append(topic: string, partition: number, records: readonly RecordInput[]): void {
    this.checkOpen();
    const key = `${topic}\u0000${partition}`;
    let writes = this.staged.get(key);
    if (writes === undefined) {
      const resolved = this.resolveTopic(topic);
      resolved.partition(partition);
      writes = { topic: resolved, partition, records: [] };
      this.staged.set(key, writes);
    }
    for (const record of records) writes.records.push(record);
  }

  /** Stages consumer-group offsets, committed atomically with the records (Kafka's sendOffsetsToTransaction). */
  commitOffsets(group: string, topic: string, offsets: ReadonlyMap<number, number>): void {
    this.checkOpen();
    for (const [partition, offset] of offsets) this.offsets.push({ group, topic, partition, offset });
  }

  /** Makes every staged write and offset durable and visible, atomically; returns where records landed. */
  commit(): CommittedRange[] {
    this.checkOpen();
    const writes = [...this.staged.values()].filter((w) => w.records.length > 0);
    const ranges: TransactionRange[] = writes.map((w) => ({
      topic: w.topic.name,
      partition: w.partition,
      start: w.topic.partition(w.partition).nextOffset,
    }));
    const logs: PartitionLog[] = writes.map((w) => w.topic.partition(w.partition));
    if (writes.length > 0) this.control.append({ type: "prepare", txn: this.id, ranges });
    try {
      for (let i = 0; i < writes.length; i++)
        logs[i]!.appendBatch(writes[i]!.records, { sync: false, notify: false });
      for (let i = 0; i < ranges.length; i++) logs[i]!.syncFrom(ranges[i]!.start);
      this.control.append({ type: "commit", txn: this.id, offsets: this.offsets });
    } catch (error) {
      this.rollBack(logs, ranges);
      throw error;
    }
    this.stateValue = "committed";
    this.staged.clear();
    for (const log of logs) log.notifyAppend();
    return writes.map((w, i) => ({
      topic: w.topic.name,
      partition: w.partition,
      firstOffset: ranges[i]!.start,
      count: w.records.length,
    }));
  }

  /** Drops the staged writes; nothing was written, so nothing needs undoing. */
  abort(): void {
    this.checkOpen();
    this.staged.clear();
    this.stateValue = "aborted";
  }

  private rollBack(logs: readonly PartitionLog[], ranges: readonly TransactionRange[]): void {
    this.stateValue = "aborted";
    if (ranges.length === 0) return;
    for (let i = 0; i < ranges.length; i++) logs[i]!.truncateTo(ranges[i]!.start);
    this.control.append({ type: "abort", txn: this.id });
  }

  private checkOpen(): void {
    if (this.stateValue !== "open") throw new Error(`transaction ${this.id} is already ${this.stateValue}`);
  }
}
