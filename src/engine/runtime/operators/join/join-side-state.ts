import type { Row, SqlValue } from "../../../../common/value.ts";
import { encodeKey } from "../../../../store/index.ts";

/**
 * One stored row of a join input: how many times it is there and, on an outer side, how many rows
 * of the other side it currently matches (Flink's numOfAssociations: when it drops to zero the row
 * is NULL-padded again).
 */
export interface JoinRecord {
  readonly row: Row;
  count: number;
  associations: number;
}

/**
 * How a side tells its stored rows apart, after Flink's JoinInputSideSpec:
 * - `byJoinKey`: one row per join key (a unique key within the join key): a new row replaces it;
 * - `byUniqueKey`: one row per unique key (`positions`), replaced by an update;
 * - `counted`: equal rows are one record with a count, retracted one at a time;
 * - `appended`: an insert-only input, never retracted: each row is its own record.
 */
export type RecordIdentity =
  | { readonly kind: "byJoinKey" }
  | { readonly kind: "byUniqueKey"; readonly positions: readonly number[] }
  | { readonly kind: "counted" }
  | { readonly kind: "appended" };

/**
 * The rows of one join input, by encoded join key; within a join key, records in arrival order
 * (Flink's iteration order is its state backend's; Headwater's is arrival, so output is deterministic).
 */
export class JoinSideState {
  private readonly identity: RecordIdentity;
  private readonly byKey = new Map<string, Map<string, JoinRecord>>();
  /** Record ids of an `appended` side. */
  private sequence = 0;

  constructor(identity: RecordIdentity) {
    this.identity = identity;
  }

  records(joinKey: string): Map<string, JoinRecord> | undefined {
    return this.byKey.get(joinKey);
  }

  /** Stores `row` (copied) with the number of other-side rows it matches. */
  add(joinKey: string, row: Row, associations: number): void {
    let records = this.byKey.get(joinKey);
    if (!records) {
      records = new Map();
      this.byKey.set(joinKey, records);
    }
    const id = this.recordId(row);
    const existing = this.identity.kind === "counted" ? records.get(id) : undefined;
    if (existing) {
      existing.count++;
      existing.associations = associations;
      return;
    }
    records.set(id, { row: row.slice(), count: 1, associations });
  }

  /** Takes `row` back: one count of an equal row, or the row with its unique key. */
  retract(joinKey: string, row: Row): void {
    const records = this.byKey.get(joinKey);
    if (!records) return;
    const id = this.recordId(row);
    const record = records.get(id);
    if (!record) return;
    if (this.identity.kind === "counted" && --record.count > 0) return;
    records.delete(id);
    if (records.size === 0) this.byKey.delete(joinKey);
  }

  private recordId(row: Row): string {
    switch (this.identity.kind) {
      case "byJoinKey":
        return "";
      case "byUniqueKey":
        return encodeKey(this.identity.positions.map((p) => row[p]!));
      case "counted":
        return encodeKey(row);
      case "appended":
        return String(this.sequence++);
    }
  }

  snapshot(): SqlValue {
    const keys = new Map<SqlValue, SqlValue>();
    for (const [joinKey, records] of this.byKey) {
      const entries = new Map<SqlValue, SqlValue>();
      for (const [id, r] of records) entries.set(id, [r.row, r.count, r.associations]);
      keys.set(joinKey, entries);
    }
    return [this.sequence, keys];
  }

  restore(state: SqlValue): void {
    const [sequence, keys] = state as [number, Map<string, Map<string, [Row, number, number]>>];
    this.sequence = sequence;
    this.byKey.clear();
    for (const [joinKey, entries] of keys) {
      const records = new Map<string, JoinRecord>();
      for (const [id, [row, count, associations]] of entries) records.set(id, { row, count, associations });
      this.byKey.set(joinKey, records);
    }
  }
}
