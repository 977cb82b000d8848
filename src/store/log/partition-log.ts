import * as fs from "node:fs";
import * as path from "node:path";
import { syncDirectory } from "../fs-util.ts";
import type { FsyncPolicy } from "../fsync-policy.ts";
import type { LogConfig } from "./log-config.ts";
import type { RecordInput, StoredRecord } from "./record.ts";
import {
  BatchEncoder,
  checkFrame,
  decodeFrame,
  FRAME_CORRUPT,
  FRAME_HEADER_BYTES,
  FRAME_INCOMPLETE,
  frameLength,
  frameOffset,
  viewOf,
} from "./record-codec.ts";
import { LOG_SUFFIX, Segment } from "./segment.ts";

/** Where a reader is: the next offset it wants, and (a hint) the segment and file position holding it. */
export interface ReadCursor {
  offset: number;
  segment: Segment | undefined;
  position: number;
}

export interface AppendOptions {
  /** Transactions sync themselves after writing every partition. */
  readonly sync: boolean;
  /** Transactions wake readers only once their commit marker is durable. */
  readonly notify: boolean;
}

const DEFAULT_APPEND: AppendOptions = { sync: true, notify: true };

/** The ordered segments of one partition: appends, reads, recovery, retention and truncation. */
export class PartitionLog {
  readonly dir: string;
  readonly config: LogConfig;
  private readonly fsync: FsyncPolicy;
  segments: Segment[];
  private dirty = false;
  private readonly listeners = new Set<() => void>();
  private readonly encoder = new BatchEncoder();
  /** Opened by `openReadOnly`: another process may own the directory; nothing here is ever written. */
  readonly readOnly: boolean;

  private constructor(
    dir: string,
    config: LogConfig,
    fsync: FsyncPolicy,
    segments: Segment[],
    readOnly = false,
  ) {
    this.dir = dir;
    this.config = config;
    this.fsync = fsync;
    this.segments = segments;
    this.readOnly = readOnly;
  }

  /**
   * Opens a partition another process may be writing, for reading only: no repair, no index
   * writes, no leftovers removed. It shows nothing until `catchUp` takes in the committed frames.
   * Undefined while the partition has no segment file yet (its topic is being created).
   */
  static openReadOnly(dir: string, config: LogConfig): PartitionLog | undefined {
    const bases = segmentBases(dir);
    if (bases.length === 0) return undefined;
    const segments = bases.map((base) => Segment.openReadOnly(dir, base, config.indexIntervalBytes));
    return new PartitionLog(dir, config, { kind: "never" }, segments, true);
  }

  /** Read-only: the size of each segment file now, by base offset (the first step of a refresh). */
  fileSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (const base of segmentBases(this.dir)) {
      const known = this.segments.find((s) => s.baseOffset === base);
      try {
        const segment = known ?? Segment.openReadOnly(this.dir, base, this.config.indexIntervalBytes);
        if (!known) this.segments.push(segment);
        sizes.set(base, segment.fileSize());
      } catch (error) {
        // Deleted by retention between the listing and the open.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    return sizes;
  }

  /**
   * Read-only: takes in what the owner appended, up to the file sizes taken before the control log
   * was read and below `stableEnd`, and drops segments retention deleted (the store wakes readers).
   */
  catchUp(sizes: ReadonlyMap<number, number>, stableEnd: number): void {
    for (const gone of this.segments.filter((s) => !sizes.has(s.baseOffset))) gone.close();
    this.segments = this.segments
      .filter((s) => sizes.has(s.baseOffset))
      .sort((a, b) => a.baseOffset - b.baseOffset);
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      segment.catchUp(sizes.get(segment.baseOffset)!, stableEnd);
      // A later segment is only read once this one is taken in up to where it was rolled.
      const next = this.segments[i + 1];
      if (next !== undefined && segment.nextOffset < next.baseOffset) break;
    }
  }

  /** Read-only: gives back what was taken in from `offset` on (it turned out to be uncommitted). */
  forgetFrom(offset: number): void {
    for (const segment of this.segments) segment.forgetFrom(offset);
  }

