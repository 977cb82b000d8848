import type { SqlValue } from "../../common/value.ts";
import { encodeRow } from "../../store/index.ts";
import type { MemoryTables } from "./memory-table.ts";
import type { Operator } from "./operator.ts";
import { KeyedStateView } from "./state/keyed-state-view.ts";

/** Entries of a keyed section whose encoded size is measured; the rest are estimated from them. */
const SAMPLED_ENTRIES = 256;

/** Where a state's keyed entries are: live objects on the heap, encoded strings in memory, on disk. */
export interface StateTiers {
  readonly live: number;
  readonly encoded: number;
  readonly disk: number;
}

/** Keyed entries, their estimated size and where they are. */
export interface KeyedStateSize {
  readonly entries: number;
  /**
   * Encoded bytes of the entries (the checkpoint's row codec), estimated from a sample of entries per
   * section: a lower bound of what they take on the heap, where rows are arrays of boxed values.
   */
  readonly encodedBytes: number;
  /** Entries per tier; a state without a memory budget keeps all of them live. */
  readonly tiers: StateTiers;
  /** Of `encodedBytes`, the estimate for the entries in the encoded tier. */
  readonly encodedTierEstimate: number;
  /**
   * The bytes the shared encoded tier counts those entries at (exact): their encoding, their key again
   * and a per-entry overhead, so its difference to `encodedTierEstimate` is the tier's own cost.
   */
  readonly encodedTierCounted: number;
}

/** One operator's state: its keyed entries over its sections (deduplicated keys, groups, join keys, partitions). */
export interface OperatorStateSize extends KeyedStateSize {
  /** The exec node, as EXPLAIN prints it. */
  readonly operator: string;
}

/** One in-memory table: a keyed table's live row per key (its entries), and the changes its log keeps. */
export interface TableStateSize extends KeyedStateSize {
  /** The table's qualified name. */
  readonly table: string;
  /** Changes of its changelog kept for readers (`ChangelogRetention`), beside the live rows. */
  readonly keptChanges: number;
}

interface Tally {
  entries: number;
  encodedBytes: number;
  live: number;
  encoded: number;
  disk: number;
  encodedTierEstimate: number;
  encodedTierCounted: number;
}

/**
 * Each operator's state size, from its snapshot: the sections of a snapshot that are maps of keyed
 * entries are counted, and `SAMPLED_ENTRIES` of each, spread evenly, are encoded to estimate the
 * whole. Operators without keyed state (calc, union) report zero entries. A snapshot's keyed sections
 * are views of the operator's state (`KeyedStateView`), read through here without copying, but every
 * entry is visited and those not live are decoded: a diagnostic to run now and then, not per record.
 */
export function operatorStateSizes(operators: readonly Operator[]): OperatorStateSize[] {
  return operators.map((op) => {
    const tally = emptyTally();
    addSnapshot(op.snapshot(), tally);
    return { operator: op.description, ...sizeOf(tally) };
  });
}

/** Each in-memory table's live rows (keyed tables), measured as operators' state is, and its kept changes. */
export function tableStateSizes(tables: MemoryTables): TableStateSize[] {
  return tables.list().map((table) => {
    const tally = emptyTally();
    const live = table.liveRows();
    if (live !== undefined && live.size > 0) addKeyed(live, tally);
    return { table: table.schema.path.join("."), ...sizeOf(tally), keptChanges: table.keptChanges };
  });
}

/** The sum of several states' sizes: a pipeline's, or a report's total line. */
export function totalStateSize(sizes: readonly KeyedStateSize[]): KeyedStateSize {
  const tally = emptyTally();
  for (const size of sizes) {
    tally.entries += size.entries;
    tally.encodedBytes += size.encodedBytes;
    tally.live += size.tiers.live;
    tally.encoded += size.tiers.encoded;
    tally.disk += size.tiers.disk;
    tally.encodedTierEstimate += size.encodedTierEstimate;
    tally.encodedTierCounted += size.encodedTierCounted;
  }
  return sizeOf(tally);
}

function emptyTally(): Tally {
  return {
    entries: 0,
    encodedBytes: 0,
    live: 0,
    encoded: 0,
    disk: 0,
    encodedTierEstimate: 0,
    encodedTierCounted: 0,
  };
}

function sizeOf(tally: Tally): KeyedStateSize {
  return {
    entries: tally.entries,
    encodedBytes: Math.round(tally.encodedBytes),
    tiers: { live: tally.live, encoded: tally.encoded, disk: tally.disk },
    encodedTierEstimate: Math.round(tally.encodedTierEstimate),
    encodedTierCounted: tally.encodedTierCounted,
  };
}

/**
 * A snapshot is a map of named sections (keyed maps, or nested sections as joins' two sides), a keyed
 * map itself (a sink's upsert materializer), or a value.
 */
function addSnapshot(snapshot: SqlValue, tally: Tally): void {
  if (snapshot instanceof KeyedStateView) {
    if (snapshot.size > 0) addKeyed(snapshot, tally);
    return;
  }
  if (!(snapshot instanceof Map)) {
    tally.encodedBytes += encodedSize(snapshot);
    return;
  }
  for (const [section, value] of snapshot) {
    if (value instanceof Map && value.size > 0 && !isSectionMap(value)) addKeyed(value, tally);
    else if (value instanceof Map) addSnapshot(value, tally);
    else tally.encodedBytes += encodedSize([section, value]);
  }
}

/** A map whose values are all maps again is a level of sections (a join's sides), not keyed entries. */
function isSectionMap(map: Map<SqlValue, SqlValue>): boolean {
  if (map instanceof KeyedStateView || map.size > 4) return false;
  for (const value of map.values()) if (!(value instanceof Map)) return false;
  return true;
}

function addKeyed(map: Map<SqlValue, SqlValue>, tally: Tally): void {
  const every = Math.max(1, Math.floor(map.size / SAMPLED_ENTRIES));
  let sampled = 0;
  let sampledBytes = 0;
  let i = 0;
  for (const entry of map) {
    if (i++ % every !== 0) continue;
    sampledBytes += encodedSize(entry);
    sampled++;
  }
  const average = sampledBytes / sampled;
  // A plain map (state without tiers) is all live.
  const state = map instanceof KeyedStateView ? map.state : undefined;
  const encoded = state?.encodedCount ?? 0;
  const disk = state?.spilled ?? 0;
  tally.entries += map.size;
  tally.encodedBytes += average * map.size;
  tally.live += map.size - encoded - disk;
  tally.encoded += encoded;
  tally.disk += disk;
  tally.encodedTierEstimate += average * encoded;
  tally.encodedTierCounted += state?.encodedSize ?? 0;
}

function encodedSize(value: SqlValue): number {
  return encodeRow(Array.isArray(value) ? value : [value]).length;
}
