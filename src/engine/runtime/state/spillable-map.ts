import type { SqlValue } from "../../../common/value.ts";
import { decodeRow, encodeRow } from "../../../store/index.ts";
import { decodeRowLatin1, encodeRowLatin1 } from "../../../store/row-codec.ts";
import type { SpillFile } from "../../../store/spill/spill-file.ts";
import type { EncodedTierBudget, EncodedTierMember } from "./encoded-tier-budget.ts";
import { KeyedStateView } from "./keyed-state-view.ts";
import { OldestFirst } from "./oldest-first.ts";
import type { StateSpill } from "./state-spill.ts";

/** How a state value becomes bytes on disk and back (the checkpoint's encoding of it). */
export interface StateCodec<V> {
  encode(value: V): SqlValue;
  decode(saved: SqlValue): V;
}

/** A state that is a SQL value already (a row, a list of rows): stored as it is. */
export function sqlValueCodec<V extends SqlValue>(): StateCodec<V> {
  return { encode: (value) => value, decode: (saved) => saved as V };
}

/** Bytes of a Map entry beside its key and value (the entry, the key string's header). */
const ENTRY_OVERHEAD = 80;
/**
 * Bytes of an encoded-tier entry beside its value's characters and its key's: the Map entry, the key
 * string's header and the value string's header (measured: a Map of 1M 9-character keys to latin1
 * strings of 150 characters holds 229 bytes per entry on V8's heap).
 */
const ENCODED_ENTRY_OVERHEAD = 64;
/**
 * How often a write measures an entry's size for the average: every 256 writes for entries up to
 * 1 KiB, less often for larger ones, so measuring costs about the same per write whatever the size.
 */
const SAMPLE_EVERY = 256;
/** Entries evicted at once, as a share of the capacity: the next eviction is that many writes away. */
const EVICT_SHARE = 1 / 32;
/** Entries always kept in memory: the ones an operator is working on are never spilled under it. */
const MIN_IN_MEMORY = 64;
/**
 * The most an entry counts against the budget. A state of few large values (a join key holding
 * thousands of rows, as items by product) is hot on every key: spilling whole values would read and
 * rewrite a large value per row. Such a state keeps budget / 4 KiB entries in memory, beyond its
 * budget, instead of thrashing.
 */
const MAX_COUNTED_BYTES = 4096;

/** A key of keyed state: an encoded key, or a primitive SQL value (join keys of one column). */
export type SpillKey = string | number | bigint | boolean | null;

/**
 * An operator's keyed state (encoded key → value) within a memory budget, in three tiers. Without a
 * spill it is a plain Map of live values. With one, the entries used least recently leave the live
 * tier once its entries are estimated to take more than the budget (the average of sampled encoded
 * sizes): they are encoded and kept in memory as bytes — a latin1 string per entry, 5–8× smaller than
 * the live arrays, strings and numbers of a row — in the encoded tier, within a budget every state of
 * the engine shares (`EncodedTierBudget`, counted exactly); a state that finds it exceeded moves its
 * own oldest encoded entries to a spill file on disk. A read of an encoded or spilled entry decodes it back into the live tier. An
 * entry lives in exactly one tier; values are mutable objects, so an entry is encoded when it leaves
 * the live tier, never before. Eviction happens when an entry is added or loaded: the entry just
 * touched is the most recent one, so a value an operator holds while it processes a row stays live.
 *
 * Why latin1 strings (measured, 1M entries of 150 bytes): 168 bytes of heap per value, against 409
 * for a Buffer per value (its object, plus a slice of Node's pool off the heap) — a string is one
 * object with a 16-byte header, which V8's collector marks without looking inside. Slabs (offsets
 * into large ArrayBuffers) would save those 16 bytes more but need compaction of their holes.
 *
 * For incremental checkpoints it remembers, once a checkpoint has written it, which keys were
 * touched since (`changesSinceCheckpoint`): the next checkpoint writes only those entries, read
 * where they are (`peekEncoded`) through its `checkpointView()`.
 */