  /** Opens (or creates) a partition directory, repairing a torn tail and rebuilding stale indexes. */
  static open(dir: string, config: LogConfig, fsync: FsyncPolicy): PartitionLog {
    fs.mkdirSync(dir, { recursive: true });
    const bases: number[] = [];
    for (const name of fs.readdirSync(dir)) {
      // Leftovers of an interrupted compaction or index write; the originals are intact.
      if (name.endsWith(".cleaned") || name.endsWith(".tmp"))
        fs.rmSync(path.join(dir, name), { force: true });
      else if (name.endsWith(LOG_SUFFIX)) bases.push(Number(name.slice(0, -LOG_SUFFIX.length)));
    }
    bases.sort((a, b) => a - b);
    const segments: Segment[] = [];
    bases.forEach((base, i) => {
      segments.push(Segment.open(dir, base, config.indexIntervalBytes, i < bases.length - 1));
    });
    if (segments.length === 0) segments.push(Segment.create(dir, 0, config.indexIntervalBytes));
    return new PartitionLog(dir, config, fsync, segments);
  }

  /** The last segment; for a read-only log, the last one whose frames were taken in. */
  private get active(): Segment {
    if (this.readOnly) {
      for (let i = this.segments.length - 1; i > 0; i--)
        if (!this.segments[i]!.isEmpty) return this.segments[i]!;
      return this.segments[0]!;
    }
    return this.segments[this.segments.length - 1]!;
  }

  /** The first offset still stored (earlier ones were deleted by retention). */
  get startOffset(): number {
    return this.segments[0]!.baseOffset;
  }

  /** The offset the next appended record gets; also the "latest" position of a reader. */
  get nextOffset(): number {
    return this.active.nextOffset;
  }

  get sizeBytes(): number {
    let total = 0;
    for (const segment of this.segments) total += segment.size;
    return total;
  }

  /** Appends records with one write call; returns the offset of the first. */
  appendBatch(records: readonly RecordInput[], options: AppendOptions = DEFAULT_APPEND): number {
    this.checkWritable();
    const first = this.nextOffset;
    if (records.length === 0) return first;
    const frames = this.encoder.encode(records, first, Date.now());
    if (!this.active.isEmpty && this.active.size + frames.length > this.config.segmentBytes) this.roll();
    this.active.append(frames);
    this.dirty = true;
    if (options.sync && this.fsync.kind === "every-batch") this.flush();
    if (options.notify) this.notifyAppend();
    return first;
  }

  /** Forces appended records to disk if any are pending. */
  flush(): void {
    if (!this.dirty) return;
    this.active.sync();
    this.dirty = false;
  }

  /** Forces every segment holding offsets >= `offset` to disk, whatever the fsync policy. */
  syncFrom(offset: number): void {
    const first = this.segments.indexOf(this.segmentFor(offset));
    for (let i = first; i < this.segments.length; i++) this.segments[i]!.sync();
    if (first < this.segments.length - 1) syncDirectory(this.dir); // segments created by a roll
    this.dirty = false;
  }

  /**
   * Reads records from the cursor on, up to about `maxBytes` (at least one record) and `maxRecords`,
   * and advances the cursor. Returns an empty array at the end of the log.
   */
  read(cursor: ReadCursor, maxBytes: number, maxRecords: number): StoredRecord[] {
    if (cursor.offset < this.startOffset) {
      cursor.offset = this.startOffset;
      cursor.segment = undefined;
    }
    const out: StoredRecord[] = [];
    for (;;) {
      let segment = cursor.segment;
      if (segment === undefined || !segment.isOpen || cursor.position > segment.size) {
        segment = this.segmentFor(cursor.offset);
        cursor.segment = segment;
        cursor.position = segment.positionOfOffset(cursor.offset);
      }
      if (cursor.position >= segment.size) {
        const next = this.segments[this.segments.indexOf(segment) + 1];
        if (next === undefined) return out;
        cursor.segment = next;
        cursor.position = 0;
        continue;
      }
      this.readChunk(segment, cursor, maxBytes, maxRecords, out);
      if (out.length > 0) return out;
    }
  }

