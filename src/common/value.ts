/**
 * How Flink SQL values live at run time. One convention for every module (engine, store, formats,
 * connectors, serving), chosen for speed: rows are plain arrays, values are JS primitives where one fits.
 *
 * | Flink type                                   | JS value                                        |
 * |----------------------------------------------|-------------------------------------------------|
 * | NULL of any type                             | `null`                                          |
 * | BOOLEAN                                      | `boolean`                                       |
 * | TINYINT, SMALLINT, INT, BIGINT               | `number` (an integer; BIGINT beyond ±2^53 is an out-of-range error) |
 * | FLOAT, DOUBLE                                | `number`                                        |
 * | DECIMAL(p, s)                                | `bigint`: the unscaled value, value × 10^s      |
 * | CHAR, VARCHAR, STRING                        | `string`                                        |
 * | BINARY, VARBINARY, BYTES                     | `Uint8Array`                                    |
 * | DATE                                         | `number`: days since 1970-01-01                 |
 * | TIME(p)                                      | `number`: milliseconds since midnight           |
 * | TIMESTAMP(p), TIMESTAMP_LTZ(p)               | `number`: milliseconds since the epoch (UTC); sub-millisecond digits are dropped |
 * | INTERVAL YEAR TO MONTH                       | `number`: months                                |
 * | INTERVAL DAY TO SECOND                       | `number`: milliseconds                          |
 * | ARRAY<T>                                     | `SqlValue[]`                                    |
 * | MAP<K, V>                                    | `Map<SqlValue, SqlValue>`                       |
 * | MULTISET<T>                                  | `Map<SqlValue, number>`: element → count        |
 * | ROW<...>                                     | `SqlValue[]`, positional                        |
 */
export type SqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | SqlValue[]
  | Map<SqlValue, SqlValue>;

/** A row: one value per column, in schema order. */
export type Row = SqlValue[];
