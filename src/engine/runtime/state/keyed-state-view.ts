import type { SqlValue } from "../../../common/value.ts";
import type { SpillableMap, SpillKey } from "./spillable-map.ts";

/**
 * An operator's keyed state as its snapshot holds it: a read-only Map view of a SpillableMap, its
 * values in their checkpoint encoding (the state's codec), read when iterated rather than copied
 * when the snapshot is taken. Anything that reads a snapshot as a Map (state reports, a savepoint)
 * sees every entry; the checkpoint writer recognizes the view and writes only the entries the
 * operator touched since the last checkpoint (snapshot-tables.ts).
 *
 * A view reads the live state, so it is valid until the operator processes its next row: reading it
 * later throws rather than returning a mix of two moments. To keep a snapshot, copy it through the row
 * codec (`decodeRow(encodeRow([snapshot]))`): `structuredClone` sees an empty Map.
 */
export class KeyedStateView extends Map<SqlValue, SqlValue> {
  readonly state: SpillableMap<SpillKey, unknown>;
  private readonly takenAt: number;

  constructor(state: SpillableMap<SpillKey, unknown>) {
    super();
    this.state = state;
    this.takenAt = state.version;
  }

  /** Throws when the state changed since the view was taken. */
  assertCurrent(): void {
    if (this.state.version !== this.takenAt)
      throw new Error(
        "an operator's snapshot was read after the operator changed its state: a snapshot's keyed state is a view, to be written (or copied) before the operator processes more rows",
      );
  }

  override *entries(): MapIterator<[SqlValue, SqlValue]> {
    this.assertCurrent();
    yield* this.state.encodedEntries() as IterableIterator<[SqlValue, SqlValue]>;
  }

  override [Symbol.iterator](): MapIterator<[SqlValue, SqlValue]> {
    return this.entries();
  }

  override *keys(): MapIterator<SqlValue> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<SqlValue> {
    for (const [, value] of this.entries()) yield value;
  }

  override forEach(callback: (value: SqlValue, key: SqlValue, map: Map<SqlValue, SqlValue>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  override get(key: SqlValue): SqlValue | undefined {
    this.assertCurrent();
    return this.state.peekEncoded(key as SpillKey);
  }

  override has(key: SqlValue): boolean {
    return this.get(key) !== undefined;
  }

  override set(): this {
    throw new Error("a snapshot's keyed state is read-only");
  }

  override delete(): boolean {
    throw new Error("a snapshot's keyed state is read-only");
  }

  override clear(): void {
    throw new Error("a snapshot's keyed state is read-only");
  }
}

// `size` is an accessor of Map.prototype that TypeScript declares as a property: defined here.
Object.defineProperty(KeyedStateView.prototype, "size", {
  get(this: KeyedStateView): number {
    this.assertCurrent();
    return this.state.size;
  },
});