  private readChunk(
    segment: Segment,
    cursor: ReadCursor,
    maxBytes: number,
    maxRecords: number,
    out: StoredRecord[],
  ) {
    let bytes = segment.read(cursor.position, maxBytes);
    let view = viewOf(bytes);
    if (bytes.length >= FRAME_HEADER_BYTES && frameLength(view, 0) > bytes.length) {
      // A single record larger than maxBytes: read it whole.
      bytes = segment.read(cursor.position, frameLength(view, 0));
      view = viewOf(bytes);
    }
    const verify = this.config.verifyChecksumsOnRead;
    let pos = 0;
    while (out.length < maxRecords) {
      const next = checkFrame(bytes, view, pos, bytes.length, verify);
      if (next === FRAME_INCOMPLETE) break;
      if (next === FRAME_CORRUPT) {
        throw new Error(`corrupt record in ${segment.logPath} at byte ${cursor.position + pos}`);
      }
      if (frameOffset(view, pos) >= cursor.offset) out.push(decodeFrame(bytes, view, pos));
      pos = next;
    }
    cursor.position += pos;
    if (out.length > 0) cursor.offset = out[out.length - 1]!.offset + 1;
  }

  /** The first offset whose record has timestamp >= `timestamp`, or `nextOffset` if none. */
  offsetForTimestamp(timestamp: number): number {
    for (const segment of this.segments) {
      const found = segment.offsetOfTimestamp(timestamp);
      if (found !== undefined) return found;
    }
    return this.nextOffset;
  }

  /** Removes every record with offset >= `offset` (rolling back an unfinished transaction). */
  truncateTo(offset: number): void {
    this.checkWritable();
    while (this.segments.length > 1 && this.active.baseOffset > offset) this.segments.pop()!.remove();
    this.active.truncateFromOffset(offset);
    // The new active segment's saved index no longer matches; the active segment is always rescanned.
    fs.rmSync(this.active.indexPath, { force: true });
    if (this.fsync.kind !== "never") this.active.sync();
  }

  /** Deletes whole sealed segments that retention by time or size no longer keeps; returns how many. */
  enforceRetention(now: number): number {
    this.checkWritable();
    const { retentionMs, retentionBytes } = this.config;
    let total = this.sizeBytes;
    let deleted = 0;
    while (this.segments.length > 1) {
      const oldest = this.segments[0]!;
      const expired = retentionMs !== null && oldest.index.maxTimestamp < now - retentionMs;
      const oversized = retentionBytes !== null && total > retentionBytes;
      if (!expired && !oversized) break;
      total -= oldest.size;
      this.segments.shift()!.remove();
      deleted++;
    }
    return deleted;
  }

  /** Swaps a sealed segment for its compacted rewrite, or drops it when nothing in it survived. */
  replaceSegment(old: Segment, replacement: Segment | undefined): void {
    this.checkWritable();
    const i = this.segments.indexOf(old);
    if (i < 0 || i === this.segments.length - 1) throw new Error("only sealed segments can be replaced");
    if (replacement === undefined) {
      old.remove();
      this.segments.splice(i, 1);
    } else {
      old.close();
      this.segments[i] = replacement;
    }
  }

  /** Registers a callback run after each visible append; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notifyAppend(): void {
    for (const listener of [...this.listeners]) listener();
  }

  close(): void {
    if (this.fsync.kind !== "never") this.flush();
    for (const segment of this.segments) segment.close();
  }

  private checkWritable(): void {
    if (this.readOnly) throw new Error(`${this.dir} is open read-only: another process owns the store`);
  }

  private roll(): void {
    const sealed = this.active;
    const durable = this.fsync.kind !== "never";
    if (durable) sealed.sync();
    sealed.saveIndex(durable);
    this.segments.push(Segment.create(this.dir, sealed.nextOffset, this.config.indexIntervalBytes));
    if (durable) {
      syncDirectory(this.dir);
      this.dirty = false;
    }
  }

  private segmentFor(offset: number): Segment {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.segments[mid]!.baseOffset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo]!;
  }
}

/** The base offsets of a partition directory's segment files, in order; none when it does not exist. */
function segmentBases(dir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(LOG_SUFFIX))
    .map((name) => Number(name.slice(0, -LOG_SUFFIX.length)))
    .sort((a, b) => a - b);
}
