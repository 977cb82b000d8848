import type { SqlValue } from "../../common/value.ts";
import { encodeRow } from "../../store/index.ts";
import type { Operator } from "./operator.ts";

/** Entries of a keyed section whose encoded size is measured; the rest are estimated from them. */
const SAMPLED_ENTRIES = 256;

/** One operator's state: how many keyed entries it holds and their size as a checkpoint writes them. */
export interface OperatorStateSize {
  /** The exec node, as EXPLAIN prints it. */
  readonly operator: string;
  /** Keyed entries over its state's sections (deduplicated keys, groups, join keys, partitions). */
  readonly entries: number;
  /**
   * Encoded bytes of its state (the checkpoint's row codec), estimated from a sample of entries per
   * section: a lower bound of what the state takes on the heap, where rows are arrays of boxed values.
   */
  readonly encodedBytes: number;
}

/**
 * Each operator's state size, from its snapshot: the sections of a snapshot that are maps of keyed
 * entries are counted, and `SAMPLED_ENTRIES` of each, spread evenly, are encoded to estimate the
 * whole. Operators without keyed state (calc, union) report zero entries. Taking a snapshot copies
 * the keyed maps (not the rows), so this is a diagnostic to run now and then, not per record.
 */
export function operatorStateSizes(operators: readonly Operator[]): OperatorStateSize[] {
  return operators.map((op) => {
    const size = { entries: 0, encodedBytes: 0 };
    addSnapshot(op.snapshot(), size);
    return { operator: op.description, entries: size.entries, encodedBytes: Math.round(size.encodedBytes) };
  });
}

/** A snapshot is a map of named sections (keyed maps, or nested sections as joins' two sides), or a value. */
function addSnapshot(snapshot: SqlValue, size: { entries: number; encodedBytes: number }): void {
  if (!(snapshot instanceof Map)) {
    size.encodedBytes += encodedSize(snapshot);
    return;
  }
  for (const [section, value] of snapshot) {
    if (value instanceof Map && value.size > 0 && !isSectionMap(value)) addKeyed(value, size);
    else if (value instanceof Map) addSnapshot(value, size);
    else size.encodedBytes += encodedSize([section, value]);
  }
}

/** A map whose values are all maps again is a level of sections (a join's sides), not keyed entries. */
function isSectionMap(map: Map<SqlValue, SqlValue>): boolean {
  if (map.size > 4) return false;
  for (const value of map.values()) if (!(value instanceof Map)) return false;
  return true;
}

function addKeyed(map: Map<SqlValue, SqlValue>, size: { entries: number; encodedBytes: number }): void {
  const every = Math.max(1, Math.floor(map.size / SAMPLED_ENTRIES));
  let sampled = 0;
  let sampledBytes = 0;
  let i = 0;
  for (const entry of map) {
    if (i++ % every !== 0) continue;
    sampledBytes += encodedSize(entry);
    sampled++;
  }
  size.entries += map.size;
  size.encodedBytes += (sampledBytes / sampled) * map.size;
}

function encodedSize(value: SqlValue): number {
  return encodeRow(Array.isArray(value) ? value : [value]).length;
}
