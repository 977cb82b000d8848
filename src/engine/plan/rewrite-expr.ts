import type { BoundExpr } from "../../sql/binder/bound.ts";

/**
 * Rebuilds an expression bottom-up, replacing every node `replace` returns a value for. A subquery's
 * query is not entered: the planner decorrelates subqueries into joins before it rewrites.
 */
export function rewriteExpr(expr: BoundExpr, replace: (e: BoundExpr) => BoundExpr | undefined): BoundExpr {
  const replaced = replace(expr);
  if (replaced) return replaced;
  const r = (e: BoundExpr): BoundExpr => rewriteExpr(e, replace);
  switch (expr.kind) {
    case "call":
      return { ...expr, args: expr.args.map(r) };
    case "cast":
      return { ...expr, operand: r(expr.operand) };
    case "case":
      return {
        ...expr,
        whens: expr.whens.map((w) => ({ when: r(w.when), then: r(w.then) })),
        ...(expr.else ? { else: r(expr.else) } : {}),
      };
    case "fieldAccess":
      return { ...expr, base: r(expr.base) };
    default:
      return expr;
  }
}

/** Whether any node of the expression satisfies `test`. */
export function someExpr(expr: BoundExpr, test: (e: BoundExpr) => boolean): boolean {
  if (test(expr)) return true;
  switch (expr.kind) {
    case "call":
      return expr.args.some((a) => someExpr(a, test));
    case "cast":
      return someExpr(expr.operand, test);
    case "case":
      return (
        expr.whens.some((w) => someExpr(w.when, test) || someExpr(w.then, test)) ||
        (expr.else !== undefined && someExpr(expr.else, test))
      );
    case "fieldAccess":
      return someExpr(expr.base, test);
    case "subquery":
      return true;
    default:
      return false;
  }
}

/** Functions whose value changes between calls: a rule must not duplicate or fold them. */
const NON_DETERMINISTIC = new Set([
  "RAND",
  "RAND_INTEGER",
  "UUID",
  "NOW",
  "PROCTIME",
  "CURRENT_TIMESTAMP",
  "CURRENT_ROW_TIMESTAMP",
  "LOCALTIMESTAMP",
  "LOCALTIME",
  "CURRENT_TIME",
  "CURRENT_DATE",
  "UNIX_TIMESTAMP",
]);

export function isDeterministic(expr: BoundExpr): boolean {
  return !someExpr(
    expr,
    (e) =>
      // A user function is deterministic when its implementation declares so (the default).
      (e.kind === "call" &&
        (NON_DETERMINISTIC.has(e.name) ||
          (e.userFunction !== undefined && e.userFunction.signature?.deterministic !== true))) ||
      e.kind === "parameter",
  );
}

export const NO_SPAN = Object.freeze({ start: 0, end: 0, line: 1, col: 1 });
