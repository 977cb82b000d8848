import type { Row } from "../../../common/value.ts";
import { partitionKeyOf } from "../operators/partition-key.ts";

/**
 * Key groups, as Flink assigns keyed state: a key hashes into one of `MAX_PARALLELISM` groups, and
 * instance i of p owns a contiguous range of groups. A checkpoint of an instance's state can then be
 * split by group and handed to other instances when the parallelism changes.
 */
export const MAX_PARALLELISM = 128;

/** FNV-1a over the key's encoding, then a murmur finalizer so near keys spread over the groups. */
function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function keyGroupOf(key: string): number {
  return hashKey(key) % MAX_PARALLELISM;
}

/** Flink's KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup. */
export function instanceOfKeyGroup(group: number, parallelism: number): number {
  return Math.floor((group * parallelism) / MAX_PARALLELISM);
}

/** The instance (of `parallelism`) that owns a row's key, read from the `keys` positions. */
export function keyRouter(keys: readonly number[], parallelism: number): (row: Row) => number {
  const keyOf = partitionKeyOf(keys);
  return (row) => instanceOfKeyGroup(keyGroupOf(keyOf(row)), parallelism);
}