export class SpillableMap<K extends SpillKey, V> implements EncodedTierMember {
  private readonly memory = new Map<K, V>();
  /** The encoded tier: each entry as the spill file holds it (`encodeRow([key, encoded value])`), as latin1. */
  private readonly encoded = new Map<K, string>();
  private readonly liveOldestFirst = new OldestFirst(this.memory);
  private readonly encodedOldestFirst = new OldestFirst(this.encoded);
  private encodedBytes = 0;
  private readonly codec: StateCodec<V>;
  private readonly budget: number;
  private readonly encodedTier: EncodedTierBudget | undefined;
  private readonly spill: StateSpill | undefined;
  private file: SpillFile | undefined;
  private averageBytes = 0;
  private writes = 0;
  private reads = 0;
  private sampleEvery = SAMPLE_EVERY;
  private capacity = Number.POSITIVE_INFINITY;
  /** The last key `get` found nowhere: setting it next needs no delete on disk. */
  private missed: K | undefined;
  /**
   * Keys read or written since the last checkpoint wrote this state (see `changesSinceCheckpoint`);
   * undefined until a checkpoint first writes it, and after `clear`: the next one writes it whole.
   */
  private changed: Set<K> | undefined;
  /** Counts every access: a checkpoint view read after the state moved on is refused. */
  private accesses = 0;
  /** Entries read back from the encoded tier or the disk since the shared tier last made room. */
  readBacks = 0;

  constructor(codec: StateCodec<V>, spill: StateSpill | undefined) {
    this.codec = codec;
    this.spill = spill;
    this.budget = spill?.budgetBytes ?? Number.POSITIVE_INFINITY;
    this.encodedTier = spill?.encodedTier;
  }

  get size(): number {
    return this.memory.size + this.encoded.size + (this.file?.size ?? 0);
  }

  /** Where the key's entry is now (tests and state reports); undefined when it has none. */
  tierOf(key: K): "live" | "encoded" | "disk" | undefined {
    if (this.memory.has(key)) return "live";
    if (this.encoded.has(key)) return "encoded";
    return this.file?.get(diskKey(key)) !== undefined ? "disk" : undefined;
  }

  /** Entries in the encoded tier now. */
  get encodedCount(): number {
    return this.encoded.size;
  }

  /** Bytes this state's encoded entries are counted at now (against the shared budget). */
  get encodedSize(): number {
    return this.encodedBytes;
  }

  /** Entries on disk now. */
  get spilled(): number {
    return this.file?.size ?? 0;
  }

  /** Bytes of the entries on disk now, each its key and encoded value in one row. */
  get spilledBytes(): number {
    return this.file?.bytes ?? 0;
  }

  get(key: K): V | undefined {
    const value = this.read(key);
    // Values are mutable objects an operator changes after reading them: a read counts as a change.
    if (value !== undefined && this.changed !== undefined) this.changed.add(key);
    return value;
  }

  /**
   * A read that does not count as a change: for callers that never change a value in place without
   * `set`ting it again (record-grain join state, whose reads of a join key's records for a match
   * would otherwise put every record the match read into the next checkpoint).
   */
  read(key: K): V | undefined {
    this.accesses++;
    const value = this.memory.get(key);
    if (value !== undefined) {
      if (this.spill !== undefined) this.used(key, value);
      return value;
    }
    const saved = this.takeBelow(key);
    if (saved === undefined) {
      this.missed = key;
      return undefined;
    }
    const loaded = this.codec.decode(saved);
    this.memory.set(key, loaded);
    this.evict();
    return loaded;
  }

  set(key: K, value: V): void {
    this.accesses++;
    if (this.changed !== undefined) this.changed.add(key);
    if (this.hasBelow() && !this.memory.delete(key) && key !== this.missed) this.deleteBelow(key);
    this.missed = undefined;
    this.memory.set(key, value);
    if (this.spill === undefined) return;
    if (this.writes++ % this.sampleEvery === 0) this.measure(key, value);
    this.evict();
  }

  /** Removes the entry and returns its value, from memory or disk, without making room for it in memory. */
  take(key: K): V | undefined {
    this.accesses++;
    if (this.changed !== undefined) this.changed.add(key);
    const value = this.memory.get(key);
    if (value !== undefined) {
      this.memory.delete(key);
      return value;
    }
    const saved = this.takeBelow(key);
    return saved === undefined ? undefined : this.codec.decode(saved);
  }

