import type { RowKind } from "../../common/changelog.ts";
import type { Row, SqlValue } from "../../common/value.ts";
import { encodeKey } from "../../store/index.ts";

/** The current row per key behind an upsert stream: turns upserts and deletes into a changelog. */
export interface UpsertState {
  upsert(key: string, row: Row, out: (kind: RowKind, row: Row) => void): void;
  /** `keyRow` holds at least the key columns, at their positions. */
  delete(key: string, keyRow: Row, out: (kind: RowKind, row: Row) => void): void;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}

/**
 * Where a normalizer keeps the current row per key. By default a Map snapshotted whole; the engine
 * gives its keyed state instead (a source under checkpoints then writes only the keys it touched
 * since the last one, and spills beyond its memory budget, as an operator's state does).
 */
export interface UpsertRows {
  get(key: string): Row | undefined;
  set(key: string, row: Row): void;
  delete(key: string): void;
  snapshot(): SqlValue;
  restore(state: SqlValue): void;
}

/** Rows in a Map, snapshotted as a copy. */
class MapUpsertRows implements UpsertRows {
  private readonly rows = new Map<string, Row>();

  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  set(key: string, row: Row): void {
    this.rows.set(key, row);
  }

  delete(key: string): void {
    this.rows.delete(key);
  }

  snapshot(): SqlValue {
    return new Map<SqlValue, SqlValue>(this.rows);
  }

  restore(state: SqlValue): void {
    this.rows.clear();
    for (const [key, row] of state as Map<string, Row>) this.rows.set(key, row);
  }
}

/**
 * Turns an upsert stream (a key's latest row, or a delete of the key) into a full changelog, as
 * Flink's ChangelogNormalize does after an upsert source: it keeps the last row per key.
 *
 * upsert k=1 a, upsert k=1 b, upsert k=1 b, delete k=1, delete k=2 → +I[1, a], -U[1, a], +U[1, b], -D[1, b]
 *
 * An update that does not change the row emits nothing; a delete of an unknown key emits nothing.
 */
export class UpsertNormalizer implements UpsertState {
  private readonly rows: UpsertRows;

  constructor(rows: UpsertRows = new MapUpsertRows()) {
    this.rows = rows;
  }

  /** `key` is the row's encoded key (`encodeKey` of the key values). */
  upsert(key: string, row: Row, out: (kind: RowKind, row: Row) => void): void {
    const old = this.rows.get(key);
    if (old === undefined) {
      this.rows.set(key, row);
      out("+I", row);
      return;
    }
    if (encodeKey(old) === encodeKey(row)) return;
    this.rows.set(key, row);
    out("-U", old);
    out("+U", row);
  }

  delete(key: string, _keyRow: Row, out: (kind: RowKind, row: Row) => void): void {
    const old = this.rows.get(key);
    if (old === undefined) return;
    this.rows.delete(key);
    out("-D", old);
  }

  snapshot(): SqlValue {
    return this.rows.snapshot();
  }

  restore(state: SqlValue): void {
    this.rows.restore(state);
  }
}

/** The `rows` of a reader's upsert mode: the engine's keyed state, when its request offers it. */
export function upsertRowsOf(request: { readonly upsertRows?: () => UpsertRows }): {
  readonly rows?: UpsertRows;
} {
  return request.upsertRows ? { rows: request.upsertRows() } : {};
}
