import { fnv1a } from "../../common/string-hash.ts";

/** Bits per key: with SPILL_HASHES probes, about 1 % of absent keys pass the filter. */
const BITS_PER_KEY = 10;
const SPILL_HASHES = 7;

/**
 * A Bloom filter over string keys: `mightContain` is false only for keys never added, so a caller
 * skips a disk read for them; true may be wrong (about 1 % of absent keys at the capacity it was
 * sized for), and then the read finds nothing. Keys cannot be removed: a removed key keeps passing
 * until the owner rebuilds the filter from the keys it still holds.
 */
export class KeyFilter {
  /** Keys it was sized for: beyond them, false positives grow and the owner should rebuild it. */
  readonly capacity: number;
  private readonly bits: Uint32Array;
  private readonly bitCount: number;
  private added = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(1024, Math.ceil(capacity));
    this.bitCount = this.capacity * BITS_PER_KEY;
    this.bits = new Uint32Array(Math.ceil(this.bitCount / 32));
  }

  /** Keys added since it was built (a key added twice counts twice). */
  get count(): number {
    return this.added;
  }

  /** Whether more keys were added than it was sized for. */
  get full(): boolean {
    return this.added > this.capacity;
  }

  add(key: string): void {
    this.added++;
    const h1 = fnv1a(key);
    const h2 = secondHash(h1, key.length);
    for (let i = 0; i < SPILL_HASHES; i++) {
      const bit = (h1 + i * h2) % this.bitCount;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  mightContain(key: string): boolean {
    const h1 = fnv1a(key);
    const h2 = secondHash(h1, key.length);
    for (let i = 0; i < SPILL_HASHES; i++) {
      const bit = (h1 + i * h2) % this.bitCount;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/**
 * The step of the probe sequence (double hashing), derived from the first hash by a
 * finalizer's mixing so it is independent enough; odd, so it never collapses to one bit.
 */
function secondHash(h1: number, length: number): number {
  let h = Math.imul(h1 ^ (h1 >>> 16) ^ length, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) | 1) >>> 0;
}
