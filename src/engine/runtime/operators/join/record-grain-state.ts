import { mixedHash } from "../../../../common/string-hash.ts";
import type { Row, SqlValue } from "../../../../common/value.ts";
import { encodeKey } from "../../../../store/index.ts";
import { rowsEqual } from "../../expr/index.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { ArrivalsByIdentity } from "./arrivals-by-identity.ts";
import { JoinKeyArrivals } from "./join-key-arrivals.ts";
import { joinKeyOf, type KeyColumns, type StateKey } from "./join-matcher.ts";
import type { JoinRecord, JoinSide, JoinSideState, RecordIdentity } from "./join-side-state.ts";
import { joinKeyGrainTable, keyGrainRecord, missingTable, recordGrainTable } from "./join-state-tables.ts";

/** A record of a record-grain side: with its arrival number, its key in the state. */
interface ArrivedRecord extends JoinRecord {
  readonly arrival: number;
}

/** The identities whose records are state entries of their own. */
type RecordGrainIdentity = Exclude<RecordIdentity, { readonly kind: "byJoinKey" }>;

/**
 * A side whose records have an identity of their own within a join key — a unique key, the row
 * itself (counted), or its arrival (appended) — as Flink's MapState-backed JoinRecordStateViews: each
 * record is one entry of a SpillableMap, keyed by its arrival number. An add or retract reads and
 * writes that one entry, so a join key with thousands of records (items by product) costs per change
 * what a key with one does, and the next incremental checkpoint writes only the records that
 * changed. Records move between the live, encoded and disk tiers one by one.
 *
 * What stays in memory for a record wherever it is: its arrival number in its join key's list
 * (`JoinKeyArrivals`, the join key's records in arrival order) and, for a unique key or counted rows,
 * a slot of `ArrivalsByIdentity`, which finds the record a change names by a hash of its identity —
 * numbers in arrays, no object or string per record. Neither is checkpointed: each record saves its
 * arrival number, and a restore rebuilds both from the records in that order.
 */
export class RecordGrainState implements JoinSideState {
  private readonly side: JoinSide;
  private readonly identity: RecordGrainIdentity;
  private readonly key: KeyColumns;
  private readonly records: SpillableMap<number, ArrivedRecord>;
  private readonly byJoinKey = new JoinKeyArrivals();
  /** Unique-key and counted sides: the arrival of the record with an identity. */
  private readonly byIdentity: ArrivalsByIdentity | undefined;
  private nextArrival = 0;
  /** Reused: the arrivals a read goes through, and the candidates a hash names. */
  private readonly arrivals: number[] = [];
  private readonly candidates: number[] = [];
  /** The values a unique key's identity encodes: the join key, then the unique key. */
  private readonly keyParts: SqlValue[] = [];
  private readonly ttlMs: number | undefined;
  private now = 0;
  private nextSweep = 0;

  constructor(
    side: JoinSide,
    identity: RecordGrainIdentity,
    key: KeyColumns,
    ttlMs: number | undefined,
    spill: StateSpill | undefined,
  ) {
    this.side = side;
    this.identity = identity;
    this.key = key;
    this.ttlMs = ttlMs;
    this.records = new SpillableMap(ARRIVED_RECORD_CODEC, spill);
    this.byIdentity = identity.kind === "appended" ? undefined : new ArrivalsByIdentity();
  }

  recordsOf(joinKey: StateKey, into: JoinRecord[]): number {
    into.length = 0;
    const arrivals = this.arrivals;
    const found = this.byJoinKey.arrivalsOf(joinKey, arrivals);
    for (let i = 0; i < found; i++) {
      const record = this.records.read(arrivals[i]!)!;
      if (this.expired(record)) this.remove(joinKey, record);
      else into.push(record);
    }
    return into.length;
  }

