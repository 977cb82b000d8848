/**
 * The window ends an operator has pending, ascending and without repeats: windows fire in end order.
 * New windows mostly end after every pending one, so inserting is usually an append.
 */
export class SortedEnds {
  private ends: number[] = [];
  private head = 0;

  get size(): number {
    return this.ends.length - this.head;
  }

  insert(end: number): void {
    const ends = this.ends;
    const last = ends.length - 1;
    if (last < this.head || ends[last]! < end) {
      ends.push(end);
      return;
    }
    let lo = this.head;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    if (ends[lo] !== end) ends.splice(lo, 0, end);
  }

  /** The smallest pending end, or undefined. */
  first(): number | undefined {
    return this.head < this.ends.length ? this.ends[this.head] : undefined;
  }

  /** Removes the smallest pending end. */
  shift(): void {
    this.head++;
    // Compact now and then so fired ends do not pile up at the front.
    if (this.head > 1024 && this.head * 2 > this.ends.length) {
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }

  values(): number[] {
    return this.ends.slice(this.head);
  }
}
