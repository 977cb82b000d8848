import type { Row, SqlValue } from "../../../../common/value.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { JoinKeyGrainState } from "./join-key-grain-state.ts";
import type { KeyColumns, StateKey } from "./join-matcher.ts";
import { RecordGrainState } from "./record-grain-state.ts";

/**
 * One stored row of a join input: how many times it is there and, on an outer side, how many rows
 * of the other side it currently matches (Flink's numOfAssociations: when it drops to zero the row
 * is NULL-padded again).
 */
export interface JoinRecord {
  readonly row: Row;
  count: number;
  associations: number;
  /** Processing time of its last write (state TTL). */
  writtenAt: number;
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

/** Which input a state holds: its tables are named after it in the operator's snapshot. */
export type JoinSide = "left" | "right";

/**
 * The rows of one join input, by join key; within a join key, records in arrival order (Flink's
 * iteration order is its state backend's; Headwater's is arrival, so output is deterministic).
 *
 * Reads do not change state: whatever changes a record (`add`, `retract`, `associate`) writes it
 * back, so an incremental checkpoint holds the records written since the last one, not those a
 * match only read.
 *
 * With a state TTL (`ttlMs`), each record expires that long after its last write — added, counted,
 * retracted once, or its number of matches changed — as Flink's per-entry TTL of a join's record
 * state: an expired record is never matched again and is dropped when it is next read, or by
 * `expire` in the background.
 */
export interface JoinSideState {
  /** The records under the join key, in arrival order, into `into` (emptied first); how many. */
  recordsOf(joinKey: StateKey, into: JoinRecord[]): number;
  /** Stores `row` (copied) with the number of other-side rows it matches. */
  add(joinKey: StateKey, row: Row, associations: number): void;
  /** Takes `row` back: one count of an equal row, or the row with its unique key. */
  retract(joinKey: StateKey, row: Row): void;
  /**
   * A record `recordsOf(joinKey)` returned now matches `associations` rows of the other side (a
   * write: its TTL restarts).
   */
  associate(joinKey: StateKey, record: JoinRecord, associations: number): void;
  /** With a state TTL: the step's processing time; now and then drops every expired record. */
  expire(now: number): void;
  /** Adds this side's tables, by name, to the operator's snapshot. */
  snapshotInto(snapshot: Map<SqlValue, SqlValue>): void;
  /** Restores this side from the operator's snapshot (also one of the join-key-grain layout). */
  restoreFrom(snapshot: Map<SqlValue, SqlValue>): void;
}

/**
 * The state of one join input. A side with one row per join key keeps a value per join key; the
 * others keep each record as its own state entry (Flink's JoinRecordStateViews: a ValueState per
 * join key, or a MapState whose entries are records), so that a change reads and writes one record
 * however many its join key holds.
 */
export function createJoinSideState(
  side: JoinSide,
  identity: RecordIdentity,
  key: KeyColumns,
  ttlMs: number | undefined,
  spill: StateSpill | undefined,
): JoinSideState {
  const ttl = ttlMs !== undefined && ttlMs > 0 ? ttlMs : undefined;
  return identity.kind === "byJoinKey"
    ? new JoinKeyGrainState(side, ttl, spill)
    : new RecordGrainState(side, identity, key, ttl, spill);
}

/** The snapshot of a join operator's two inputs: each side's tables by name. */
export function snapshotSides(left: JoinSideState, right: JoinSideState): SqlValue {
  const snapshot = new Map<SqlValue, SqlValue>();
  left.snapshotInto(snapshot);
  right.snapshotInto(snapshot);
  return snapshot;
}

export function restoreSides(state: SqlValue, left: JoinSideState, right: JoinSideState): void {
  const snapshot = state as Map<SqlValue, SqlValue>;
  left.restoreFrom(snapshot);
  right.restoreFrom(snapshot);
}
