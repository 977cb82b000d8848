import type { BoundExpr, ColumnBinding } from "../../sql/binder/bound.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { NO_SPAN } from "./rewrite-expr.ts";

/**
 * What sits at one position of a plan node's output row, so a BoundExpr resolved by the binder can
 * find its value: a column of a relation (`ColumnBinding`), the i-th GROUP BY key or aggregate of the
 * select being planned. Columns only the planner makes (VALUES output, a grouping set's `$e`) are
 * columns of a binding below zero (see PlanContext).
 */
export type Slot =
  | { readonly kind: "column"; readonly ref: ColumnBinding }
  | { readonly kind: "group"; readonly index: number }
  | { readonly kind: "aggregate"; readonly index: number }
  | { readonly kind: "window"; readonly index: number };

/** A plan node's output: one named, typed field per position, and what each position holds. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly slot: Slot;
}

export type Fields = readonly Field[];

export function columnSlot(binding: number, column: number): Slot {
  return { kind: "column", ref: { binding, column } };
}

/** The index of the field a column-like expression reads, or -1. */
export function slotIndex(fields: Fields, expr: BoundExpr): number {
  switch (expr.kind) {
    case "column":
      return fields.findIndex(
        (f) =>
          f.slot.kind === "column" &&
          f.slot.ref.binding === expr.binding &&
          f.slot.ref.column === expr.column,
      );
    case "groupRef":
      return fields.findIndex((f) => f.slot.kind === "group" && f.slot.index === expr.index);
    case "aggregateRef":
      return fields.findIndex((f) => f.slot.kind === "aggregate" && f.slot.index === expr.index);
    case "windowRef":
      return fields.findIndex((f) => f.slot.kind === "window" && f.slot.index === expr.index);
    default:
      return -1;
  }
}

/** A plain field reference at a known position, for expressions the planner builds itself. */
export function fieldRef(fields: Fields, index: number): BoundExpr {
  const field = fields[index]!;
  const span = NO_SPAN;
  switch (field.slot.kind) {
    case "column":
      return {
        kind: "column",
        binding: field.slot.ref.binding,
        column: field.slot.ref.column,
        name: field.name,
        type: field.type,
        span,
      };
    case "group":
      return { kind: "groupRef", index: field.slot.index, type: field.type, span };
    case "aggregate":
      return { kind: "aggregateRef", index: field.slot.index, type: field.type, span };
    case "window":
      return { kind: "windowRef", index: field.slot.index, type: field.type, span };
  }
}

/**
 * Fields that are the columns of `binding`, in order: what a derived table (subquery, view, CTE)
 * exposes to the query around it, and what a node the planner makes produces.
 */
export function relabel(
  columns: readonly { readonly name: string; readonly type: DataType }[],
  binding: number,
): Field[] {
  return columns.map((c, i) => ({ name: c.name, type: c.type, slot: columnSlot(binding, i) }));
}
