import type { Row, SqlValue } from "../../../common/value.ts";
import { badParameter } from "../api-error.ts";
import type { ServedColumn, ServedProduct } from "../served-product.ts";
import { compareCells } from "./compare-cells.ts";
import { isOrdered } from "./filters.ts";

/** At most this many sort columns: enough for real orderings, small enough to keep a page cheap. */
export const MAX_SORT_KEYS = 3;

/**
 * The total order of a listing: the requested columns, then the primary key (ascending) so equal
 * values still have a stable order, or the row's position for an append-only table. NULL sorts first
 * ascending and last descending. Rows are compared as tuples of these values; a cursor is such a tuple.
 */
export interface SortOrder {
  /** The canonical `sort` text, stored in cursors so a cursor is only used with its own ordering. */
  readonly text: string;
  readonly parts: readonly SortPart[];
}

export type SortPart =
  | { readonly kind: "column"; readonly column: ServedColumn; readonly descending: boolean }
  | { readonly kind: "position" };

/** A row with its position in the table's rows, the tie-breaker of append-only tables. */
export interface PositionedRow {
  readonly row: Row;
  readonly position: number;
}

export function parseSortOrder(product: ServedProduct, sort: string | undefined): SortOrder {
  const requested = sort === undefined || sort === "" ? [] : sort.split(",");
  if (requested.length > MAX_SORT_KEYS)
    throw badParameter("sort", `at most ${MAX_SORT_KEYS} columns, got ${requested.length}`);
  const parts: SortPart[] = requested.map((item) => {
    const descending = item.startsWith("-");
    const name = descending ? item.slice(1) : item;
    const column = product.column(name);
    if (!column) throw badParameter("sort", `'${name}' is not a column of ${product.id}`);
    if (!isOrdered(column))
      throw badParameter("sort", `${name} (${column.contract.logicalType}) has no order`);
    return { kind: "column", column, descending };
  });
  const named = new Set(parts.map((p) => (p.kind === "column" ? p.column.name : "")));
  if (named.size !== parts.length) throw badParameter("sort", "names a column twice");
  if (product.key.length === 0) parts.push({ kind: "position" });
  for (const column of product.key)
    if (!named.has(column.name)) parts.push({ kind: "column", column, descending: false });
  return { text: requested.join(","), parts };
}

/** The values a row is ordered by. */
export function sortTuple(order: SortOrder, entry: PositionedRow): SqlValue[] {
  return order.parts.map((p) => (p.kind === "position" ? entry.position : entry.row[p.column.index]!));
}

export function compareTuples(order: SortOrder, a: readonly SqlValue[], b: readonly SqlValue[]): number {
  for (let i = 0; i < order.parts.length; i++) {
    const part = order.parts[i]!;
    const c = compareCells(a[i]!, b[i]!);
    if (c !== 0) return part.kind === "column" && part.descending ? -c : c;
  }
  return 0;
}
