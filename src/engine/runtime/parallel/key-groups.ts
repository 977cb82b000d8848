import { mixedHash } from "../../../common/string-hash.ts";
import type { Row } from "../../../common/value.ts";
import { partitionKeyOf } from "../operators/partition-key.ts";

/**
 * Key groups, as Flink assigns keyed state: a key hashes into one of `MAX_PARALLELISM` groups, and
 * instance i of p owns a contiguous range of groups. A checkpoint of an instance's state can then be
 * split by group and handed to other instances when the parallelism changes.
 */
export const MAX_PARALLELISM = 128;

/** The key group of a key's encoding: mixed, so near keys spread over the groups. */
export function keyGroupOf(key: string): number {
  return mixedHash(key) % MAX_PARALLELISM;
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
