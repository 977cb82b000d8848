import type { StateKey } from "./join-matcher.ts";

/**
 * The arrival numbers of a join key's records, ascending (arrival order), as a plain array: a
 * removed record leaves a hole (its number stored as `-1 - arrival`, so the array stays sorted by
 * the number it holds and a binary search still finds any record) until holes are half the array,
 * when it is compacted — a removal costs O(log n) amortized however many records the key holds.
 */
class ArrivalList {
  readonly values: number[];
  holes = 0;

  constructor(first: number, second: number) {
    this.values = [first, second];
  }

  get live(): number {
    return this.values.length - this.holes;
  }

  /** Makes `arrival` a hole; false when it is not (or no longer) in the list. */
  punch(arrival: number): boolean {
    const values = this.values;
    let low = 0;
    let high = values.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const held = arrivalIn(values[middle]!);
      if (held < arrival) low = middle + 1;
      else if (held > arrival) high = middle - 1;
      else {
        if (values[middle]! < 0) return false;
        values[middle] = -1 - arrival;
        this.holes++;
        if (this.holes * 2 > values.length) this.compact();
        return true;
      }
    }
    return false;
  }

  private compact(): void {
    const values = this.values;
    let kept = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) values[kept++] = values[i]!;
    values.length = kept;
    this.holes = 0;
  }
}

/** The arrival number a list slot holds, whether it is a record or a hole. */
function arrivalIn(value: number): number {
  return value < 0 ? -1 - value : value;
}

/**
 * Which records each join key holds, in arrival order: per join key the arrival numbers of its
 * records (a record-grain side's entry keys in its SpillableMap), nothing else. A join key with one
 * record holds its number alone, without a container; more go in a plain array of numbers (small
 * integers: 8 bytes each, nothing for the garbage collector to follow). Arrivals are appended in
 * increasing order (new records; a restore adds them sorted), so each key's list stays sorted and a
 * removal finds its record by binary search.
 */
export class JoinKeyArrivals {
  private readonly byJoinKey = new Map<StateKey, number | ArrivalList>();

  /** Join keys holding at least one record. */
  get joinKeys(): number {
    return this.byJoinKey.size;
  }

  /** Adds a record to its join key; `arrival` is greater than every arrival added before. */
  append(joinKey: StateKey, arrival: number): void {
    const held = this.byJoinKey.get(joinKey);
    if (held === undefined) this.byJoinKey.set(joinKey, arrival);
    else if (typeof held === "number") this.byJoinKey.set(joinKey, new ArrivalList(held, arrival));
    else held.values.push(arrival);
  }

  /** Removes a record from its join key (nothing when the key does not hold it). */
  remove(joinKey: StateKey, arrival: number): void {
    const held = this.byJoinKey.get(joinKey);
    if (held === undefined) return;
    if (typeof held === "number") {
      if (held === arrival) this.byJoinKey.delete(joinKey);
      return;
    }
    if (!held.punch(arrival)) return;
    if (held.live === 0) this.byJoinKey.delete(joinKey);
    else if (held.live === 1) this.byJoinKey.set(joinKey, lastLive(held.values));
  }

  /**
   * The join key's arrival numbers in arrival order into `into[0..n)`; n. A copy: the caller may
   * remove records while it goes through them. Slots past n keep what they held: a reused array is
   * not truncated on every call.
   */
  arrivalsOf(joinKey: StateKey, into: number[]): number {
    const held = this.byJoinKey.get(joinKey);
    if (held === undefined) return 0;
    if (typeof held === "number") {
      into[0] = held;
      return 1;
    }
    const values = held.values;
    let found = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! >= 0) into[found++] = values[i]!;
    return found;
  }

  clear(): void {
    this.byJoinKey.clear();
  }
}

/** The one record left in a list of holes. */
function lastLive(values: readonly number[]): number {
  for (let i = 0; i < values.length; i++) if (values[i]! >= 0) return values[i]!;
  throw new Error("join state: an arrival list with no record left was kept");
}
