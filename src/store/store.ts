import * as fs from "node:fs";
import * as path from "node:path";
import { Consumer, type ConsumerOptions } from "./consumer.ts";
import { ControlLog } from "./control/control-log.ts";
import { type CommittedRange, commitTogether, Transaction } from "./control/transaction.ts";
import { DEFAULT_FSYNC_POLICY, type FsyncPolicy } from "./fsync-policy.ts";
import { checkTopicName, TOPIC_CONFIG_FILE, Topic, type TopicConfig } from "./log/topic.ts";
import { lockStore } from "./store-lock.ts";

export interface StoreOptions {
  /** See `FsyncPolicy` for the exact guarantee of each policy. */
  readonly fsync?: FsyncPolicy;
}

export interface ReadOnlyStoreOptions {
  /** How often the store looks for what its owner appended and committed (default 100 ms). */
  readonly pollMs?: number;
}

export interface CleanupResult {
  readonly segmentsDeleted: number;
  readonly segmentsRewritten: number;
  readonly recordsRemoved: number;
}

/**
 * The embedded durable store: topics of partitioned logs under `<dir>/topics/`, and a control log of
 * consumer-group offsets and transaction markers under `<dir>/control/`. One process owns a store
 * directory at a time (`<dir>/LOCK`, see store-lock.ts; another process's open fails). Opening a
 * store recovers it: torn tails are cut, stale indexes rebuilt, and transactions that prepared but
 * never committed are rolled back. `openReadOnly` reads a store any process may own, as Kafka's
 * read_committed consumers read a log its producers are writing: no lock, no repair, no writes.
 */
export class Store {
  readonly dir: string;
  readonly fsync: FsyncPolicy;
  readonly readOnly: boolean;
  private readonly topics = new Map<string, Topic>();
  private control: ControlLog;
  private readonly flushTimer: NodeJS.Timeout | undefined;
  private readonly unlock: () => void;

  private constructor(
    dir: string,
    fsync: FsyncPolicy,
    control: ControlLog,
    unlock: () => void,
    readOnly = false,
  ) {
    this.dir = dir;
    this.fsync = fsync;
    this.control = control;
    this.unlock = unlock;
    this.readOnly = readOnly;
    if (fsync.kind === "interval") {
      this.flushTimer = setInterval(() => this.flush(), fsync.ms);
      this.flushTimer.unref();
    }
  }

  static open(dir: string, options: StoreOptions = {}): Store {
    const fsync = options.fsync ?? DEFAULT_FSYNC_POLICY;
    fs.mkdirSync(path.join(dir, "topics"), { recursive: true });
    const unlock = lockStore(dir);
    let control: ControlLog;
    try {
      control = ControlLog.open(path.join(dir, "control"));
    } catch (error) {
      unlock();
      throw error;
    }
    const store = new Store(dir, fsync, control, unlock);
    for (const name of fs.readdirSync(path.join(dir, "topics"))) {
      const topicDir = store.topicDir(name);
      // A topic exists once its config is written (before any data); a directory without one is an
      // interrupted create or delete.
      if (!fs.existsSync(path.join(topicDir, TOPIC_CONFIG_FILE)))
        fs.rmSync(topicDir, { recursive: true, force: true });
      else store.topics.set(name, Topic.open(topicDir, name, fsync));
    }
    store.rollBackUnfinishedTransactions();
    return store;
  }

  /**
   * Opens a store for reading while another process (or none) owns it. Readers see complete
   * records only, and only committed ones (read_committed): a transaction's records appear once the
   * owner's commit entry is in the control log, never those of one it prepared and did not commit.
   * New records and topics appear as the owner appends them (every `pollMs`, or at `refresh()`),
   * waking consumers that wait for data. Nothing is written: writes throw.
   */
  static openReadOnly(dir: string, options: ReadOnlyStoreOptions = {}): Store {
    if (!fs.existsSync(dir)) throw new Error(`no store at ${dir}: the folder does not exist`);
    const store = new Store(
      dir,
      { kind: "never" },
      ControlLog.readSnapshot(path.join(dir, "control")),
      () => {},
      true,
    );
    store.refresh();
    const timer = setInterval(() => store.refresh(), options.pollMs ?? 100);
    timer.unref();
    store.stopPolling = () => clearInterval(timer);
    return store;
  }

  /**
   * Read-only: takes in what the owner wrote since. Segment sizes are taken before the control log is
   * read, so every transaction whose records lie within them has its prepare entry in what is read:
   * a partition is read up to the first record of a transaction still open (its last stable offset).
   */
  refresh(): void {
    if (!this.readOnly) return;
    const topicsDir = path.join(this.dir, "topics");
    const present = new Set(fs.existsSync(topicsDir) ? fs.readdirSync(topicsDir) : []);
    for (const [name, topic] of [...this.topics])
      if (!present.has(name)) {
        topic.close();
        this.topics.delete(name);
      }
    for (const name of present)
      if (!this.topics.has(name)) {
        const topic = Topic.openReadOnly(this.topicDir(name), name);
        if (topic !== undefined) this.topics.set(name, topic);
      }
    const topics = [...this.topics.values()];
    const before = topics.map((topic) => topic.partitions.map((log) => log.nextOffset));
    const sizes = topics.map((topic) => topic.partitions.map((log) => log.fileSizes()));
    this.control = ControlLog.readSnapshot(path.join(this.dir, "control"));
    let stableEnds = stableEndsOf(this.control);
    topics.forEach((topic, t) => {
      topic.partitions.forEach((log, p) => {
        log.catchUp(sizes[t]![p]!, stableEnds.get(`${topic.name}\u0000${p}`) ?? Number.POSITIVE_INFINITY);
      });
    });
    // An owner that restarted meanwhile may have rolled back a transaction and begun another in its
    // place, past the first snapshot: read again, and give back what an open transaction now covers.
    this.control = ControlLog.readSnapshot(path.join(this.dir, "control"));
    stableEnds = stableEndsOf(this.control);
    topics.forEach((topic, t) => {
      topic.partitions.forEach((log, p) => {
        const stableEnd = stableEnds.get(`${topic.name}\u0000${p}`);
        if (stableEnd !== undefined && stableEnd < log.nextOffset) log.forgetFrom(stableEnd);
        if (log.nextOffset > before[t]![p]!) log.notifyAppend();
      });
    });
  }

