/**
 * java.util.Random's 48-bit linear congruential generator, so that RAND(seed) and
 * RAND_INTEGER(seed, n) give Flink's sequences: Flink creates one `new Random(seed)` per call site
 * and draws from it row after row.
 */
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

export class JavaRandom {
  private seed: bigint;

  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }

  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + (this.next(27) >>> 0)) * 2 ** -53;
  }

  /** Java's nextInt(bound): uniform in [0, bound) without modulo bias. */
  nextInt(bound: number): number {
    if (bound <= 0) throw new RangeError("bound must be positive");
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    // Java rejects draws whose int arithmetic `u - r + m` overflows; here that is "exceeds 2^31 - 1".
    let u = r;
    r = u % bound;
    while (u - r + m > 2147483647) {
      u = this.next(31);
      r = u % bound;
    }
    return r;
  }
}