  add(joinKey: StateKey, row: Row, associations: number): void {
    const byIdentity = this.byIdentity;
    if (byIdentity !== undefined) {
      const identity = this.identityOf(joinKey, row);
      const hash = mixedHash(identity);
      const stored = this.find(hash, identity, false);
      if (stored !== undefined) {
        this.addAgain(stored, row, associations);
        return;
      }
      byIdentity.add(hash, this.nextArrival);
    }
    this.put(joinKey, this.newRecord(row, associations, this.nextArrival));
  }

  retract(joinKey: StateKey, row: Row): void {
    if (this.identity.kind === "appended") {
      this.retractAppended(joinKey, row);
      return;
    }
    const identity = this.identityOf(joinKey, row);
    const hash = mixedHash(identity);
    const counted = this.identity.kind === "counted";
    // A record that goes whatever it holds is taken out at once (no room made for it in memory).
    const takeOut = !counted && this.ttlMs === undefined;
    const stored = this.find(hash, identity, takeOut);
    if (stored === undefined) return;
    if (!takeOut && !this.expired(stored) && counted && --stored.count > 0) {
      stored.writtenAt = this.now;
      this.records.set(stored.arrival, stored);
      return;
    }
    this.byJoinKey.remove(joinKey, stored.arrival);
    this.byIdentity!.delete(hash, stored.arrival);
    if (!takeOut) this.records.delete(stored.arrival);
  }

  associate(_joinKey: StateKey, record: JoinRecord, associations: number): void {
    record.associations = associations;
    record.writtenAt = this.now;
    // This state handed the record out (recordsOf): it is one of its own. Written back: the record
    // may have left the live tier since the match read it.
    const arrived = record as ArrivedRecord;
    this.records.set(arrived.arrival, arrived);
  }

  expire(now: number): void {
    this.now = now;
    if (this.ttlMs === undefined || now < this.nextSweep) return;
    this.nextSweep = now + Math.max(1, Math.floor(this.ttlMs / 2));
    // Records not live are not read for this: they go when their join key is next read.
    for (const [, record] of this.records.inMemory())
      if (this.expired(record)) this.remove(joinKeyOf(record.row, this.key), record);
  }

  snapshotInto(snapshot: Map<SqlValue, SqlValue>): void {
    snapshot.set(recordGrainTable(this.side), this.records.checkpointView());
  }

  restoreFrom(snapshot: Map<SqlValue, SqlValue>): void {
    this.records.clear();
    this.byJoinKey.clear();
    this.byIdentity?.clear();
    this.nextArrival = 0;
    const table = snapshot.get(recordGrainTable(this.side)) as Map<SqlValue, SqlValue> | undefined;
    const legacy = snapshot.get(joinKeyGrainTable(this.side)) as Map<StateKey, SqlValue> | undefined;
    if (table !== undefined) this.restoreRecords(table);
    else if (legacy !== undefined) this.convertJoinKeyGrain(legacy);
    else throw missingTable(this.side, [recordGrainTable(this.side), joinKeyGrainTable(this.side)]);
  }

  /**
   * Records as a checkpoint holds them. Their entry keys are not read: every record carries its
   * arrival (a checkpoint of the layout before this one keyed unique-key and counted records by
   * their identity's string).
   */
  private restoreRecords(table: Map<SqlValue, SqlValue>): void {
    const restored: ArrivedRecord[] = [];
    for (const saved of table.values()) restored.push(ARRIVED_RECORD_CODEC.decode(saved));
    // Entries come back in the order the checkpoint chain left them, not in arrival order.
    restored.sort((a, b) => a.arrival - b.arrival);
    for (const record of restored) this.putRestored(record);
  }

  /** A join key's records in the join-key-grain layout, in arrival order, become entries of their own. */
  private convertJoinKeyGrain(legacy: Map<StateKey, SqlValue>): void {
    for (const saved of legacy.values())
      for (const entry of saved as SqlValue[][])
        this.putRestored({ ...keyGrainRecord(entry, this.now), arrival: this.nextArrival });
  }

  private putRestored(record: ArrivedRecord): void {
    const joinKey = joinKeyOf(record.row, this.key);
    this.byIdentity?.add(mixedHash(this.identityOf(joinKey, record.row)), record.arrival);
    this.put(joinKey, record);
  }

