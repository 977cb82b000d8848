import type { Expr } from "../ast/expression.ts";
import type { Query } from "../ast/query.ts";
import type { Statement } from "../ast/statement.ts";
import type { DataType } from "../types/data-type.ts";

/** A time attribute makes a column usable for windows, interval joins and watermarks. */
export type TimeAttribute = "rowtime" | "proctime";

export interface ColumnSchema {
  readonly name: string;
  readonly type: DataType;
  readonly origin: "physical" | "computed" | "metadata" | "system";
  /** The expression of a computed column. */
  readonly expr?: Expr;
  /** Metadata key of a metadata column (its own name when `FROM` is absent). */
  readonly metadataKey?: string;
  /** VIRTUAL metadata and computed columns are read-only: INSERT does not write them. */
  readonly virtual: boolean;
  readonly timeAttribute?: TimeAttribute;
  /** System columns such as Confluent's `$rowtime` are addressable by name but not part of `*`. */
  readonly hidden: boolean;
  readonly comment?: string;
}

/** What {@link newColumnSchema} takes beyond a column's name, type and origin; absent = undefined or false. */
export interface ColumnSchemaParts {
  readonly expr?: Expr;
  readonly metadataKey?: string;
  readonly virtual?: boolean;
  readonly timeAttribute?: TimeAttribute;
  readonly hidden?: boolean;
  readonly comment?: string;
}

const NO_PARTS: ColumnSchemaParts = {};

/**
 * A column schema with every field present (absent ones undefined) in one order. The binder reads
 * columns of every origin at the same sites (name lookups, a table's output columns), which stay
 * monomorphic when all columns share one object shape; copies made by spreading one keep it.
 */
export function newColumnSchema(
  name: string,
  type: DataType,
  origin: ColumnSchema["origin"],
  parts: ColumnSchemaParts = NO_PARTS,
): ColumnSchema {
  return {
    name,
    type,
    origin,
    expr: parts.expr,
    metadataKey: parts.metadataKey,
    virtual: parts.virtual ?? false,
    timeAttribute: parts.timeAttribute,
    hidden: parts.hidden ?? false,
    comment: parts.comment,
  };
}

export interface WatermarkSchema {
  readonly column: string;
  readonly expr: Expr;
}

export interface DistributionSchema {
  readonly algorithm?: "HASH" | "RANGE";
  readonly columns: readonly string[];
  readonly buckets?: number;
}

/** Everything the binder, planner and pipeline tools know about a table, view or materialized table. */
export interface TableSchema {
  /** Fully qualified: `[catalog, database, table]`. */
  readonly path: readonly [string, string, string];
  readonly kind: "table" | "view" | "materializedTable";
  readonly temporary: boolean;
  readonly columns: readonly ColumnSchema[];
  readonly primaryKey?: readonly string[];
  readonly watermark?: WatermarkSchema;
  readonly distribution?: DistributionSchema;
  readonly partitionedBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly comment?: string;
  /** The defining query of a view or materialized table. */
  readonly query?: Query;
  /** The statement that created it, for SHOW CREATE TABLE and lineage. */
  readonly definition: Statement;
}

/** Confluent Cloud's system column: the Kafka record timestamp, the default event-time attribute. */
export const ROWTIME_COLUMN = "$rowtime";

/** A table with no `connector` option is a Confluent-style table: a topic in the default store. */
export function isConfluentStyle(options: Readonly<Record<string, string>>): boolean {
  return options.connector === undefined;
}

export function visibleColumns(table: TableSchema): readonly ColumnSchema[] {
  return table.columns.filter((c) => !c.hidden);
}
