import type { Row, SqlValue } from "../../../../common/value.ts";
import { encodeKey } from "../../../../store/index.ts";
import { valuesEqual } from "../../expr/index.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import { joinKeyOf, type KeyColumns, type StateKey } from "./join-matcher.ts";
import type { JoinRecord, JoinSide, JoinSideState, RecordIdentity } from "./join-side-state.ts";
import { joinKeyGrainTable, keyGrainRecord, missingTable, recordGrainTable } from "./join-state-tables.ts";

/** A record of a record-grain side: with its arrival number, which orders its join key's records. */
interface ArrivedRecord extends JoinRecord {
  readonly arrival: number;
}

/** A record's key in the state: see `RecordGrainState.entryKey`. */
type EntryKey = string | number;

/** The identities whose records are state entries of their own. */
type RecordGrainIdentity = Exclude<RecordIdentity, { readonly kind: "byJoinKey" }>;

/**
 * A side whose records have an identity of their own within a join key — a unique key, the row
 * itself (counted), or its arrival (appended) — as Flink's MapState-backed JoinRecordStateViews: each
 * record is one entry of a SpillableMap under an entry key of its own (`entryKey`). An add or retract
 * reads and writes that one entry, so a join key with thousands of records (items by product) costs
 * per change what a key with one does, and the next incremental checkpoint writes only the records
 * that changed. Records move between the live, encoded and disk tiers one by one.
 *
 * Which records a join key holds, in arrival order, is an index kept live: per join key, a Map from
 * entry key to arrival number. It holds no rows: 86 bytes per record measured with a 28-character key
 * string of its own (300K entries under 100 join keys), about 40 of them the Map entry; the key string
 * is shared with the live and encoded tiers and the index's alone while the record is on disk
 * (appended rows' keys are numbers, no string). The index is not
 * checkpointed: each record saves its arrival number, and a restore rebuilds the index by joining the
 * records' join keys in that order.
 */
