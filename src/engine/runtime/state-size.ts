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

/** A size being summed up: KeyedStateSize, writable, its tiers too. */
type Tally = { -readonly [F in Exclude<keyof KeyedStateSize, "tiers">]: KeyedStateSize[F] } & {
  tiers: { -readonly [T in keyof StateTiers]: number };
};

/**
 * Each operator's state size, from its snapshot: the sections of a snapshot that are maps of keyed
 * entries are counted, and `SAMPLED_ENTRIES` of each, spread evenly, are encoded to estimate the
 * whole. Operators without keyed state (calc, union) report zero entries. A snapshot's keyed sections
 * are views of the operator's state (`KeyedStateView`), read through here without copying: the
 * entries in memory are visited (only the sampled ones encoded or decoded), those on disk are not
 * read, their spill file counts their bytes. A diagnostic to run now and then, not per record.
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
  for (const size of sizes) addSize(size, tally);
  return sizeOf(tally);
}

function addSize(size: KeyedStateSize, tally: Tally): void {
  tally.entries += size.entries;
  tally.encodedBytes += size.encodedBytes;
  tally.tiers.live += size.tiers.live;
  tally.tiers.encoded += size.tiers.encoded;
  tally.tiers.disk += size.tiers.disk;
  tally.encodedTierEstimate += size.encodedTierEstimate;
  tally.encodedTierCounted += size.encodedTierCounted;
}

function emptyTally(): Tally {
  return {
    entries: 0,
    encodedBytes: 0,
    tiers: { live: 0, encoded: 0, disk: 0 },
    encodedTierEstimate: 0,
    encodedTierCounted: 0,
  };
}

/** The tally as a report shows it: estimates rounded to whole bytes. */
function sizeOf(tally: Tally): KeyedStateSize {
  return {
    ...tally,
    encodedBytes: Math.round(tally.encodedBytes),
    tiers: { ...tally.tiers },
    encodedTierEstimate: Math.round(tally.encodedTierEstimate),
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

/**
 * A keyed map's entries, and their encoded size from a sample: for an operator's tiered state, a
 * sample of the entries in memory, while those on disk are counted exactly by their spill file,
 * so that a report neither reads nor decodes them.
 */
function addKeyed(map: Map<SqlValue, SqlValue>, tally: Tally): void {
  const state = map instanceof KeyedStateView ? map.state : undefined;
  if (map instanceof KeyedStateView) map.assertCurrent();
  // A plain map (state without tiers) is all live.
  const encoded = state?.encodedCount ?? 0;
  const disk = state?.spilled ?? 0;
  const inMemory = map.size - disk;
  const average =
    inMemory === 0
      ? 0
      : averageEncodedSize(state ? state.encodedSampleInMemory(SAMPLED_ENTRIES) : evenlySpread(map));
  tally.entries += map.size;
  tally.encodedBytes += average * inMemory + (state?.spilledBytes ?? 0);
  tally.tiers.live += inMemory - encoded;
  tally.tiers.encoded += encoded;
  tally.tiers.disk += disk;
  tally.encodedTierEstimate += average * encoded;
  tally.encodedTierCounted += state?.encodedSize ?? 0;
}

/** About SAMPLED_ENTRIES of a map's entries, evenly spread. */
function* evenlySpread(map: Map<SqlValue, SqlValue>): IterableIterator<[SqlValue, SqlValue]> {
  const every = Math.max(1, Math.floor(map.size / SAMPLED_ENTRIES));
  let i = 0;
  for (const entry of map) if (i++ % every === 0) yield entry;
}

function averageEncodedSize(entries: Iterable<[SqlValue, SqlValue]>): number {
  let bytes = 0;
  let count = 0;
  for (const entry of entries) {
    bytes += encodedSize(entry);
    count++;
  }
  return count === 0 ? 0 : bytes / count;
}

function encodedSize(value: SqlValue): number {
  return encodeRow(Array.isArray(value) ? value : [value]).length;
}
