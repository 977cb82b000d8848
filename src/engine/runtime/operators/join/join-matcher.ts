import type { Row, SqlValue } from "../../../../common/value.ts";
import { encodeKey } from "../../../../store/index.ts";
import type { CompiledPredicate, EvalContext } from "../../expr/index.ts";
import type { JoinRecord, JoinSideState } from "./join-side-state.ts";

/** The join key columns of one input, and whether `=` (not IS NOT DISTINCT FROM) keeps NULL from matching. */
export interface KeyColumns {
  readonly positions: readonly number[];
  readonly filterNulls: readonly boolean[];
}

/**
 * A row's join key as a Map key: a single key column's value itself when it is a primitive (both
 * sides' key columns have one type, so equal values are equal keys), else the encoded values; 0 for a
 * join without equi-condition (every row in one group).
 */
export function joinKeyOf(row: Row, key: KeyColumns): StateKey {
  const positions = key.positions;
  if (positions.length === 0) return 0;
  if (positions.length === 1) return stateKey(row[positions[0]!]!);
  const values: SqlValue[] = new Array(positions.length);
  for (let i = 0; i < positions.length; i++) values[i] = row[positions[i]!]!;
  return encodeKey(values);
}

/** The join key encoded as a string: for state keyed by strings (timers name their key). */
export function encodedJoinKey(row: Row, key: KeyColumns): string {
  const values: SqlValue[] = new Array(key.positions.length);
  for (let i = 0; i < key.positions.length; i++) values[i] = row[key.positions[i]!]!;
  return encodeKey(values);
}

/** A value usable as a Map key with SQL equality: primitives as they are, the rest encoded. */
export type StateKey = string | number | bigint | boolean | null;

export function stateKey(value: SqlValue): StateKey {
  return value === null || typeof value !== "object" ? value : encodeKey([value]);
}

/** Whether a NULL in a `=` key column keeps the row from matching anything. */
export function hasNullKey(row: Row, key: KeyColumns): boolean {
  for (let i = 0; i < key.positions.length; i++)
    if (key.filterNulls[i] && row[key.positions[i]!] === null) return true;
  return false;
}

/**
 * Finds the other side's rows an input row joins (Flink's AssociatedRecords): those under its join
 * key that pass the rest of the condition, each as often as it is stored, with the number of matches
 * it had at lookup time. Results go to reused arrays; `count()` says how many.
 */
export class JoinMatcher {
  readonly records: JoinRecord[] = [];
  readonly associations: number[] = [];
  /** The other side's records under the join key, before the condition. */
  private readonly stored: JoinRecord[] = [];
  private readonly condition: CompiledPredicate | undefined;
  private readonly ctx: EvalContext;
  private readonly leftWidth: number;
  /** The joined row the condition reads: left fields, then right fields. */
  private readonly scratch: Row;

  constructor(
    condition: CompiledPredicate | undefined,
    ctx: EvalContext,
    leftWidth: number,
    rightWidth: number,
  ) {
    this.condition = condition;
    this.ctx = ctx;
    this.leftWidth = leftWidth;
    this.scratch = new Array<SqlValue>(leftWidth + rightWidth).fill(null);
  }

  /** Matches `row` (from the left input when `inputIsLeft`) against `other`'s rows under `joinKey`. */
  match(row: Row, inputIsLeft: boolean, joinKey: StateKey, other: JoinSideState): number {
    const records = this.records;
    const associations = this.associations;
    records.length = 0;
    associations.length = 0;
    const stored = this.stored;
    const found = other.recordsOf(joinKey, stored);
    if (found === 0) return 0;
    if (this.condition) this.place(row, inputIsLeft);
    for (let i = 0; i < found; i++) this.consider(stored[i]!, inputIsLeft);
    return records.length;
  }

  private consider(record: JoinRecord, inputIsLeft: boolean): void {
    const condition = this.condition;
    if (condition) {
      this.place(record.row, !inputIsLeft);
      if (!condition(this.scratch, this.ctx)) return;
    }
    for (let c = 0; c < record.count; c++) {
      this.records.push(record);
      this.associations.push(record.associations);
    }
  }

  private place(row: Row, isLeft: boolean): void {
    const offset = isLeft ? 0 : this.leftWidth;
    const scratch = this.scratch;
    for (let i = 0; i < row.length; i++) scratch[offset + i] = row[i]!;
  }
}

/** `left ++ right` as a new row. */
export function joinRows(left: Row, right: Row): Row {
  const out = new Array<SqlValue>(left.length + right.length);
  for (let i = 0; i < left.length; i++) out[i] = left[i]!;
  for (let i = 0; i < right.length; i++) out[left.length + i] = right[i]!;
  return out;
}
