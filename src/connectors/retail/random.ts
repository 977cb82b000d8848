/**
 * Seeded randomness for the retail generator. Every stream is a pure function of (seed, purpose, index),
 * so an entity's attributes can be recomputed anywhere (random access) and output is byte-identical
 * for the same seed and options.
 */

/** Mixes three 32-bit integers into one well-spread 32-bit state (murmur3's finalizer). */
export function mix32(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x27d4eb2f) ^ Math.imul(c + 0x165667b1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A splitmix32 stream: fast, 32-bit state, good enough statistical quality for synthetic data. */
export class Rng {
  private state: number;

  constructor(state: number) {
    this.state = state | 0;
  }

  /** The stream for one entity or one sequential purpose. */
  static of(seed: number, purpose: number, index: number): Rng {
    return new Rng(mix32(seed, purpose, index));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [low, high], both inclusive. */
  between(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  /** An index drawn with the given cumulative weights (last entry = total). */
  weighted(cumulative: readonly number[]): number {
    const target = this.next() * cumulative[cumulative.length - 1]!;
    let i = 0;
    while (cumulative[i]! <= target) i++;
    return i;
  }

  /** Pareto(xm = 1, alpha): the heavy tail behind customer spend. */
  pareto(alpha: number): number {
    return (1 - this.next()) ** (-1 / alpha);
  }

  /** Roughly normal (Irwin–Hall of 4), cheap and bounded to mean ± 2·sqrt(3)·sd. */
  normal(mean: number, sd: number): number {
    const sum = this.next() + this.next() + this.next() + this.next();
    return mean + (sum - 2) * sd * Math.sqrt(3);
  }
}

/** Turns weights into the cumulative form `Rng.weighted` expects. */
export function cumulative(weights: readonly number[]): number[] {
  let total = 0;
  return weights.map((w) => (total += w));
}

/** Walker's alias table: O(1) draws from a large discrete distribution (customers, products). */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let smallCount = 0;
    let largeCount = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[smallCount++] = i;
      else large[largeCount++] = i;
    }
    while (smallCount > 0 && largeCount > 0) {
      const s = small[--smallCount]!;
      const l = large[--largeCount]!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small[smallCount++] = l;
      else large[largeCount++] = l;
    }
    while (largeCount > 0) this.probability[large[--largeCount]!] = 1;
    while (smallCount > 0) this.probability[small[--smallCount]!] = 1;
  }

  draw(rng: Rng): number {
    const column = rng.int(this.probability.length);
    return rng.next() < this.probability[column]! ? column : this.alias[column]!;
  }
}