  createTopic(name: string, config: Partial<TopicConfig> = {}): Topic {
    this.checkWritable();
    checkTopicName(name);
    if (this.topics.has(name)) throw new Error(`topic '${name}' already exists`);
    const topic = Topic.open(this.topicDir(name), name, this.fsync, config);
    this.topics.set(name, topic);
    return topic;
  }

  /** The topic if it exists, otherwise a new one with `config`. */
  ensureTopic(name: string, config: Partial<TopicConfig> = {}): Topic {
    return this.topics.get(name) ?? this.createTopic(name, config);
  }

  topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (topic === undefined) throw new Error(`topic '${name}' does not exist`);
    return topic;
  }

  hasTopic(name: string): boolean {
    return this.topics.has(name);
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }

  deleteTopic(name: string): void {
    this.checkWritable();
    this.topic(name).close();
    this.topics.delete(name);
    fs.rmSync(path.join(this.topicDir(name), TOPIC_CONFIG_FILE)); // first: a half-deleted topic is gone
    fs.rmSync(this.topicDir(name), { recursive: true, force: true });
  }

  beginTransaction(): Transaction {
    this.checkWritable();
    return new Transaction(this.control.allocateTransactionId(), (name) => this.topic(name), this.control);
  }

  /**
   * Commits open transactions of this store as one: two control-log fsyncs for all of them (a group
   * commit), each partition written once; atomic for the group. Returns where each one's records landed.
   */
  commitTogether(transactions: readonly Transaction[]): CommittedRange[][] {
    this.checkWritable();
    return commitTogether(transactions);
  }

  /** Durably records a consumer group's next offsets for some partitions of a topic (fsynced before return). */
  commitOffsets(group: string, topic: string, offsets: ReadonlyMap<number, number>): void {
    this.checkWritable();
    const entries = [...offsets].map(([partition, offset]) => ({ group, topic, partition, offset }));
    this.control.append({ type: "offsets", offsets: entries });
  }

  /** The group's committed next offset per partition of the topic. */
  committedOffsets(group: string, topic: string): Map<number, number> {
    return this.control.committedOffsets(group, topic);
  }

  consumer(topic: string, options: ConsumerOptions = {}): Consumer {
    return new Consumer(this.topic(topic), options, (group) => this.committedOffsets(group, topic));
  }

  /** Forces every partition's appended records to disk. */
  flush(): void {
    for (const topic of this.topics.values()) topic.flush();
  }

  /** Applies retention and compaction to every topic; call it periodically (e.g. every minute). */
  runCleanup(now: number = Date.now()): CleanupResult {
    this.checkWritable();
    let segmentsDeleted = 0;
    let segmentsRewritten = 0;
    let recordsRemoved = 0;
    for (const topic of this.topics.values()) {
      const result = topic.runCleanup(now);
      segmentsDeleted += result.segmentsDeleted;
      segmentsRewritten += result.segmentsRewritten;
      recordsRemoved += result.recordsRemoved;
    }
    return { segmentsDeleted, segmentsRewritten, recordsRemoved };
  }

  close(): void {
    this.stopPolling();
    if (this.flushTimer !== undefined) clearInterval(this.flushTimer);
    for (const topic of this.topics.values()) topic.close();
    this.control.close();
    this.unlock();
  }

  private stopPolling: () => void = () => {};

  private checkWritable(): void {
    if (this.readOnly)
      throw new Error(`store ${this.dir} is open read-only: writes go through the process that owns it`);
  }

  private topicDir(name: string): string {
    return path.join(this.dir, "topics", name);
  }

  /** Cuts every partition a prepared-but-uncommitted transaction wrote back to where it started. */
  private rollBackUnfinishedTransactions(): void {
    for (const [txn, ranges] of [...this.control.prepared]) {
      for (const { topic, partition, start } of ranges) {
        const log = this.topics.get(topic)?.partitions[partition];
        if (log !== undefined && log.nextOffset > start) log.truncateTo(start);
      }
      this.control.append({ type: "abort", txn });
    }
  }
}

/** Per `topic\u0000partition`, the first offset of its earliest transaction that is prepared and still open. */
function stableEndsOf(control: ControlLog): Map<string, number> {
  const stableEnds = new Map<string, number>();
  for (const ranges of control.prepared.values())
    for (const { topic, partition, start } of ranges) {
      const key = `${topic}\u0000${partition}`;
      stableEnds.set(key, Math.min(start, stableEnds.get(key) ?? Number.POSITIVE_INFINITY));
    }
  return stableEnds;
}
