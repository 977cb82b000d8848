import type { BoundExpr } from "../../sql/binder/bound.ts";
import { isFieldRef } from "./conjuncts.ts";

/** Operators that are NULL when any argument is NULL (Calcite's Strong policy ANY). */
const STRICT = new Set([
  "=",
  "<>",
  "<",
  ">",
  "<=",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "MOD",
  "NEGATE",
  "||",
  "LIKE",
  "NOT LIKE",
  "SIMILAR TO",
  "NOT SIMILAR TO",
  "BETWEEN",
  "NOT BETWEEN",
  "UPPER",
  "LOWER",
  "CHAR_LENGTH",
  "ABS",
  "NOT",
]);

/**
 * Whether a WHERE condition can never be TRUE for a row whose `isPadded` fields are all NULL (Calcite's
 * Strong.isNotTrue): a filter that rejects an outer join's NULL-padded rows turns it into an inner
 * join on that side.
 *
 * `b.y > 0` rejects rows where b's fields are NULL; `b.y IS NULL` and `COALESCE(b.y, 0) > 0` do not.
 */
export function rejectsNulls(expr: BoundExpr, isPadded: (ref: BoundExpr) => boolean): boolean {
  if (expr.kind !== "call") return isNullWhenPadded(expr, isPadded);
  switch (expr.name) {
    case "AND":
      return expr.args.some((a) => rejectsNulls(a, isPadded));
    case "OR":
      return expr.args.every((a) => rejectsNulls(a, isPadded));
    case "IS NOT NULL":
    case "IS TRUE":
      return isNullWhenPadded(expr.args[0]!, isPadded);
    default:
      return isNullWhenPadded(expr, isPadded);
  }
}

/** Whether the expression is NULL when the padded fields are NULL. */
function isNullWhenPadded(expr: BoundExpr, isPadded: (ref: BoundExpr) => boolean): boolean {
  if (isFieldRef(expr)) return isPadded(expr);
  switch (expr.kind) {
    case "literal":
      return expr.value === null;
    case "cast":
      return isNullWhenPadded(expr.operand, isPadded);
    case "fieldAccess":
      return isNullWhenPadded(expr.base, isPadded);
    case "call":
      if (expr.name === "IN" || expr.name === "NOT IN") return isNullWhenPadded(expr.args[0]!, isPadded);
      return STRICT.has(expr.name) && expr.args.some((a) => isNullWhenPadded(a, isPadded));
    default:
      return false;
  }
}
