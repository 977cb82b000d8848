import type { Row, SqlValue } from "../../../common/value.ts";
import type { StoreTableView } from "../../../connectors/index.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import { valuesEqual } from "../expr/index.ts";
import type { LookupSource } from "../lookup-source.ts";

/**
 * A lookup join's right side when it is a table of the embedded store: the table's served view
 * (the one `Engine.table` gives, caught up with the topic at every probe). A probe on exactly the
 * primary key reads the view's primary-key table; any other probe scans the current rows.
 */
export class StoreLookupSource implements LookupSource {
  private readonly view: StoreTableView;
  /** Positions of the primary key's columns in the stored row, in key order. */
  private readonly keyPositions: readonly number[];

  constructor(view: StoreTableView, table: TableSchema, stored: readonly number[]) {
    this.view = view;
    this.keyPositions = (table.primaryKey ?? []).map((name) =>
      stored.indexOf(table.columns.findIndex((c) => c.name === name)),
    );
  }

  lookupBy(columns: readonly number[], values: readonly SqlValue[]): Iterable<Row> {
    const key = this.keyPositions;
    if (key.length > 0 && key.length === columns.length && key.every((k) => columns.includes(k))) {
      const row = this.view.lookup(key.map((k) => values[columns.indexOf(k)]!));
      return row === undefined ? [] : [row];
    }
    return this.view.rows().filter((row) => columns.every((c, i) => valuesEqual(row[c]!, values[i]!)));
  }
}
