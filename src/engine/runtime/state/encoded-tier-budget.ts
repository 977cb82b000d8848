import { getHeapStatistics } from "node:v8";

/**
 * The memory the encoded tier of keyed state may take (see SpillableMap), shared by every keyed state
 * of an engine — each statement's operators and its in-memory tables — and counted exactly: each
 * state adds what it encodes and subtracts what it decodes or moves to disk. A state that finds the
 * shared budget exceeded moves its own oldest encoded entries to disk, so the states that keep
 * growing are the ones that spill.
 */
export class EncodedTierBudget {
  readonly budgetBytes: number;
  usedBytes = 0;

  constructor(budgetBytes: number) {
    this.budgetBytes = budgetBytes;
  }

  get exceeded(): boolean {
    return this.usedBytes > this.budgetBytes;
  }
}

/**
 * Half of V8's heap limit: the encoded tier's default. Encoded entries are strings on V8's heap, so
 * the heap limit (`--max-old-space-size`) bounds them; the other half is for live state, in-flight
 * rows and the rest of the process.
 */
export function defaultEncodedBudget(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 2);
}
