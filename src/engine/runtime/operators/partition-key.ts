import type { Row, SqlValue } from "../../../common/value.ts";
import { encodeKey } from "../../../store/index.ts";

/**
 * The state key of a row's partition (`encodeKey` of its partition fields), read without allocating
 * on the hot path: the fields are copied into one reused array.
 */
export function partitionKeyOf(keys: readonly number[]): (row: Row) => string {
  const values = new Array<SqlValue>(keys.length).fill(null);
  return (row) => {
    for (let i = 0; i < keys.length; i++) values[i] = row[keys[i]!]!;
    return encodeKey(values);
  };
}
