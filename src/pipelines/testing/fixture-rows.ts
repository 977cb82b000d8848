import { ROW_KINDS, type RowKind } from "../../common/changelog.ts";
import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";

/** A column a fixture may name: one of the table's stored (physical) columns. */
export interface FixtureColumn {
  readonly name: string;
  readonly type: DataType;
}

export interface FixtureRow {
  /** From the `op` column; `+I` when the file has none. */
  readonly kind: RowKind;
  /** One value per column of `FixtureRows.columns`. */
  readonly values: readonly SqlValue[];
  readonly line: number;
}

/** Rows of a CSV or YAML fixture, typed by the table's columns. */
export interface FixtureRows {
  /** Project-relative path. */
  readonly file: string;
  /** The table columns the file names, in the file's order; the others are NULL (inputs) or not compared. */
  readonly columns: readonly FixtureColumn[];
  /** The file has an `op` column: its rows are a changelog (`+I`, `-U`, `+U`, `-D`). */
  readonly changelog: boolean;
  readonly rows: readonly FixtureRow[];
}

/** How a fixture is read: inputs must give every NOT NULL column. */
export interface FixtureUse {
  readonly table: string;
  readonly columns: readonly FixtureColumn[];
  readonly input: boolean;
}

export const OP_COLUMN = "op";

export function parseRowKind(text: string): RowKind | undefined {
  return ROW_KINDS.find((k) => k === text.trim());
}

/** Why a column name is not one of the table's, with the columns it could be. */
export function unknownColumnMessage(name: string, use: FixtureUse): string {
  const near = use.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const hint = near
    ? ` (did you mean '${near.name}'? names are case-sensitive)`
    : ` (columns: ${use.columns.map((c) => c.name).join(", ")}, and '${OP_COLUMN}' for a changelog)`;
  return `'${name}' is not a column of ${use.table}${hint}`;
}

export const badRowKindMessage = (text: string): string =>
  `'${text}' is not a row kind: use ${ROW_KINDS.join(", ")}`;

export const notNullMessage = (column: FixtureColumn, table: string): string =>
  `column '${column.name}' of ${table} is NOT NULL: give it a value`;
