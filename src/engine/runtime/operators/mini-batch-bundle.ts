import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";

/** One key's rows of a bundle, in arrival order. */
export interface BundleEntry {
  readonly key: Row;
  readonly kinds: RowKind[];
  readonly rows: Row[];
}

/**
 * The input rows buffered per key until a bundle ends (Flink's MapBundleFunction buffer with a
 * CountBundleTrigger). Keys come out in the order they first arrived, so the output is deterministic.
 */
export class MiniBatchBundle {
  private entries = new Map<string, BundleEntry>();
  private count = 0;
  private readonly size: number;

  constructor(size: number) {
    this.size = size;
  }

  /** Buffers a copy of `row`; true when the bundle is full and must be folded now. */
  add(encoded: string, key: Row, kind: RowKind, row: Row): boolean {
    let entry = this.entries.get(encoded);
    if (!entry) {
      entry = { key, kinds: [], rows: [] };
      this.entries.set(encoded, entry);
    }
    entry.kinds.push(kind);
    entry.rows.push(row.slice());
    return ++this.count >= this.size;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** The buffered rows by key, leaving the bundle empty. */
  take(): Map<string, BundleEntry> {
    const taken = this.entries;
    this.entries = new Map();
    this.count = 0;
    return taken;
  }

  /** `[[encoded key, key, kinds, rows], ...]`: a checkpoint keeps the rows not folded yet. */
  snapshot(): SqlValue {
    return [...this.entries].map(([encoded, e]) => [encoded, e.key, [...e.kinds], e.rows]);
  }

  restore(saved: SqlValue): void {
    this.take();
    for (const [encoded, key, kinds, rows] of saved as [string, Row, RowKind[], Row[]][]) {
      this.entries.set(encoded, { key, kinds: [...kinds], rows: [...rows] });
      this.count += rows.length;
    }
  }
}