export class RecordGrainState implements JoinSideState {
  private readonly side: JoinSide;
  private readonly identity: RecordGrainIdentity;
  private readonly key: KeyColumns;
  private readonly records: SpillableMap<EntryKey, ArrivedRecord>;
  /** Per join key: its records' entry keys in arrival order, each with its arrival number. */
  private readonly index = new Map<StateKey, Map<EntryKey, number>>();
  private nextArrival = 0;
  /** The values a unique key's entry key encodes: the join key, then the unique key. */
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
  }

  recordsOf(joinKey: StateKey, into: JoinRecord[]): number {
    into.length = 0;
    const entries = this.index.get(joinKey);
    if (entries === undefined) return 0;
    for (const entryKey of entries.keys()) {
      const record = this.records.read(entryKey)!;
      if (this.expired(record)) this.remove(joinKey, entries, entryKey);
      else into.push(record);
    }
    return into.length;
  }

  add(joinKey: StateKey, row: Row, associations: number): void {
    let entries = this.index.get(joinKey);
    if (entries === undefined) {
      entries = new Map();
      this.index.set(joinKey, entries);
    }
    const appended = this.identity.kind === "appended";
    const entryKey = this.entryKey(joinKey, row, appended ? this.nextArrival : 0);
    const arrived = appended ? undefined : entries.get(entryKey);
    if (arrived !== undefined && this.identity.kind === "counted") {
      const existing = this.records.read(entryKey)!;
      existing.count++;
      existing.associations = associations;
      existing.writtenAt = this.now;
      this.records.set(entryKey, existing);
      return;
    }
    // A unique key seen again (an update without its retraction) keeps its place in arrival order.
    const arrival = arrived ?? this.nextArrival++;
    if (arrived === undefined) entries.set(entryKey, arrival);
    this.records.set(entryKey, { row: row.slice(), count: 1, associations, writtenAt: this.now, arrival });
  }

  retract(joinKey: StateKey, row: Row): void {
    const entries = this.index.get(joinKey);
    if (entries === undefined) return;
    if (this.identity.kind === "appended") {
      // An append input is not retracted; if it were, its first equal row would go.
      for (const entryKey of entries.keys()) {
        const record = this.records.read(entryKey)!;
        const expired = this.expired(record);
        if (!expired && !rowsEqual(record.row, row)) continue;
        this.remove(joinKey, entries, entryKey);
        if (!expired) return;
      }
      return;
    }
    const entryKey = this.entryKey(joinKey, row, 0);
    if (!entries.has(entryKey)) return;
    if (this.identity.kind === "counted" || this.ttlMs !== undefined) {
      const record = this.records.read(entryKey)!;
      if (!this.expired(record) && this.identity.kind === "counted" && --record.count > 0) {
        record.writtenAt = this.now;
        this.records.set(entryKey, record);
        return;
      }
    }
    this.remove(joinKey, entries, entryKey);
  }

  associate(joinKey: StateKey, record: JoinRecord, associations: number): void {
    record.associations = associations;
    record.writtenAt = this.now;
    // This state handed the record out (recordsOf): it is one of its own.
    const arrived = record as ArrivedRecord;
    // Written back: the record may have left the live tier since the match read it.
    this.records.set(this.entryKey(joinKey, arrived.row, arrived.arrival), arrived);
  }

  expire(now: number): void {
    this.now = now;
    if (this.ttlMs === undefined || now < this.nextSweep) return;
    this.nextSweep = now + Math.max(1, Math.floor(this.ttlMs / 2));
    // Records not live are not read for this: they go when their join key is next read.
    for (const [entryKey, record] of this.records.inMemory()) {
      if (!this.expired(record)) continue;
      const joinKey = joinKeyOf(record.row, this.key);
      this.remove(joinKey, this.index.get(joinKey)!, entryKey);
    }
  }

  snapshotInto(snapshot: Map<SqlValue, SqlValue>): void {
    snapshot.set(recordGrainTable(this.side), this.records.checkpointView());
  }

  restoreFrom(snapshot: Map<SqlValue, SqlValue>): void {
    this.records.clear();
    this.index.clear();
    this.nextArrival = 0;
    const table = snapshot.get(recordGrainTable(this.side)) as Map<EntryKey, SqlValue> | undefined;
    const legacy = snapshot.get(joinKeyGrainTable(this.side)) as Map<StateKey, SqlValue> | undefined;
    if (table !== undefined) this.restoreRecords(table);
    else if (legacy !== undefined) this.convertJoinKeyGrain(legacy);
    else throw missingTable(this.side, [recordGrainTable(this.side), joinKeyGrainTable(this.side)]);
  }

  private restoreRecords(table: Map<EntryKey, SqlValue>): void {
    const restored: [EntryKey, ArrivedRecord][] = [];
    for (const [entryKey, saved] of table) restored.push([entryKey, ARRIVED_RECORD_CODEC.decode(saved)]);
    // Entries come back in the order the checkpoint chain left them, not in arrival order.
    restored.sort((a, b) => a[1].arrival - b[1].arrival);
    for (const [entryKey, record] of restored) this.put(joinKeyOf(record.row, this.key), entryKey, record);
  }

  /** A join key's records in the join-key-grain layout, in arrival order, become entries of their own. */
  private convertJoinKeyGrain(legacy: Map<StateKey, SqlValue>): void {
    for (const [joinKey, saved] of legacy)
      for (const entry of saved as SqlValue[][]) {
        const record = { ...keyGrainRecord(entry, this.now), arrival: this.nextArrival };
        this.put(joinKey, this.entryKey(joinKey, record.row, record.arrival), record);
      }
  }

  private put(joinKey: StateKey, entryKey: EntryKey, record: ArrivedRecord): void {
    let entries = this.index.get(joinKey);
    if (entries === undefined) {
      entries = new Map();
      this.index.set(joinKey, entries);
    }
    entries.set(entryKey, record.arrival);
    this.records.set(entryKey, record);
    if (record.arrival >= this.nextArrival) this.nextArrival = record.arrival + 1;
  }

  private remove(joinKey: StateKey, entries: Map<EntryKey, number>, entryKey: EntryKey): void {
    this.records.delete(entryKey);
    entries.delete(entryKey);
    if (entries.size === 0) this.index.delete(joinKey);
  }

  private expired(record: JoinRecord): boolean {
    return this.ttlMs !== undefined && this.now - record.writtenAt >= this.ttlMs;
  }

  /**
   * The record's entry key: its arrival number for appended rows (unique in the state: no string to
   * build or keep), the whole row for counted ones (it holds the join key), else the join key and the
   * unique key (a unique key seen again under another join key, an update without its retraction, is
   * another record there).
   */
  private entryKey(joinKey: StateKey, row: Row, arrival: number): EntryKey {
    const identity = this.identity;
    if (identity.kind === "appended") return arrival;
    if (identity.kind === "counted") return encodeKey(row);
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
 * arrival]` (its join key and identity are in its entry key, and the row).
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

function rowsEqual(a: Row, b: Row): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i]!, b[i]!)) return false;
  return true;
}
