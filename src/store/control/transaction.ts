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
  /** The control log its prepare and commit entries go to. */
  readonly controlLog: ControlLog;
  private readonly staged = new Map<string, StagedWrites>();
  private readonly offsets: GroupOffset[] = [];
  private stateValue: TransactionState = "open";

  constructor(id: number, resolveTopic: (name: string) => Topic, control: ControlLog) {
    this.id = id;
    this.resolveTopic = resolveTopic;
    this.controlLog = control;
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
    return commitTogether([this])[0]!;
  }

  /** What `commitTogether` commits of this transaction; it must be open. */
  stagedForCommit(): { readonly writes: readonly StagedWrites[]; readonly offsets: readonly GroupOffset[] } {
    this.checkOpen();
    return { writes: [...this.staged.values()].filter((w) => w.records.length > 0), offsets: this.offsets };
  }

  /** Called by `commitTogether` once the transaction's writes are durable and visible (or undone). */
  settle(state: "committed" | "aborted"): void {
    this.stateValue = state;
    this.staged.clear();
  }

  /** Drops the staged writes; nothing was written, so nothing needs undoing. */
  abort(): void {
    this.checkOpen();
    this.staged.clear();
    this.stateValue = "aborted";
  }

  private checkOpen(): void {
    if (this.stateValue !== "open") throw new Error(`transaction ${this.id} is already ${this.stateValue}`);
  }
}

/**
 * Commits several open transactions of one store as one (a group commit): one `prepare` entry lists
 * every partition any of them writes, each partition's staged records (in the order of `transactions`)
 * are appended with one write and fsynced, and one `commit` entry carries all their offsets — two
 * control-log fsyncs for the group instead of two per transaction. Atomic for the group, hence for
 * each of them: a crash before the commit entry rolls every listed partition back at the next open.
 * Returns, per transaction, where its records landed.
 */
export function commitTogether(transactions: readonly Transaction[]): CommittedRange[][] {
  const staged = transactions.map((t) => t.stagedForCommit());
  const control = transactions[0]?.controlLog;
  if (control === undefined) return [];
  if (transactions.some((t) => t.controlLog !== control))
    throw new Error("transactions of different stores cannot commit together");
  if (new Set(transactions).size !== transactions.length)
    throw new Error("a transaction is listed twice in a group commit");
  // One write per partition, though several transactions may stage records for it.
  const partitions = new Map<
    string,
    { log: PartitionLog; range: TransactionRange; records: RecordInput[] }
  >();
  const placed = staged.map(({ writes }) =>
    writes.map((w) => {
      const key = `${w.topic.name}\u0000${w.partition}`;
      let target = partitions.get(key);
      if (target === undefined) {
        const log = w.topic.partition(w.partition);
        target = {
          log,
          range: { topic: w.topic.name, partition: w.partition, start: log.nextOffset },
          records: [],
        };
        partitions.set(key, target);
      }
      const firstOffset = target.range.start + target.records.length;
      for (const record of w.records) target.records.push(record);
      return { topic: w.topic.name, partition: w.partition, firstOffset, count: w.records.length };
    }),
  );
  const targets = [...partitions.values()];
  const txn = transactions[0]!.id;
  if (targets.length > 0) control.append({ type: "prepare", txn, ranges: targets.map((t) => t.range) });
  try {
    for (const { log, records } of targets) log.appendBatch(records, { sync: false, notify: false });
    for (const { log, range } of targets) log.syncFrom(range.start);
    control.append({ type: "commit", txn, offsets: staged.flatMap((s) => s.offsets) });
  } catch (error) {
    for (const t of transactions) t.settle("aborted");
    if (targets.length > 0) {
      for (const { log, range } of targets) log.truncateTo(range.start);
      control.append({ type: "abort", txn });
    }
    throw error;
  }
  for (const t of transactions) t.settle("committed");
  for (const { log } of targets) log.notifyAppend();
  return placed;
}
