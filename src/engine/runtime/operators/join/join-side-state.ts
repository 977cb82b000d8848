import type { Row, SqlValue } from "../../../../common/value.ts";
import { encodeKey } from "../../../../store/index.ts";
import { valuesEqual } from "../../expr/index.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { type StateKey, stateKey } from "./join-matcher.ts";

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

/** The records under one join key: a list (one row per key, or appended rows) or a map by record id. */
export type JoinRecords = JoinRecord[] | Map<StateKey, JoinRecord>;

/**
 * The rows of one join input, by join key; within a join key, records in arrival order (Flink's
 * iteration order is its state backend's; Headwater's is arrival, so output is deterministic).
 *
 * With a state TTL (`ttlMs`), each record expires that long after its last write — added, counted,
 * retracted once, or its number of matches changed — as Flink's per-entry TTL of a join's record
 * state: an expired record is never matched again and is dropped when its key is next read, or by
 * `expire` in the background.
 */
export class JoinSideState {
  private readonly identity: RecordIdentity;
  private readonly listed: boolean;
  private readonly byKey: SpillableMap<StateKey, JoinRecords>;
  private readonly codec: StateCodec<JoinRecords>;
  private readonly ttlMs: number | undefined;
  private now = 0;
  private nextSweep = 0;

  constructor(identity: RecordIdentity, ttlMs?: number, spill?: StateSpill) {
    this.identity = identity;
    this.listed = identity.kind === "byJoinKey" || identity.kind === "appended";
    this.ttlMs = ttlMs !== undefined && ttlMs > 0 ? ttlMs : undefined;
    this.codec = recordsCodec(this.listed, () => this.now);
    this.byKey = new SpillableMap(this.codec, spill);
  }

  records(joinKey: StateKey): JoinRecords | undefined {
    const records = this.byKey.get(joinKey);
    if (records === undefined || this.ttlMs === undefined) return records;
    return this.dropExpired(joinKey, records) ? undefined : records;
  }

  /** With a state TTL: the step's processing time; now and then drops every expired record. */
  expire(now: number): void {
    this.now = now;
    if (this.ttlMs === undefined || now < this.nextSweep) return;
    this.nextSweep = now + Math.max(1, Math.floor(this.ttlMs / 2));
    // Spilled keys are not read for this: their expired records go when their key is next read.
    for (const [joinKey, records] of this.byKey.inMemory()) this.dropExpired(joinKey, records);
  }

  /** A stored record now matches `associations` rows of the other side (a write: TTL restarts). */
  associate(record: JoinRecord, associations: number): void {
    record.associations = associations;
    record.writtenAt = this.now;
  }

  /** Removes the key's expired records; true when none is left. */
  private dropExpired(joinKey: StateKey, records: JoinRecords): boolean {
    const ttl = this.ttlMs!;
    if (Array.isArray(records)) {
      let kept = 0;
      for (const record of records) if (this.now - record.writtenAt < ttl) records[kept++] = record;
      records.length = kept;
    } else for (const [id, record] of records) if (this.now - record.writtenAt >= ttl) records.delete(id);
    const empty = Array.isArray(records) ? records.length === 0 : records.size === 0;
    if (empty) this.byKey.delete(joinKey);
    return empty;
  }

  /** Stores `row` (copied) with the number of other-side rows it matches. */
  add(joinKey: StateKey, row: Row, associations: number): void {
    let records = this.byKey.get(joinKey);
    if (!records) {
      records = this.listed ? [] : new Map();
      this.byKey.set(joinKey, records);
    }
    const record: JoinRecord = { row: row.slice(), count: 1, associations, writtenAt: this.now };
    if (Array.isArray(records)) {
      if (this.identity.kind === "byJoinKey") records[0] = record;
      else records.push(record);
      return;
    }
    const id = this.recordId(row);
    const existing = this.identity.kind === "counted" ? records.get(id) : undefined;
    if (existing) {
      existing.count++;
      existing.associations = associations;
      existing.writtenAt = this.now;
      return;
    }
    records.set(id, record);
  }

  /** Takes `row` back: one count of an equal row, or the row with its unique key. */
  retract(joinKey: StateKey, row: Row): void {
    const records = this.records(joinKey);
    if (!records) return;
    if (Array.isArray(records)) {
      // By join key the row goes whatever it holds; an append input is not retracted, but if it
      // were, an equal row would go.
      const at = this.identity.kind === "byJoinKey" ? 0 : records.findIndex((r) => rowsEqual(r.row, row));
      if (at >= 0) records.splice(at, 1);
      if (records.length === 0) this.byKey.delete(joinKey);
      return;
    }
    const id = this.recordId(row);
    const record = records.get(id);
    if (!record) return;
    if (this.identity.kind === "counted" && --record.count > 0) {
      record.writtenAt = this.now;
      return;
    }
    records.delete(id);
    if (records.size === 0) this.byKey.delete(joinKey);
  }

  private recordId(row: Row): StateKey {
    if (this.identity.kind === "byUniqueKey") {
      const positions = this.identity.positions;
      return positions.length === 1
        ? stateKey(row[positions[0]!]!)
        : encodeKey(positions.map((p) => row[p]!));
    }
    return encodeKey(row);
  }

  snapshot(): SqlValue {
    return this.byKey.checkpointView();
  }

  restore(state: SqlValue): void {
    this.byKey.clear();
    for (const [joinKey, entries] of state as Map<StateKey, SqlValue>)
      this.byKey.set(joinKey, this.codec.decode(entries));
  }
}

/**
 * A join key's records as checkpoints and spill files hold them: `[id, row, count, associations,
 * writtenAt]` each, in arrival order (`id` null in a list). A record saved before state TTL existed
 * has no `writtenAt`: it counts as written when restored.
 */
function recordsCodec(listed: boolean, now: () => number): StateCodec<JoinRecords> {
  return {
    // Indexed loops, not map/destructuring: every key read back from the encoded tier or the disk
    // goes through here, and iterator protocol per record showed in profiles.
    encode: (records) => {
      const saved: SqlValue[] = new Array(Array.isArray(records) ? records.length : records.size);
      let i = 0;
      if (Array.isArray(records)) for (; i < records.length; i++) saved[i] = savedRecord(null, records[i]!);
      else for (const [id, record] of records) saved[i++] = savedRecord(id, record);
      return saved;
    },
    decode: (saved) => {
      const entries = saved as SqlValue[][];
      const records: JoinRecords = listed ? [] : new Map();
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        const writtenAt = entry[4];
        const record: JoinRecord = {
          row: entry[1] as Row,
          count: entry[2] as number,
          associations: entry[3] as number,
          writtenAt: (writtenAt ?? now()) as number,
        };
        if (Array.isArray(records)) records.push(record);
        else records.set(entry[0] as StateKey, record);
      }
      return records;
    },
  };
}

function savedRecord(id: StateKey, record: JoinRecord): SqlValue[] {
  return [id, record.row, record.count, record.associations, record.writtenAt];
}

function rowsEqual(a: Row, b: Row): boolean {
  return a.length === b.length && a.every((v, i) => valuesEqual(v, b[i]!));
}
