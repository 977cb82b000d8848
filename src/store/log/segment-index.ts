import { checksum } from "../checksum.ts";

const MAGIC = 0x48574958; // "HWIX"
const HEADER_BYTES = 40;
const ENTRY_BYTES = 24;

/**
 * The sparse offset index and time index of one segment, kept in memory and saved next to the
 * segment once it is sealed. An entry is added at most every `intervalBytes` of log, like Kafka's
 * `index.interval.bytes`; lookups land on an entry and scan forward from its file position.
 *
 * The time index stores, per entry, the largest timestamp of all records *before* the entry's record.
 * That running maximum never decreases, so "first offset with timestamp >= t" is a binary search for
 * the last entry whose running maximum is still below t, followed by a short scan — correct even when
 * timestamps arrive out of order.
 */
export class SegmentIndex {
  private offsets = new Float64Array(16);
  private positions = new Float64Array(16);
  private maxTimestampsBefore = new Float64Array(16);
  private count = 0;
  private lastIndexedPosition = Number.NEGATIVE_INFINITY;
  /** Largest timestamp in the segment; -Infinity when empty. */
  maxTimestamp = Number.NEGATIVE_INFINITY;
  /** Offset of the last record; -1 when empty. */
  lastOffset = -1;

  private readonly intervalBytes: number;

  constructor(intervalBytes: number) {
    this.intervalBytes = intervalBytes;
  }

  get entries(): number {
    return this.count;
  }

  /** Records one appended record, in log order. */
  observe(offset: number, position: number, timestamp: number): void {
    if (position - this.lastIndexedPosition >= this.intervalBytes) this.addEntry(offset, position);
    if (timestamp > this.maxTimestamp) this.maxTimestamp = timestamp;
    this.lastOffset = offset;
  }

  /** A file position at or before the first record with offset >= `offset`. */
  positionForOffset(offset: number): number {
    const i = this.lastEntryWhere(this.offsets, offset, true);
    return i < 0 ? 0 : this.positions[i]!;
  }

  /** A file position at or before the first record with timestamp >= `timestamp`. */
  positionForTimestamp(timestamp: number): number {
    const i = this.lastEntryWhere(this.maxTimestampsBefore, timestamp, false);
    return i < 0 ? 0 : this.positions[i]!;
  }

  serialize(coveredBytes: number): Buffer {
    const buf = Buffer.alloc(HEADER_BYTES + this.count * ENTRY_BYTES);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, this.count, true);
    view.setFloat64(8, coveredBytes, true);
    view.setFloat64(16, this.lastOffset, true);
    view.setFloat64(24, this.maxTimestamp, true);
    for (let i = 0; i < this.count; i++) {
      const at = HEADER_BYTES + i * ENTRY_BYTES;
      view.setFloat64(at, this.offsets[i]!, true);
      view.setFloat64(at + 8, this.positions[i]!, true);
      view.setFloat64(at + 16, this.maxTimestampsBefore[i]!, true);
    }
    view.setUint32(32, checksum(buf, 0, 32) ^ checksum(buf, HEADER_BYTES, buf.length), true);
    return buf;
  }

  /** Loads a saved index, or returns undefined when it is damaged or does not cover `coveredBytes`. */
  static deserialize(buf: Buffer, intervalBytes: number, coveredBytes: number): SegmentIndex | undefined {
    if (buf.length < HEADER_BYTES) return undefined;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const count = view.getUint32(4, true);
    if (view.getUint32(0, true) !== MAGIC || buf.length !== HEADER_BYTES + count * ENTRY_BYTES)
      return undefined;
    if (view.getFloat64(8, true) !== coveredBytes) return undefined;
    if (view.getUint32(32, true) !== (checksum(buf, 0, 32) ^ checksum(buf, HEADER_BYTES, buf.length)) >>> 0) {
      return undefined;
    }
    const index = new SegmentIndex(intervalBytes);
    index.lastOffset = view.getFloat64(16, true);
    index.maxTimestamp = view.getFloat64(24, true);
    for (let i = 0; i < count; i++) {
      const at = HEADER_BYTES + i * ENTRY_BYTES;
      index.addRaw(view.getFloat64(at, true), view.getFloat64(at + 8, true), view.getFloat64(at + 16, true));
    }
    return index;
  }

  private addEntry(offset: number, position: number): void {
    this.addRaw(offset, position, this.maxTimestamp);
  }

  private addRaw(offset: number, position: number, maxTimestampBefore: number): void {
    if (this.count === this.offsets.length) {
      this.offsets = grow(this.offsets);
      this.positions = grow(this.positions);
      this.maxTimestampsBefore = grow(this.maxTimestampsBefore);
    }
    this.offsets[this.count] = offset;
    this.positions[this.count] = position;
    this.maxTimestampsBefore[this.count] = maxTimestampBefore;
    this.count++;
    this.lastIndexedPosition = position;
  }

  /** Binary search: the last entry with column value <= target (inclusive) or < target (exclusive). */
  private lastEntryWhere(column: Float64Array, target: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = column[mid]!;
      if (inclusive ? value <= target : value < target) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
