import type { SqlValue } from "../../common/value.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import type { ApiError } from "../rest/api-error.ts";
import type { Measure } from "./measures.ts";
import type { ParamDecls, ParamValues } from "./params.ts";

/** The parameters of a query that takes none. */
export type NoParams = Readonly<Record<never, never>>;

/** An output that is a column of the record (ungrouped) or a GROUP BY column (grouped). */
export interface ColumnOutput<R> {
  readonly kind: "column";
  readonly column: keyof R & string;
}

/** An output computed from the record and the parameters, of a declared type (ungrouped queries). */
export interface ComputedOutput<R, P> {
  readonly kind: "computed";
  readonly type: DataType;
  compute(record: R, params: P): SqlValue;
}

export type Output<R, P> = ColumnOutput<R> | ComputedOutput<R, P> | Measure<R>;

/** `ORDER BY output ASC|DESC NULLS LAST`, or by a fixed sequence of values (others after, by value). */
export type Order =
  | { readonly output: string; readonly direction: "asc" | "desc" }
  | { readonly output: string; readonly sequence: readonly SqlValue[] };

/**
 * A query, read like the SQL it stands for:
 *
 *   SELECT <select> FROM <relation> WHERE <where> GROUP BY <groupBy> ORDER BY <orderBy> LIMIT <limit>
 *
 * The response is an array of objects with the `select` names as fields, in `select` order; each
 * field's type (the column's, or the aggregate's) decides its JSON encoding and schema, the same as
 * records' fields. Every ordering ends with the group keys (grouped) or the relation's key (ungrouped),
 * so equal sort values never leave the order to chance.
 */
export interface Query<R, D extends ParamDecls = NoParams> {
  readonly params?: D;
  /** Checks across parameters (`min ≤ max`); the ApiError is the 400 answered. */
  readonly validate?: (params: ParamValues<D>) => ApiError | undefined;
  readonly where?: (record: R, params: ParamValues<D>) => boolean;
  /** Grouped (and aggregated) when present; `[]` aggregates all records into one row. */
  readonly groupBy?: readonly (keyof R & string)[];
  readonly select: Readonly<Record<string, Output<R, ParamValues<D>>>>;
  readonly orderBy?: readonly Order[];
  readonly limit?: (params: ParamValues<D>) => number;
}

/** A query served as a product endpoint. */
export interface QuerySpec<R, D extends ParamDecls = NoParams> extends Query<R, D> {
  /** Below `/products/<id>/`, e.g. `marketing/churn-risk-customers`. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
}

/** A column of the record, or of the GROUP BY. */
export function column<R>(name: keyof R & string): ColumnOutput<R> {
  return { kind: "column", column: name };
}

/** A value computed per record: a CASE, a concatenation of flags. */
export function computed<R, P>(
  type: DataType,
  compute: (record: R, params: P) => SqlValue,
): ComputedOutput<R, P> {
  return { kind: "computed", type, compute };
}

export const asc = (output: string): Order => ({ output, direction: "asc" });
export const desc = (output: string): Order => ({ output, direction: "desc" });
export const inSequence = (output: string, sequence: readonly SqlValue[]): Order => ({ output, sequence });
