import type { Row, SqlValue } from "../../../../common/value.ts";
import { SpillableMap, type StateCodec } from "../../state/spillable-map.ts";
import type { StateSpill } from "../../state/state-spill.ts";
import type { StateKey } from "./join-matcher.ts";
import type { JoinRecord, JoinSide, JoinSideState } from "./join-side-state.ts";
import { joinKeyGrainTable, keyGrainRecord, missingTable, savedKeyGrainRecord } from "./join-state-tables.ts";

/**
 * A side with one row per join key (Flink's JoinKeyContainsUniqueKey: a ValueState per join key): a
 * new row replaces the key's row, a retraction removes it whatever it holds.
 */
export class JoinKeyGrainState implements JoinSideState {
  private readonly side: JoinSide;
  private readonly byKey: SpillableMap<StateKey, JoinRecord>;
  private readonly codec: StateCodec<JoinRecord>;
  private readonly ttlMs: number | undefined;
  private now = 0;
  private nextSweep = 0;

  constructor(side: JoinSide, ttlMs: number | undefined, spill: StateSpill | undefined) {
    this.side = side;
    this.ttlMs = ttlMs;
    this.codec = keyGrainCodec(() => this.now);
    this.byKey = new SpillableMap(this.codec, spill);
  }

  recordsOf(joinKey: StateKey, into: JoinRecord[]): number {
    into.length = 0;
    const record = this.byKey.read(joinKey);
    if (record === undefined) return 0;
    if (this.ttlMs !== undefined && this.now - record.writtenAt >= this.ttlMs) {
      this.byKey.delete(joinKey);
      return 0;
    }
    into.push(record);
    return 1;
  }

  add(joinKey: StateKey, row: Row, associations: number): void {
    this.byKey.set(joinKey, { row: row.slice(), count: 1, associations, writtenAt: this.now });
  }

  retract(joinKey: StateKey, _row: Row): void {
    this.byKey.delete(joinKey);
  }

  associate(joinKey: StateKey, record: JoinRecord, associations: number): void {
    record.associations = associations;
    record.writtenAt = this.now;
    // Written back: the record may have left the live tier since the match read it.
    this.byKey.set(joinKey, record);
  }

  expire(now: number): void {
    this.now = now;
    if (this.ttlMs === undefined || now < this.nextSweep) return;
    this.nextSweep = now + Math.max(1, Math.floor(this.ttlMs / 2));
    // Spilled keys are not read for this: their expired records go when their key is next read.
    for (const [joinKey, record] of this.byKey.inMemory())
      if (now - record.writtenAt >= this.ttlMs) this.byKey.delete(joinKey);
  }

  snapshotInto(snapshot: Map<SqlValue, SqlValue>): void {
    snapshot.set(joinKeyGrainTable(this.side), this.byKey.checkpointView());
  }

  restoreFrom(snapshot: Map<SqlValue, SqlValue>): void {
    const name = joinKeyGrainTable(this.side);
    const table = snapshot.get(name) as Map<StateKey, SqlValue> | undefined;
    if (table === undefined) throw missingTable(this.side, [name]);
    this.byKey.clear();
    for (const [joinKey, saved] of table) this.byKey.set(joinKey, this.codec.decode(saved));
  }
}

/** The key's row as the join-key-grain table holds it: a list of one record. */
function keyGrainCodec(now: () => number): StateCodec<JoinRecord> {
  return {
    encode: (record) => [savedKeyGrainRecord(null, record)],
    decode: (saved) => keyGrainRecord((saved as SqlValue[][])[0]!, now()),
  };
}
