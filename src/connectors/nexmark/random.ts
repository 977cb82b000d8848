/**
 * A small seeded random stream, restartable per event.
 *
 * Nexmark events must be reproducible one by one: event N has to come out the same whether it is
 * generated first, millionth, or by the third of eight parallel readers. So the stream is restarted
 * for every event from a hash of (seed, event id) instead of being carried from event to event.
 * Everything is 32-bit integer arithmetic (`Math.imul`, `>>>`) so no BigInt and no allocation.
 */

const TWO_POW_32 = 4294967296;

/** A 32-bit integer finaliser (xor-shift / multiply rounds); spreads nearby inputs far apart. */
export function hash32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes a non-negative safe integer (up to 2^53) together with a 32-bit salt. */
function hashSafeInteger(value: number, salt: number): number {
  const low = value >>> 0;
  const high = Math.floor(value / TWO_POW_32) >>> 0;
  return hash32(low ^ hash32(high ^ hash32(salt)));
}

export class SeededRandom {
  private state = 0;
  private readonly seedHash: number;

  /**
   * `purpose` separates independent streams under one seed (per-event draws vs. the lookup tables
   * built once per seed), so they never replay each other's numbers.
   */
  constructor(seed: number, purpose: number) {
    this.seedHash = hashSafeInteger(seed, purpose);
  }

  /** Restarts the stream: every draw after this depends only on (seed, purpose, key). */
  reset(key: number): void {
    this.state = hashSafeInteger(key, this.seedHash);
  }

  /** A uniform 32-bit unsigned integer: a Weyl counter passed through a hash (splitmix-style). */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  }

  /** A signed 32-bit integer, like Java's `Random.nextInt()`. */
  nextInt32(): number {
    return this.nextUint32() | 0;
  }

  /**
   * A uniform integer in [0, bound), bound ≥ 1. Multiply-and-shift rather than modulo: one draw, and
   * the bias (bound / 2^32) is far below anything the generator's statistics can see.
   */
  below(bound: number): number {
    if (bound <= TWO_POW_32) return Math.floor((this.nextUint32() * bound) / TWO_POW_32);
    return Math.floor(this.nextDouble53() * bound);
  }

  /** A uniform double in [0, 1) with 32 random bits: enough resolution for prices and choices. */
  nextDouble(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  private nextDouble53(): number {
    return ((this.nextUint32() >>> 5) * 67108864 + (this.nextUint32() >>> 6)) / 9007199254740992;
  }
}
