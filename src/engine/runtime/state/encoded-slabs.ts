/**
 * Bytes of the largest slab. Handles address entries in 8-byte units within a slab, so 4 MiB takes 19
 * bits and leaves 12 for the slab's number: 4,096 slabs (16 GiB) per state, handles within V8's small
 * integers (31 bits), which a Map stores without an object per value.
 */
const SLAB_BYTES = 4 * 2 ** 20;
/** A state's first slab; each next one is twice the size, up to SLAB_BYTES (small states stay small). */
const FIRST_SLAB_BYTES = 64 * 1024;
const UNIT_SHIFT = 3;
const OFFSET_BITS = 19;
const OFFSET_MASK = (1 << OFFSET_BITS) - 1;
const MAX_SLABS = 2 ** (31 - OFFSET_BITS);
/** An entry's header: its length, with the top bit set once it is released. */
const HEADER_BYTES = 4;
const RELEASED = 0x8000_0000;
/**
 * A slab is compacted once less than this share of its bytes belong to live entries: its live entries
 * move to the slab being filled and it is freed. Half keeps the slabs at most about twice the live
 * bytes, and a compaction copies at most as many bytes as were released from the slab.
 */
const COMPACT_BELOW = 0.5;

/** Where an entry moved when its slab was compacted: the caller updates its index. */
export type EntryMoved = (entry: Uint8Array, handle: number) => void;

/**
 * Encoded entries kept outside V8's heap: appended to large Buffers (slabs, whose bytes the garbage
 * collector neither copies nor scans) and addressed by a handle that is a small integer. A state's
 * encoded tier keeps a Map from key to handle, so the collector sees one Map entry and one key per
 * entry, not a string per value as well, and the values' bytes leave the heap.
 *
 * Released entries leave holes; a slab whose live share falls below COMPACT_BELOW has its live
 * entries copied to the slab being filled (the owner learns their new handles) and is dropped, so
 * the slabs hold at most about twice the live bytes. `allocatedBytes` is what they take.
 */
export class EncodedSlabs {
  private readonly slabs: (Buffer | undefined)[] = [];
  private allocated = 0;
  private nextSize = FIRST_SLAB_BYTES;
  private readonly liveBytes: number[] = [];
  /** Where each slab's written bytes end (the slab being filled: `position`). */
  private readonly filled: number[] = [];
  private readonly free: number[] = [];
  private current = -1;
  /** Where the next entry goes in the slab being filled (past its end when there is none). */
  private position = Number.POSITIVE_INFINITY;
  private readonly onMoved: EntryMoved;
  private compacting = false;

  constructor(onMoved: EntryMoved) {
    this.onMoved = onMoved;
  }

  /** Bytes of the slabs allocated now. */
  get allocatedBytes(): number {
    return this.allocated;
  }

  /** Whether an entry of `length` bytes fits a slab (a larger one must be kept elsewhere). */
  static fits(length: number): boolean {
    return footprint(length) <= SLAB_BYTES;
  }

  /** Copies `entry` into a slab and returns its handle. Entries that do not `fit` are refused. */
  store(entry: Uint8Array): number {
    const size = footprint(entry.length);
    if (size > SLAB_BYTES) throw new RangeError(`an encoded entry of ${entry.length} bytes exceeds a slab`);
    let slab = this.current < 0 ? undefined : this.slabs[this.current];
    if (slab === undefined || this.position + size > slab.length) slab = this.nextSlab(size);
    slab.writeUInt32LE(entry.length, this.position);
    slab.set(entry, this.position + HEADER_BYTES);
    const handle = (this.current << OFFSET_BITS) | (this.position >>> UNIT_SHIFT);
    this.position += size;
    this.liveBytes[this.current]! += size;
    return handle;
  }

  /** The entry's bytes: a view valid until the entry is released or another is stored. */
  bytes(handle: number): Buffer {
    const slab = this.slabs[handle >>> OFFSET_BITS]!;
    const offset = (handle & OFFSET_MASK) << UNIT_SHIFT;
    const length = slab.readUInt32LE(offset);
    return slab.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
  }

  /** The entry is no longer needed; its slab may be compacted (moving other entries: see EntryMoved). */
  release(handle: number): void {
    const index = handle >>> OFFSET_BITS;
    const slab = this.slabs[index]!;
    const offset = (handle & OFFSET_MASK) << UNIT_SHIFT;
    const length = slab.readUInt32LE(offset);
    slab.writeUInt32LE((length | RELEASED) >>> 0, offset);
    const live = this.liveBytes[index]! - footprint(length);
    this.liveBytes[index] = live;
    if (index === this.current) {
      // Nothing left in the slab being filled: fill it again from its start.
      if (live === 0) this.position = 0;
      return;
    }
    if (live === 0) this.drop(index);
    else if (live < slab.length * COMPACT_BELOW && !this.compacting) this.compact(index);
  }

  /** Drops every entry and slab. */
  clear(): void {
    this.slabs.length = 0;
    this.liveBytes.length = 0;
    this.filled.length = 0;
    this.free.length = 0;
    this.current = -1;
    this.position = Number.POSITIVE_INFINITY;
    this.allocated = 0;
    this.nextSize = FIRST_SLAB_BYTES;
  }

  private nextSlab(size: number): Buffer {
    const index = this.free.pop() ?? this.slabs.length;
    if (index >= MAX_SLABS) throw new RangeError(`encoded state beyond ${MAX_SLABS} slabs`);
    if (this.current >= 0) this.filled[this.current] = this.position;
    const bytes = Math.max(this.nextSize, size);
    this.nextSize = Math.min(SLAB_BYTES, this.nextSize * 2);
    const slab = Buffer.allocUnsafeSlow(bytes);
    this.slabs[index] = slab;
    this.allocated += bytes;
    this.liveBytes[index] = 0;
    this.current = index;
    this.position = 0;
    return slab;
  }

  private drop(index: number): void {
    this.allocated -= this.slabs[index]!.length;
    this.slabs[index] = undefined;
    this.liveBytes[index] = 0;
    this.free.push(index);
  }

  /** Moves the slab's live entries to the slab being filled, then drops it. */
  private compact(index: number): void {
    const slab = this.slabs[index]!;
    this.compacting = true;
    const end = this.filled[index]!;
    for (let offset = 0; offset < end; ) {
      const header = slab.readUInt32LE(offset);
      const length = (header & ~RELEASED) >>> 0;
      if ((header & RELEASED) === 0) {
        const entry = slab.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length);
        this.onMoved(entry, this.store(entry));
      }
      offset += footprint(length);
    }
    this.compacting = false;
    this.drop(index);
  }
}

/** An entry's bytes in a slab: its header and bytes, rounded up to the 8-byte unit handles address. */
function footprint(length: number): number {
  return (HEADER_BYTES + length + 7) & ~7;
}
