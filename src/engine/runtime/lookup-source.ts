import type { Row, SqlValue } from "../../common/value.ts";

/**
 * A table a lookup join reads at processing time (Flink's LookupTableSource): the rows it holds now
 * whose columns `columns` (positions in the stored row) equal `values`. The in-memory tables implement
 * it, and `StoreLookupSource` for tables of the embedded store (io/store-lookup-source.ts).
 */
export interface LookupSource {
  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Iterable<Row>;
}
