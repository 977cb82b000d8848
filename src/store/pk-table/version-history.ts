import type { Row } from "../../common/value.ts";

/** One version of a key's row; `row` null means the key was deleted at `timestamp`. */
export interface Version {
  readonly timestamp: number;
  readonly row: Row | null;
}

/** The versions of one key, ordered by timestamp; a later write at the same timestamp replaces it. */
export class VersionHistory {
  readonly versions: Version[] = [];

  /** Inserts a version in timestamp order (versions may arrive out of order). */
  put(version: Version): void {
    const i = this.firstAfter(version.timestamp);
    if (i > 0 && this.versions[i - 1]!.timestamp === version.timestamp) this.versions[i - 1] = version;
    else this.versions.splice(i, 0, version);
  }

  /** The newest version's row (null if deleted or empty). */
  current(): Row | null {
    return this.versions[this.versions.length - 1]?.row ?? null;
  }

  /** The row valid at `timestamp`: the newest version with timestamp <= it, or null. */
  asOf(timestamp: number): Row | null {
    return this.versions[this.firstAfter(timestamp) - 1]?.row ?? null;
  }

  /** Index of the first version with timestamp > `timestamp`. */
  private firstAfter(timestamp: number): number {
    let lo = 0;
    let hi = this.versions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.versions[mid]!.timestamp <= timestamp) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
