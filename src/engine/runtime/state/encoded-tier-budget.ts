import { getHeapStatistics } from "node:v8";

/** A keyed state with entries in the encoded tier (see SpillableMap). */
export interface EncodedTierMember {
  /** Entries it keeps in the encoded tier now. */
  readonly encodedCount: number;
  /** Its entries read back from the encoded tier or the disk since the last round (`endRound`). */
  readonly readBacks: number;
  /** Moves its oldest encoded entries to disk until the tier uses at most `keep` bytes, or it has none left. */
  spillOldest(keep: number): void;
  /** The tier made room: reads back count afresh from now on. */
  endRound(): void;
}

/**
 * The memory the encoded tier of keyed state may take (see SpillableMap), shared by every keyed state
 * of an engine — each statement's operators and its in-memory tables — and counted exactly: each
 * state adds what it encodes and subtracts what it decodes or moves to disk.
 *
 * When a state finds the budget exceeded, the tier makes room by moving to disk the oldest encoded
 * entries of the states whose encoded entries are read back least (per entry, since the last time it
 * made room): a state keyed by something seen once (a transaction, an item) writes entries nobody
 * reads again, a state keyed by a customer reads its entries back all the time. Spilling the cold
 * ones first keeps the hot ones off the disk, where each read back costs a B-tree search and a delete.
 */
export class EncodedTierBudget {
  readonly budgetBytes: number;
  usedBytes = 0;
  private readonly members = new Set<EncodedTierMember>();

  constructor(budgetBytes: number) {
    this.budgetBytes = budgetBytes;
  }

  get exceeded(): boolean {
    return this.usedBytes > this.budgetBytes;
  }

  /** A state counts entries in the tier from now on (it may be chosen to spill). */
  join(member: EncodedTierMember): void {
    this.members.add(member);
  }

  /** A state has no entry in the tier any more, or its statement ended. */
  leave(member: EncodedTierMember): void {
    this.members.delete(member);
  }

  /**
   * The budget is exceeded: the coldest states' oldest entries go to disk until it is met with a
   * thirty-second of it to spare (the next time is that many bytes away).
   */
  makeRoom(): void {
    const keep = this.budgetBytes - this.budgetBytes * EVICT_SHARE;
    const tried = new Set<EncodedTierMember>();
    while (this.usedBytes > keep) {
      const coldest = this.coldest(tried);
      if (coldest === undefined) break;
      tried.add(coldest);
      coldest.spillOldest(keep);
    }
    for (const member of this.members) member.endRound();
  }

  private coldest(tried: ReadonlySet<EncodedTierMember>): EncodedTierMember | undefined {
    let coldest: EncodedTierMember | undefined;
    let coldestRate = Number.POSITIVE_INFINITY;
    for (const member of this.members) {
      if (tried.has(member) || member.encodedCount === 0) continue;
      const rate = member.readBacks / member.encodedCount;
      if (rate < coldestRate) {
        coldest = member;
        coldestRate = rate;
      }
    }
    return coldest;
  }
}

/** The share of the budget made free at once. */
const EVICT_SHARE = 1 / 32;

/**
 * Half of V8's heap limit: the encoded tier's default. Encoded entries are strings on V8's heap, so
 * the heap limit (`--max-old-space-size`) bounds them; the other half is for live state, in-flight
 * rows and the rest of the process.
 */
export function defaultEncodedBudget(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 2);
}
