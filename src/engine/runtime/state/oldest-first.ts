/**
 * Walks a Map oldest entry first, resuming where the previous walk stopped. A Map iterator visits
 * entries in insertion order, skips deleted ones and reaches entries added after it was made, so one
 * long-lived iterator is a queue over the Map. A fresh iterator per walk would start at the front of
 * the table, past every hole that entries deleted there leave until V8 rehashes it: with eviction
 * deleting from the front and reads moving entries to the back, that is up to a table's worth of
 * holes skipped per walk.
 */
export class OldestFirst<K, V> {
  private readonly map: Map<K, V>;
  private cursor: MapIterator<[K, V]> | undefined;

  constructor(map: Map<K, V>) {
    this.map = map;
  }

  /** The oldest entry not yet walked past, or undefined when the Map is empty. */
  next(): [K, V] | undefined {
    let step = this.cursor?.next();
    if (step === undefined || step.done === true) {
      // A finished iterator stays finished, even when entries are added after: start again.
      this.cursor = this.map.entries();
      step = this.cursor.next();
    }
    return step.done === true ? undefined : step.value;
  }
}
