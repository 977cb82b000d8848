/** Slots used at most, as a share of the table, before it doubles. */
const MAX_LOAD = 0.75;
const INITIAL_SLOTS = 16;
/** An empty slot's arrival (arrival numbers are never negative). */
const EMPTY = -1;

/**
 * A record's arrival number by a 32-bit hash of its identity (its entry key string: join key and
 * unique key, or the whole row): how a unique-key or counted side finds the record a change names
 * without keeping that string per record. An open-addressing table with linear probing in two typed
 * arrays — 12 bytes a slot, 16 to 32 a record, none of it objects the garbage collector walks.
 *
 * A hash names candidates, not records: distinct identities may share one (at 25M records, some
 * 70,000 pairs do), so the caller reads each candidate's record and compares identities. A miss — a
 * record not stored yet, the common case of an add — reads nothing.
 */
export class ArrivalsByIdentity {
  private hashes = new Uint32Array(INITIAL_SLOTS);
  private arrivals = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The arrivals stored under `hash` into `into[0..n)`; n (slots past n keep what they held). */
  candidates(hash: number, into: number[]): number {
    const { hashes, arrivals, mask } = this;
    let found = 0;
    for (let slot = hash & mask; arrivals[slot] !== EMPTY; slot = (slot + 1) & mask)
      if (hashes[slot] === hash) into[found++] = arrivals[slot]!;
    return found;
  }

  add(hash: number, arrival: number): void {
    if (this.count + 1 > this.arrivals.length * MAX_LOAD) this.grow();
    this.place(hash, arrival);
    this.count++;
  }

  /** Removes the record `arrival` stored under `hash` (nothing when it is not there). */
  delete(hash: number, arrival: number): void {
    const { hashes, arrivals, mask } = this;
    let slot = hash & mask;
    while (arrivals[slot] !== arrival || hashes[slot] !== hash) {
      if (arrivals[slot] === EMPTY) return;
      slot = (slot + 1) & mask;
    }
    this.count--;
    // Backward shift: each later slot of the run moves into the hole when the hole lies between
    // its home slot and where it is, so every lookup still meets it before an empty slot.
    let hole = slot;
    for (let next = (slot + 1) & mask; arrivals[next] !== EMPTY; next = (next + 1) & mask) {
      const home = hashes[next]! & mask;
      if (((next - home) & mask) < ((next - hole) & mask)) continue;
      hashes[hole] = hashes[next]!;
      arrivals[hole] = arrivals[next]!;
      hole = next;
    }
    arrivals[hole] = EMPTY;
  }

  clear(): void {
    this.hashes = new Uint32Array(INITIAL_SLOTS);
    this.arrivals = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
    this.mask = INITIAL_SLOTS - 1;
    this.count = 0;
  }

  private place(hash: number, arrival: number): void {
    const { hashes, arrivals, mask } = this;
    let slot = hash & mask;
    while (arrivals[slot] !== EMPTY) slot = (slot + 1) & mask;
    hashes[slot] = hash;
    arrivals[slot] = arrival;
  }

  private grow(): void {
    const { hashes, arrivals } = this;
    const slots = arrivals.length * 2;
    this.hashes = new Uint32Array(slots);
    this.arrivals = new Float64Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    for (let slot = 0; slot < arrivals.length; slot++)
      if (arrivals[slot] !== EMPTY) this.place(hashes[slot]!, arrivals[slot]!);
  }
}
