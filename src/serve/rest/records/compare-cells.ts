import type { SqlValue } from "../../../common/value.ts";
import { compareValues } from "../../../engine/index.ts";

/**
 * A total order on the values of one column: the runtime's order (NULL first), with NaN above every
 * other number and equal to itself, as Java's Double.compare has it. Pages need a total order; without
 * one a NaN would compare equal to every number and paging would skip or repeat rows.
 */
export function compareCells(a: SqlValue, b: SqlValue): number {
  if (typeof a === "number" && typeof b === "number" && (Number.isNaN(a) || Number.isNaN(b)))
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return compareValues(a, b);
}
