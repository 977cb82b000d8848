import type { SqlValue } from "../../../common/value.ts";
import { type ValueKey, valueKey } from "./value-key.ts";

/**
 * A multiset of SQL values: value → count, counts may go negative (a retraction that arrived before its
 * row, kept so that a later merge cancels it, as Flink's MapView-based accumulators do). Entries at 0
 * are removed. Composite values (ARRAY, ROW, BYTES...) are keyed by their canonical text and the first
 * value seen is kept to give back.
 */
export class ValueCounts {
  readonly counts = new Map<ValueKey, number>();
  /**
   * The first composite value behind each text key; created with the first composite value: most
   * accumulators (MIN/MAX of dates, numbers, strings) never need it, and an empty Map costs each
   * group's accumulator ~100 bytes.
   */
  private originals: Map<ValueKey, SqlValue> | undefined;

  /** Adds `delta` to the value's count; returns the count before the change. */
  add(value: SqlValue, delta: number): number {
    const key = valueKey(value);
    const before = this.counts.get(key) ?? 0;
    const after = before + delta;
    if (after === 0) {
      this.counts.delete(key);
      if (typeof key === "string" && typeof value === "object") this.originals?.delete(key);
    } else {
      this.counts.set(key, after);
      if (before === 0 && typeof value === "object" && value !== null) {
        this.originals ??= new Map();
        this.originals.set(key, value);
      }
    }
    return before;
  }

  /** The SQL value a key stands for. */
  valueOf(key: ValueKey): SqlValue {
    return typeof key === "string" ? (this.originals?.get(key) ?? key) : key;
  }

  get size(): number {
    return this.counts.size;
  }

  /** [value, count] pairs, for snapshots. */
  toPairs(): SqlValue[] {
    const pairs: SqlValue[] = [];
    for (const [key, count] of this.counts) pairs.push([this.valueOf(key), count]);
    return pairs;
  }

  static fromPairs(pairs: SqlValue): ValueCounts {
    const counts = new ValueCounts();
    for (const pair of pairs as SqlValue[][]) counts.add(pair[0]!, pair[1] as number);
    return counts;
  }
}
