/**
 * One ORDER BY key of a plan node: an input field, its direction and where NULLs go (Flink's
 * default puts them first when ascending and last when descending, as if NULL were the lowest value).
 */
export interface SortKey {
  readonly index: number;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}
