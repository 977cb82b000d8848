import type { Row } from "../../../../common/value.ts";
import type { RowComparator } from "../row-comparator.ts";

/** The items of one sort key, in arrival order; `key` is a row carrying that sort key. */
export interface SortedGroup<T> {
  readonly key: Row;
  readonly items: T[];
}

/**
 * Items grouped by sort key, groups in sort order, items of a group in arrival order: Flink's
 * TopNBuffer (a TreeMap from sort key to a list). `size` counts items. Groups live in an array found
 * by binary search: Top-N partitions hold few groups, and the functions walk them from the top.
 */
export class SortedGroups<T> {
  readonly groups: SortedGroup<T>[] = [];
  size = 0;
  private readonly compare: RowComparator;

  constructor(compare: RowComparator) {
    this.compare = compare;
  }

  /** The position of the group of `key`'s sort key, or `-(insertion point) - 1`. */
  search(key: Row): number {
    let lo = 0;
    let hi = this.groups.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(this.groups[mid]!.key, key);
      if (c < 0) lo = mid + 1;
      else if (c > 0) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  get(key: Row): SortedGroup<T> | undefined {
    const i = this.search(key);
    return i >= 0 ? this.groups[i] : undefined;
  }

  /** Appends `item` to its sort key's group; returns the group's new size. */
  put(key: Row, item: T): number {
    let i = this.search(key);
    if (i < 0) {
      i = -i - 1;
      this.groups.splice(i, 0, { key, items: [] });
    }
    const items = this.groups[i]!.items;
    items.push(item);
    this.size++;
    return items.length;
  }

  /** Removes the first item of `key`'s group that `matches`; returns whether one was. */
  remove(key: Row, matches: (item: T) => boolean): boolean {
    const i = this.search(key);
    if (i < 0) return false;
    const items = this.groups[i]!.items;
    const at = items.findIndex(matches);
    if (at < 0) return false;
    items.splice(at, 1);
    this.size--;
    if (items.length === 0) this.groups.splice(i, 1);
    return true;
  }

  /** Removes the groups from position `from` on. */
  truncate(from: number): SortedGroup<T>[] {
    const removed = this.groups.splice(from);
    for (const g of removed) this.size -= g.items.length;
    return removed;
  }

  /** Removes and returns the last item of the last group. */
  removeLast(): T | undefined {
    const last = this.groups[this.groups.length - 1];
    if (!last) return undefined;
    const item = last.items.pop();
    this.size--;
    if (last.items.length === 0) this.groups.pop();
    return item;
  }

  lastItem(): T | undefined {
    const last = this.groups[this.groups.length - 1];
    return last?.items[last.items.length - 1];
  }

  /**
   * Whether a row with this sort key belongs in a buffer of the best `topSize` rows: it sorts before
   * the worst group, or the buffer is not full (TopNBuffer.checkSortKeyInBufferRange).
   */
  accepts(key: Row, topSize: number): boolean {
    const worst = this.groups[this.groups.length - 1];
    if (!worst) return true;
    return this.compare(key, worst.key) < 0 || this.size < topSize;
  }
}
