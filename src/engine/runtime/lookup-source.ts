import type { Row, SqlValue } from "../../common/value.ts";

/**
 * A table a lookup join reads at processing time (Flink's LookupTableSource): the rows it holds now
 * whose columns `columns` (positions in the stored row) equal `values`. The in-memory tables implement
 * it; the store's primary-key tables can later, by their index.
 */
export interface LookupSource {
  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Iterable<Row>;
}
