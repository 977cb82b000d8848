import type { Span } from "../../common/source.ts";
import type { BoundExpr } from "./bound.ts";

const poisoned = new WeakSet<BoundExpr>();

/**
 * Stands in for an expression that failed to bind, after its error was reported. Checks on
 * expressions that contain one are skipped, so one mistake gives one error, not a cascade.
 */
export function errorExpr(span: Span): BoundExpr {
  const expr: BoundExpr = { kind: "literal", value: null, type: { kind: "NULL", nullable: true }, span };
  poisoned.add(expr);
  return expr;
}

export function isError(...exprs: readonly (BoundExpr | undefined)[]): boolean {
  return exprs.some((e) => e !== undefined && poisoned.has(e));
}
