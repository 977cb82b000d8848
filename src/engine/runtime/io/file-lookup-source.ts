import type { RowKind } from "../../../common/changelog.ts";
import type { Row, SqlValue } from "../../../common/value.ts";
import type { FileTableContents } from "../../../connectors/index.ts";
import { encodeKey } from "../../../store/index.ts";
import { valuesEqual } from "../expr/index.ts";
import type { LookupSource } from "../lookup-source.ts";

/**
 * A lookup join's right side when it is a filesystem table (Flink's FileSystemLookupFunction): the
 * files are read into memory when the job starts and read again on the first probe once
 * `lookup.join.cache.ttl` has passed on the engine's clock. Probes read a hash index on the probed
 * columns, built on first use after each load.
 */
export class FileLookupSource implements LookupSource {
  private readonly load: () => FileTableContents;
  private readonly clock: () => number;
  private rows: Row[] = [];
  private ttlMs = 0;
  private loadedAt = 0;
  /** Rows by the encoded values of the probed columns; one index per set of probed columns. */
  private readonly indexes = new Map<string, Map<string, Row[]>>();

  constructor(load: () => FileTableContents, clock: () => number) {
    this.load = load;
    this.clock = clock;
    this.reload();
  }

  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Iterable<Row> {
    if (this.clock() - this.loadedAt >= this.ttlMs) this.reload();
    const probe = columns.join(",");
    let index = this.indexes.get(probe);
    if (index === undefined) {
      index = indexRows(this.rows, columns);
      this.indexes.set(probe, index);
    }
    return index.get(encodeKey(values)) ?? [];
  }

  private reload(): void {
    const contents = this.load();
    this.rows = currentRows(contents.rows, contents.kinds);
    this.ttlMs = contents.ttlMs;
    this.loadedAt = this.clock();
    this.indexes.clear();
  }
}

/** The rows a changelog leaves (CDC json files retract and update rows; plain files only insert). */
function currentRows(rows: readonly Row[], kinds: readonly RowKind[]): Row[] {
  const current: Row[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (kinds[i] === "+I" || kinds[i] === "+U") {
      current.push(row);
      continue;
    }
    const at = current.findIndex((r) => r.every((v, c) => valuesEqual(v, row[c]!)));
    if (at >= 0) current.splice(at, 1);
  }
  return current;
}

/** A NULL never equals a probe value, so rows with one in the probed columns stay out of the index. */
function indexRows(rows: readonly Row[], columns: readonly number[]): Map<string, Row[]> {
  const index = new Map<string, Row[]>();
  for (const row of rows) {
    const key = columns.map((c) => row[c]!);
    if (key.some((v) => v === null)) continue;
    const encoded = encodeKey(key);
    const bucket = index.get(encoded);
    if (bucket) bucket.push(row);
    else index.set(encoded, [row]);
  }
  return index;
}