  /** A counted row seen once more, or a unique key seen again (an update without its retraction). */
  private addAgain(stored: ArrivedRecord, row: Row, associations: number): void {
    if (this.identity.kind === "counted") {
      stored.count++;
      stored.associations = associations;
      stored.writtenAt = this.now;
      this.records.set(stored.arrival, stored);
    } else {
      // The new row keeps the old one's place in arrival order.
      this.records.set(stored.arrival, this.newRecord(row, associations, stored.arrival));
    }
  }

  private newRecord(row: Row, associations: number, arrival: number): ArrivedRecord {
    return { row: row.slice(), count: 1, associations, writtenAt: this.now, arrival };
  }

  /** Stores a record that arrives after every stored one. */
  private put(joinKey: StateKey, record: ArrivedRecord): void {
    this.byJoinKey.append(joinKey, record.arrival);
    this.records.set(record.arrival, record);
    this.nextArrival = record.arrival + 1;
  }

  /**
   * The stored record with `identity` (hashed to `hash`): each candidate the hash names is read and
   * its identity compared. `takeOut` removes the record found from the state's entries.
   */
  private find(hash: number, identity: string, takeOut: boolean): ArrivedRecord | undefined {
    const candidates = this.candidates;
    const count = this.byIdentity!.candidates(hash, candidates);
    for (let i = 0; i < count; i++) {
      const arrival = candidates[i]!;
      const record = takeOut ? this.records.take(arrival)! : this.records.read(arrival)!;
      if (this.identityOf(joinKeyOf(record.row, this.key), record.row) === identity) return record;
      if (takeOut) this.records.set(arrival, record);
    }
    return undefined;
  }

  /** An append input is not retracted; if it were, its first equal row would go. */
  private retractAppended(joinKey: StateKey, row: Row): void {
    const arrivals = this.arrivals;
    const found = this.byJoinKey.arrivalsOf(joinKey, arrivals);
    for (let i = 0; i < found; i++) {
      const record = this.records.read(arrivals[i]!)!;
      const expired = this.expired(record);
      if (!expired && !rowsEqual(record.row, row)) continue;
      this.remove(joinKey, record);
      if (!expired) return;
    }
  }

  private remove(joinKey: StateKey, record: ArrivedRecord): void {
    this.records.delete(record.arrival);
    this.byJoinKey.remove(joinKey, record.arrival);
    this.byIdentity?.delete(mixedHash(this.identityOf(joinKey, record.row)), record.arrival);
  }

  private expired(record: JoinRecord): boolean {
    return this.ttlMs !== undefined && this.now - record.writtenAt >= this.ttlMs;
  }

  /**
   * What tells a unique-key or counted record apart, encoded (appended rows are told apart by their
   * arrival alone): the join key and the unique key (a unique key seen again under another join key,
   * an update without its retraction, is another record there), or the whole row (counted; it holds
   * the join key).
   */
  private identityOf(joinKey: StateKey, row: Row): string {
    const identity = this.identity;
    if (identity.kind !== "byUniqueKey") return encodeKey(row);
    const parts = this.keyParts;
    const positions = identity.positions;
    parts.length = positions.length + 1;
    parts[0] = joinKey;
    for (let i = 0; i < positions.length; i++) parts[i + 1] = row[positions[i]!]!;
    return encodeKey(parts);
  }
}

/**
 * A record as checkpoints and the spill tiers hold it: `[row, count, associations, writtenAt,
 * arrival]` (its join key and identity are in the row).
 */
const ARRIVED_RECORD_CODEC: StateCodec<ArrivedRecord> = {
  encode: (record) => [record.row, record.count, record.associations, record.writtenAt, record.arrival],
  decode: (saved) => {
    const entry = saved as SqlValue[];
    return {
      row: entry[0] as Row,
      count: entry[1] as number,
      associations: entry[2] as number,
      writtenAt: entry[3] as number,
      arrival: entry[4] as number,
    };
  },
};
