import * as fs from "node:fs";
import * as path from "node:path";
import { syncDirectory } from "../fs-util.ts";
import { decodeFrame, encodeBatch, frameIsTombstone } from "../log/record-codec.ts";
import { Segment } from "../log/segment.ts";
import type { ControlEntry, GroupOffset, TransactionRange } from "./control-entry.ts";

/** Past this size the control log is rewritten as one checkpoint entry. */
const CHECKPOINT_BYTES = 1024 * 1024;
const INDEX_INTERVAL_BYTES = 1 << 30;

/**
 * The store's own small log of consumer-group offsets and transaction markers, in `<store>/control/`.
 * Every append is fsynced before it returns: this is the commit point of transactions and of offset
 * commits. It uses the same framing (length + CRC) as topic logs, so a torn final entry is cut off at
 * open like any other.
 */
export class ControlLog {
  private readonly dir: string;
  /** Undefined for a read-only snapshot. */
  private segment: Segment | undefined;
  private sequence = 0;
  private nextTxn = 1;
  private readonly offsets = new Map<string, Map<number, number>>();
  /** Transactions whose prepare entry is durable but whose commit or abort is not (yet). */
  readonly prepared = new Map<number, readonly TransactionRange[]>();

  private constructor(dir: string, segment: Segment | undefined) {
    this.dir = dir;
    this.segment = segment;
  }

  static open(dir: string): ControlLog {
    fs.mkdirSync(dir, { recursive: true });
    for (const name of fs.readdirSync(dir)) if (name.endsWith(".tmp")) fs.rmSync(path.join(dir, name));
    const exists = fs.readdirSync(dir).some((name) => name.endsWith(".log"));
    const segment = exists
      ? Segment.open(dir, 0, INDEX_INTERVAL_BYTES, false)
      : Segment.create(dir, 0, INDEX_INTERVAL_BYTES);
    const log = new ControlLog(dir, segment);
    log.applyFrames(segment);
    log.sequence = segment.nextOffset;
    return log;
  }

  private applyFrames(segment: Segment): void {
    segment.forEachFrame((bytes, view, pos) => {
      if (frameIsTombstone(bytes, pos)) return;
      const record = decodeFrame(bytes, view, pos);
      this.apply(JSON.parse(Buffer.from(record.value!).toString("utf8")) as ControlEntry);
    });
  }

  /**
   * The state another process's control log is in now, read without writing anything: the intact
   * entries only (a torn last entry is the owner's append in progress). The snapshot cannot append.
   */
  static readSnapshot(dir: string): ControlLog {
    let segment: Segment;
    try {
      segment = Segment.openReadOnly(dir, 0, INDEX_INTERVAL_BYTES);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return new ControlLog(dir, undefined);
    }
    try {
      segment.catchUp(segment.fileSize(), Number.POSITIVE_INFINITY);
      const log = new ControlLog(dir, undefined);
      log.applyFrames(segment);
      return log;
    } finally {
      segment.close();
    }
  }

  /** A fresh transaction id (made durable by the transaction's prepare entry). */
  allocateTransactionId(): number {
    return this.nextTxn++;
  }

  committedOffsets(group: string, topic: string): Map<number, number> {
    return new Map(this.offsets.get(groupKey(group, topic)));
  }

  /** Appends an entry and fsyncs it; the entry takes effect only once durable. */
  append(entry: ControlEntry): void {
    if (this.segment === undefined) throw new Error(`${this.dir} is a read-only snapshot of a control log`);
    const before = this.segment.size;
    const frames = encodeBatch([{ value: Buffer.from(JSON.stringify(entry)) }], this.sequence, Date.now());
    try {
      this.segment.append(frames);
      this.segment.sync();
    } catch (error) {
      // Leave no half-written entry for the next append to follow.
      this.segment.truncateAtPosition(before);
      throw error;
    }
    this.sequence++;
    this.apply(entry);
    if (this.segment.size > CHECKPOINT_BYTES) this.checkpoint();
  }

  close(): void {
    this.segment?.close();
  }

  private apply(entry: ControlEntry): void {
    switch (entry.type) {
      case "prepare":
        this.prepared.set(entry.txn, entry.ranges);
        this.nextTxn = Math.max(this.nextTxn, entry.txn + 1);
        break;
      case "commit":
        this.prepared.delete(entry.txn);
        this.nextTxn = Math.max(this.nextTxn, entry.txn + 1);
        this.applyOffsets(entry.offsets);
        break;
      case "abort":
        this.prepared.delete(entry.txn);
        break;
      case "offsets":
        this.applyOffsets(entry.offsets);
        break;
      case "checkpoint":
        this.offsets.clear();
        this.prepared.clear();
        this.nextTxn = entry.nextTxn;
        this.applyOffsets(entry.offsets);
        for (const { txn, ranges } of entry.prepared) this.prepared.set(txn, ranges);
        break;
    }
  }

  private applyOffsets(offsets: readonly GroupOffset[]): void {
    for (const { group, topic, partition, offset } of offsets) {
      const key = groupKey(group, topic);
      const partitions = this.offsets.get(key) ?? new Map<number, number>();
      this.offsets.set(key, partitions);
      partitions.set(partition, offset);
    }
  }

  /** Rewrites the log as a single checkpoint entry: temporary file, fsync, rename, directory fsync. */
  private checkpoint(): void {
    const offsets: GroupOffset[] = [];
    for (const [key, partitions] of this.offsets) {
      const [group, topic] = key.split("\u0000") as [string, string];
      for (const [partition, offset] of partitions) offsets.push({ group, topic, partition, offset });
    }
    const prepared = [...this.prepared].map(([txn, ranges]) => ({ txn, ranges }));
    const entry: ControlEntry = { type: "checkpoint", nextTxn: this.nextTxn, offsets, prepared };
    const frames = encodeBatch([{ value: Buffer.from(JSON.stringify(entry)) }], 0, Date.now());
    const temporary = path.join(this.dir, "checkpoint.tmp");
    const fd = fs.openSync(temporary, "w");
    try {
      fs.writeSync(fd, frames);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const logPath = this.segment!.logPath;
    this.segment!.close();
    fs.renameSync(temporary, logPath);
    syncDirectory(this.dir);
    this.segment = Segment.open(this.dir, 0, INDEX_INTERVAL_BYTES, false);
    this.sequence = 1;
  }
}

function groupKey(group: string, topic: string): string {
  return `${group}\u0000${topic}`;
}
