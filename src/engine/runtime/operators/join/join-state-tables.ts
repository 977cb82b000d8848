import type { Row, SqlValue } from "../../../../common/value.ts";
import type { StateKey } from "./join-matcher.ts";
import type { JoinRecord, JoinSide } from "./join-side-state.ts";

/**
 * The table of the join-key-grain layout: per join key, its records as `[id, row, count,
 * associations, writtenAt]` in arrival order (`id` null for one row per key or appended rows; the
 * record id for the others). A side with one row per join key still writes it; a record-grain side
 * converts it when it restores a snapshot written before it existed.
 */
export function joinKeyGrainTable(side: JoinSide): string {
  return `${side}-records`;
}

/** The table of a record-grain side: entry key → `[row, count, associations, writtenAt, arrival]`. */
export function recordGrainTable(side: JoinSide): string {
  return `${side}-record-entries`;
}

/** A record in the join-key-grain table. */
export function savedKeyGrainRecord(id: StateKey, record: JoinRecord): SqlValue[] {
  return [id, record.row, record.count, record.associations, record.writtenAt];
}

/**
 * A record of the join-key-grain table read back. A record saved before state TTL existed has no
 * `writtenAt`: it counts as written when restored (`now`).
 */
export function keyGrainRecord(saved: SqlValue[], now: number): JoinRecord {
  const writtenAt = saved[4];
  return {
    row: saved[1] as Row,
    count: saved[2] as number,
    associations: saved[3] as number,
    writtenAt: (writtenAt ?? now) as number,
  };
}

/** The error for a snapshot that lacks a side's table (another operator's, or damaged). */
export function missingTable(side: JoinSide, names: readonly string[]): Error {
  return new Error(
    `join snapshot: no state for the ${side} input (expected a table named ${names.join(" or ")})`,
  );
}
