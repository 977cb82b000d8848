import type { SqlValue } from "../../../common/value.ts";
import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { logicalCalc } from "../logical/calc.ts";
import { logicalValues } from "../logical/values.ts";
import { isDeterministic, rewriteExpr, someExpr } from "../rewrite-expr.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/** Evaluates an expression that reads no column; throws when it fails (then it is left as is). */
export type ConstantEvaluator = (expr: BoundExpr) => SqlValue;

/**
 * Replaces every deterministic sub-expression that reads no column by its value (Flink's
 * ExpressionReducer), and drops a Calc condition that is always TRUE. The evaluator is injected
 * so the planner does not depend on the runtime; an expression whose evaluation fails stays, so its
 * error is raised at run time for the row, as in Flink.
 *
 * Calc(select=[+(a, *(2, 3))], where=[=(1, 1)]) → Calc(select=[+(a, 6)])
 */
export function foldConstants(evaluate: ConstantEvaluator): Rule {
  const fold = (expr: BoundExpr): BoundExpr =>
    rewriteExpr(expr, (e) => {
      if (e.kind === "literal" || e.kind === "timeUnit" || !isConstant(e)) return undefined;
      try {
        return { kind: "literal", value: evaluate(e), type: e.type, span: e.span };
      } catch {
        return undefined;
      }
    });
  return {
    name: "fold_constants",
    apply(plan) {
      if (plan.kind === "values") {
        const rows = plan.rows.map((row) => row.map(fold));
        const same = rows.every((row, r) => row.every((e, i) => e === plan.rows[r]![i]));
        return same ? unchanged(plan) : changed(logicalValues(rows, plan.fields));
      }
      if (plan.kind !== "calc") return unchanged(plan);
      const projections = plan.projections.map(fold);
      let condition = plan.condition ? fold(plan.condition) : undefined;
      if (condition?.kind === "literal" && condition.value === true) condition = undefined;
      const same = condition === plan.condition && projections.every((p, i) => p === plan.projections[i]);
      return same ? unchanged(plan) : changed(logicalCalc(plan.input, projections, condition, plan.fields));
    },
  };
}

function isConstant(expr: BoundExpr): boolean {
  return (
    isDeterministic(expr) &&
    !someExpr(
      expr,
      (e) =>
        e.kind === "column" ||
        e.kind === "outerColumn" ||
        e.kind === "groupRef" ||
        e.kind === "aggregateRef" ||
        e.kind === "windowRef",
    )
  );
}
