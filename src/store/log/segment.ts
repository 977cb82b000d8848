import * as fs from "node:fs";
import * as path from "node:path";
import { readAt, writeFileAtomic } from "../fs-util.ts";
import { frameLength, frameOffset, frameTimestamp, viewOf } from "./record-codec.ts";
import { SegmentIndex } from "./segment-index.ts";
import { scanFrames } from "./segment-scan.ts";

export const LOG_SUFFIX = ".log";
export const INDEX_SUFFIX = ".idx";

export function segmentFileName(baseOffset: number, suffix: string): string {
  return String(baseOffset).padStart(20, "0") + suffix;
}

/**
 * One append-only file of a partition, holding records from `baseOffset` on, with its sparse offset
 * and time index. Only the last segment of a partition (the active one) is ever appended to.
 */
export class Segment {
  readonly baseOffset: number;
  readonly logPath: string;
  readonly indexPath: string;
  private fd: number;
  private readonly intervalBytes: number;
  size: number;
  index: SegmentIndex;

  private constructor(dir: string, baseOffset: number, fd: number, size: number, intervalBytes: number) {
    this.baseOffset = baseOffset;
    this.logPath = path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX));
    this.indexPath = path.join(dir, segmentFileName(baseOffset, INDEX_SUFFIX));
    this.fd = fd;
    this.size = size;
    this.intervalBytes = intervalBytes;
    this.index = new SegmentIndex(intervalBytes);
  }

  static create(dir: string, baseOffset: number, intervalBytes: number): Segment {
    const fd = fs.openSync(path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX)), "w+");
    return new Segment(dir, baseOffset, fd, 0, intervalBytes);
  }

  /**
   * Opens an existing segment. A sealed segment uses its saved index when that covers the whole file
   * and is intact. Otherwise (and always for the active segment) every frame is checked, a torn or
   * corrupt tail is cut off, and the index is rebuilt — and saved again for a sealed segment.
   */
  static open(dir: string, baseOffset: number, intervalBytes: number, sealed: boolean): Segment {
    const fd = fs.openSync(path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX)), "r+");
    const segment = new Segment(dir, baseOffset, fd, fs.fstatSync(fd).size, intervalBytes);
    const saved = sealed ? segment.loadSavedIndex() : undefined;
    if (saved !== undefined) {
      segment.index = saved;
      return segment;
    }
    segment.recover();
    if (sealed) segment.saveIndex(false);
    return segment;
  }

  /**
   * Opens a segment another process may be appending to, without writing anything: only the
   * complete, intact frames found by `catchUp` are read, and a torn tail is left alone (it is the
   * owner's append in progress, or its recovery's to cut).
   */
  static openReadOnly(dir: string, baseOffset: number, intervalBytes: number): Segment {
    const fd = fs.openSync(path.join(dir, segmentFileName(baseOffset, LOG_SUFFIX)), "r");
    return new Segment(dir, baseOffset, fd, 0, intervalBytes);
  }

  /** The file's size on disk now (a read-only segment's `size` is where its intact frames end). */
  fileSize(): number {
    return fs.fstatSync(this.fd).size;
  }

  /**
   * Read-only: takes in the intact frames up to `fileEnd` whose offsets are below `stableEnd` (the
   * first offset of an uncommitted transaction), checking every checksum, so `size` only ever covers
   * frames that are complete and committed. A file shorter than what was taken in was cut by its
   * owner (a transaction rolled back at its open): it is read again from the start.
   */
  catchUp(fileEnd: number, stableEnd: number): void {
    if (fileEnd < this.size) {
      this.size = 0;
      this.index = new SegmentIndex(this.intervalBytes);
    }
    let previous = this.index.lastOffset >= 0 ? this.index.lastOffset : this.baseOffset - 1;
    this.size = scanFrames(this.fd, this.size, fileEnd, true, (_bytes, view, pos, filePos) => {
      const offset = frameOffset(view, pos);
      if (!(offset > previous) || !Number.isSafeInteger(offset) || offset >= stableEnd) return false;
      previous = offset;
      this.index.observe(offset, filePos, frameTimestamp(view, pos));
      return true;
    });
  }

  /** Read-only: forgets the frames from `offset` on, keeping the ones before as they were taken in. */
  forgetFrom(offset: number): void {
    if (this.nextOffset <= offset) return;
    const end = this.positionOfOffset(offset);
    this.size = 0;
    this.index = new SegmentIndex(this.intervalBytes);
    this.catchUp(end, offset);
  }

  get isOpen(): boolean {
    return this.fd >= 0;
  }

  /** The offset the next appended record gets. */
  get nextOffset(): number {
    return this.index.lastOffset >= 0 ? this.index.lastOffset + 1 : this.baseOffset;
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Appends encoded frames with one write call. */
  append(frames: Buffer): void {
    let written = 0;
    while (written < frames.length) {
      written += fs.writeSync(this.fd, frames, written, frames.length - written, this.size + written);
    }
    const view = viewOf(frames);
    for (let pos = 0; pos < frames.length; pos += frameLength(view, pos)) {
      this.index.observe(frameOffset(view, pos), this.size + pos, frameTimestamp(view, pos));
    }
    this.size += frames.length;
  }

  read(position: number, length: number): Buffer {
    return readAt(this.fd, position, Math.min(length, this.size - position));
  }

  /** File position of the first record with offset >= `offset` (`size` if none). */
  positionOfOffset(offset: number): number {
    let found = this.size;
    scanFrames(this.fd, this.index.positionForOffset(offset), this.size, false, (_b, view, pos, filePos) => {
      if (frameOffset(view, pos) < offset) return true;
      found = filePos;
      return false;
    });
    return found;
  }

  /** Offset of the first record with timestamp >= `timestamp`, or undefined if there is none. */
  offsetOfTimestamp(timestamp: number): number | undefined {
    if (this.index.maxTimestamp < timestamp) return undefined;
    let found: number | undefined;
    scanFrames(this.fd, this.index.positionForTimestamp(timestamp), this.size, false, (_b, view, pos) => {
      if (frameTimestamp(view, pos) < timestamp) return true;
      found = frameOffset(view, pos);
      return false;
    });
    return found;
  }

  /** Visits every frame (checksums verified); used by compaction and the key map. */
  forEachFrame(visit: (bytes: Buffer, view: DataView, pos: number) => void): void {
    scanFrames(this.fd, 0, this.size, true, (bytes, view, pos) => {
      visit(bytes, view, pos);
      return true;
    });
  }

  /** Cuts the segment just before the first record with offset >= `offset`. */
  truncateFromOffset(offset: number): void {
    const position = this.positionOfOffset(offset);
    if (position < this.size) this.truncateAtPosition(position);
  }

  /** Cuts the file at `position` (a frame boundary, or the end of the last acknowledged append). */
  truncateAtPosition(position: number): void {
    fs.ftruncateSync(this.fd, position);
    this.size = position;
    this.recover();
  }

  sync(): void {
    fs.fdatasyncSync(this.fd);
  }

  saveIndex(sync: boolean): void {
    writeFileAtomic(this.indexPath, this.index.serialize(this.size), sync);
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes and deletes the segment's files. */
  remove(): void {
    this.close();
    fs.rmSync(this.logPath, { force: true });
    fs.rmSync(this.indexPath, { force: true });
  }

  private loadSavedIndex(): SegmentIndex | undefined {
    if (!fs.existsSync(this.indexPath)) return undefined;
    return SegmentIndex.deserialize(fs.readFileSync(this.indexPath), this.intervalBytes, this.size);
  }

  /** Rebuilds the index by checking every frame, and cuts off whatever follows the last good one. */
  private recover(): void {
    const index = new SegmentIndex(this.intervalBytes);
    let previous = this.baseOffset - 1;
    const validEnd = scanFrames(this.fd, 0, this.size, true, (_bytes, view, pos, filePos) => {
      const offset = frameOffset(view, pos);
      if (!(offset > previous) || !Number.isSafeInteger(offset)) return false;
      previous = offset;
      index.observe(offset, filePos, frameTimestamp(view, pos));
      return true;
    });
    if (validEnd < this.size) {
      fs.ftruncateSync(this.fd, validEnd);
      this.size = validEnd;
    }
    this.index = index;
  }
}