  delete(key: K): void {
    this.accesses++;
    if (this.changed !== undefined) this.changed.add(key);
    if (!this.memory.delete(key)) this.deleteBelow(key);
  }

  clear(): void {
    this.accesses++;
    this.changed = undefined;
    this.memory.clear();
    this.encoded.clear();
    if (this.encodedBytes !== 0) this.countEncoded(-this.encodedBytes);
    this.file?.clear();
  }

  /** Every entry: the live ones, then the encoded ones and those on disk (decoded one at a time). */
  *entries(): IterableIterator<[K, V]> {
    yield* this.memory;
    for (const [key, text] of this.encoded) yield [key, this.codec.decode(decodeLatin1(text))];
    if (this.file === undefined) return;
    for (const bytes of this.file.values()) {
      const [key, value] = decodeRow(bytes);
      yield [key as K, this.codec.decode(value!)];
    }
  }

  /** Every entry as checkpoints hold it — key and encoded value — without decoding spilled values. */
  *encodedEntries(): IterableIterator<[K, SqlValue]> {
    for (const [key, value] of this.memory) yield [key, this.codec.encode(value)];
    for (const [key, text] of this.encoded) yield [key, decodeLatin1(text)];
    if (this.file === undefined) return;
    for (const bytes of this.file.values()) {
      const [key, value] = decodeRow(bytes);
      yield [key as K, value!];
    }
  }

  /**
   * About `count` of the entries in memory (live and encoded tiers), evenly spread, as checkpoints
   * hold them: only those are encoded or decoded, and the disk is not read (state reports).
   */
  *encodedSampleInMemory(count: number): IterableIterator<[K, SqlValue]> {
    const every = Math.max(1, Math.floor((this.memory.size + this.encoded.size) / count));
    let i = 0;
    for (const [key, value] of this.memory) if (i++ % every === 0) yield [key, this.codec.encode(value)];
    for (const [key, text] of this.encoded) if (i++ % every === 0) yield [key, decodeLatin1(text)];
  }

  /**
   * An entry's encoded value, from any tier, leaving it where it is (a checkpoint reads without
   * disturbing the order of eviction); undefined when the key has no entry.
   */
  peekEncoded(key: K): SqlValue | undefined {
    const value = this.memory.get(key);
    if (value !== undefined) return this.codec.encode(value);
    const text = this.encoded.get(key);
    if (text !== undefined) return decodeLatin1(text);
    const bytes = this.file !== undefined && this.file.size > 0 ? this.file.get(diskKey(key)) : undefined;
    return bytes === undefined ? undefined : decodeRow(bytes)[1]!;
  }

  /** The state as a snapshot holds it (see KeyedStateView): read when written, not copied now. */
  checkpointView(): KeyedStateView {
    return new KeyedStateView(this as SpillableMap<SpillKey, unknown>);
  }

  /** A number that changes with every access (a view taken before it is stale after). */
  get version(): number {
    return this.accesses;
  }

  /**
   * The keys read or written since the last `checkpointed()`, or undefined when this state must be
   * written whole (never checkpointed, or cleared since: a restore).
   */
  changesSinceCheckpoint(): ReadonlySet<K> | undefined {
    return this.changed;
  }

  /** A checkpoint wrote this state: from now on it tracks the keys it touches for the next one. */
  checkpointed(): void {
    this.changed = new Set();
  }

  /** Live entries only (background sweeps that should neither decode nor read the disk). */
  inMemory(): IterableIterator<[K, V]> {
    return this.memory.entries();
  }

