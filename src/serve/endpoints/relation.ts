import type { Row, SqlValue } from "../../common/value.ts";
import type { TableView } from "../../engine/index.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/** What a column's values are in TypeScript: the families of Flink types an endpoint reads. */
export type ValueKind = "string" | "integer" | "decimal" | "double" | "timestamp" | "date" | "boolean";

/** The columns an endpoint reads from a table, and how: the table must have them, of these kinds. */
export type Shape = Readonly<Record<string, ValueKind>>;

type ValueOf<K extends ValueKind> = K extends "string"
  ? string
  : K extends "decimal"
    ? bigint
    : K extends "boolean"
      ? boolean
      : number;

/** A row as a record typed by its shape: DECIMAL as unscaled bigints, times as epoch ms (common/value.ts). */
export type RecordOf<S extends Shape> = { readonly [K in keyof S]: ValueOf<S[K]> | null };

/**
 * Rows an endpoint reads, as typed records, with each column's Flink type (which decides how an
 * aggregate over it is typed and encoded) and the columns that identify a row (the last tiebreak of
 * every ordering, so results never depend on storage order).
 */
export interface Relation<R> {
  readonly name: string;
  readonly columns: ReadonlyMap<string, DataType>;
  readonly key: readonly (keyof R & string)[];
  rows(): readonly R[];
}

const KIND_OF: Readonly<Record<string, ValueKind>> = {
  CHAR: "string",
  VARCHAR: "string",
  TINYINT: "integer",
  SMALLINT: "integer",
  INT: "integer",
  BIGINT: "integer",
  DECIMAL: "decimal",
  FLOAT: "double",
  DOUBLE: "double",
  TIMESTAMP: "timestamp",
  TIMESTAMP_LTZ: "timestamp",
  DATE: "date",
  BOOLEAN: "boolean",
};

/**
 * A stored table read as records of `shape`. The table must have every column of the shape with a
 * type of that kind; a mismatch is an error when the endpoint is built, not a wrong answer later.
 * Records are views over the stored rows (getters on one prototype), so reading a table costs one
 * small object per row, whatever its width.
 */
export function tableRelation<S extends Shape>(table: TableView, shape: S): Relation<RecordOf<S>> {
  const name = table.schema.path[table.schema.path.length - 1]!;
  const positions = new Map(table.columns.map((c, i) => [c.name, i]));
  const columns = new Map<string, DataType>();
  const problems: string[] = [];
  for (const [column, kind] of Object.entries(shape)) {
    const at = positions.get(column);
    const type = at === undefined ? undefined : table.columns[at]!.type;
    if (!type) problems.push(`has no column ${column}`);
    else if (KIND_OF[type.kind] !== kind) problems.push(`column ${column} is ${type.kind}, not ${kind}`);
    else columns.set(column, type);
  }
  for (const column of table.primaryKey)
    if (!columns.has(column)) problems.push(`key column ${column} is not in the shape read`);
  if (problems.length > 0)
    throw new Error(`table ${name} cannot serve these endpoints: ${problems.join("; ")}`);

  const prototype = {};
  for (const column of columns.keys()) {
    const at = positions.get(column)!;
    Object.defineProperty(prototype, column, {
      get(this: { row: Row }): SqlValue {
        return this.row[at]!;
      },
      enumerable: true,
    });
  }
  return {
    name,
    columns,
    key: table.primaryKey as (keyof RecordOf<S> & string)[],
    rows: () => table.rows().map((row) => Object.assign(Object.create(prototype), { row })),
  };
}

/** Records computed from other relations (joins, pre-aggregations), with their columns' types. */
export function derivedRelation<R>(
  name: string,
  columns: { readonly [K in keyof R & string]: DataType },
  key: readonly (keyof R & string)[],
  rows: () => readonly R[],
): Relation<R> {
  return { name, columns: new Map(Object.entries(columns) as [string, DataType][]), key, rows };
}
