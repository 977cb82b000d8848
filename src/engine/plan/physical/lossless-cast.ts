import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { DataType } from "../../../sql/types/data-type.ts";

const INTEGER_WIDTH: Partial<Record<DataType["kind"], number>> = {
  TINYINT: 1,
  SMALLINT: 2,
  INT: 4,
  BIGINT: 8,
};

/** Whether every value of `from` keeps its identity as a value of `to` (no two values meet). */
function isLossless(from: DataType, to: DataType): boolean {
  const isText = (t: DataType) => t.kind === "CHAR" || t.kind === "VARCHAR";
  if (isText(from) && isText(to)) {
    const length = (t: DataType) => ("length" in t ? t.length : 0);
    // CHAR(n) → VARCHAR(≥ n) keeps the characters as they are.
    return length(to) >= length(from) && (to.kind === "VARCHAR" || from.kind === "CHAR");
  }
  const a = INTEGER_WIDTH[from.kind];
  const b = INTEGER_WIDTH[to.kind];
  if (a !== undefined && b !== undefined) return b >= a;
  return (
    from.kind === to.kind &&
    JSON.stringify({ ...from, nullable: true }) === JSON.stringify({ ...to, nullable: true })
  );
}

/**
 * The column a projection passes on unchanged up to a lossless CAST (`CAST(k AS STRING)` of a CHAR
 * key), as Flink's unique-key metadata treats such casts: an upsert key survives it.
 */
export function keyPreservingOperand(expr: BoundExpr): BoundExpr {
  let current = expr;
  while (current.kind === "cast" && isLossless(current.operand.type, current.type)) current = current.operand;
  return current;
}