  /**
   * A value in memory was read: it becomes the most recently used (eviction takes from the front).
   * Operators grow values in place after reading them (a partition's Top-N buffer), so reads are
   * sampled for the size too, and a larger estimate can evict at once.
   */
  private used(key: K, value: V): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.reads++ % this.sampleEvery !== 0) return;
    this.measure(key, value);
    this.evict();
  }

  private measure(key: K, value: V): void {
    const bytes = encodeRow([key, this.codec.encode(value)]).length + ENTRY_OVERHEAD;
    this.averageBytes = this.averageBytes === 0 ? bytes : 0.9 * this.averageBytes + 0.1 * bytes;
    this.sampleEvery = SAMPLE_EVERY * Math.max(1, Math.round(this.averageBytes / 1024));
    const counted = Math.min(this.averageBytes, MAX_COUNTED_BYTES);
    this.capacity = Math.max(MIN_IN_MEMORY, Math.floor(this.budget / counted));
  }

  private evict(): void {
    if (this.memory.size <= this.capacity) return;
    // Below the capacity by a batch: the next eviction is that many writes away. Never the entry
    // just touched: it is the last one, and a batch is at most a thirty-second of the entries.
    const keep = this.capacity - Math.floor(this.capacity * EVICT_SHARE);
    while (this.memory.size > keep) {
      const [key, value] = this.liveOldestFirst.next()!;
      this.memory.delete(key);
      // The key goes with the value: a primitive key comes back with its type.
      const entry = [key, this.codec.encode(value)];
      if (this.encodedTier !== undefined) {
        const text = encodeRowLatin1(entry);
        this.encoded.set(key, text);
        this.countEncoded(encodedEntryBytes(key, text));
      } else this.toDisk(key, encodeRow(entry));
    }
    if (this.encodedTier?.exceeded) this.encodedTier.makeRoom();
  }

  /** The shared tier chose this state to make room: its oldest encoded entries go to disk. */
  spillOldest(keep: number): void {
    const tier = this.encodedTier!;
    while (tier.usedBytes > keep && this.encoded.size > 0) {
      const [key, text] = this.encodedOldestFirst.next()!;
      this.encoded.delete(key);
      this.countEncoded(-encodedEntryBytes(key, text));
      this.toDisk(key, Buffer.from(text, "latin1"));
    }
  }

  endRound(): void {
    this.readBacks = 0;
  }

  private countEncoded(bytes: number): void {
    const before = this.encodedBytes;
    this.encodedBytes += bytes;
    this.spill!.countEncoded(bytes);
    if (before === 0 || this.encodedBytes === 0) this.spill!.inEncodedTier(this, this.encodedBytes !== 0);
  }

  private toDisk(key: K, bytes: Uint8Array): void {
    this.file ??= this.spill!.file();
    this.file.add(diskKey(key), bytes);
  }

  /** Whether any entry is encoded or on disk (else a key not live has no entry). */
  private hasBelow(): boolean {
    return this.encoded.size > 0 || (this.file !== undefined && this.file.size > 0);
  }

  /**
   * Removes the key's entry from the encoded tier or the disk and returns its value as the codec
   * encoded it; undefined when absent.
   */
  private takeBelow(key: K): SqlValue | undefined {
    const text = this.encoded.get(key);
    if (text !== undefined) {
      this.readBacks++;
      this.encoded.delete(key);
      this.countEncoded(-encodedEntryBytes(key, text));
      return decodeLatin1(text);
    }
    if (this.file === undefined || this.file.size === 0) return undefined;
    const bytes = this.file.take(diskKey(key));
    if (bytes === undefined) return undefined;
    this.readBacks++;
    return decodeRow(bytes)[1]!;
  }

  private deleteBelow(key: K): void {
    const text = this.encoded.get(key);
    if (text !== undefined) {
      this.encoded.delete(key);
      this.countEncoded(-encodedEntryBytes(key, text));
    } else this.file?.delete(diskKey(key));
  }
}

/** What an encoded-tier entry is counted at: its characters (one byte each), its key's, the overhead. */
function encodedEntryBytes(key: SpillKey, text: string): number {
  return text.length + (typeof key === "string" ? key.length : 8) + ENCODED_ENTRY_OVERHEAD;
}

/** An encoded-tier entry's value in its checkpoint encoding. */
function decodeLatin1(text: string): SqlValue {
  return decodeRowLatin1(text)[1]!;
}

/** The spill file's text key: encoded keys as they are, a primitive tagged with its type. */
function diskKey(key: SpillKey): string {
  return typeof key === "string" ? key : `\u0000${typeof key}:${String(key)}`;
}
