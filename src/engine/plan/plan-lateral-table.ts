import type { BoundExpr, BoundRelation } from "../../sql/binder/bound.ts";
import { withNullability } from "../../sql/types/constructors.ts";
import { relabel } from "./layout.ts";
import { type LogicalCorrelate, logicalCorrelate } from "./logical/correlate.ts";
import type { JoinType } from "./logical/join.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { notSupported, PlanError } from "./plan-error.ts";
import { uniqueNames } from "./unique-names.ts";

type TableFunctionRelation = Extract<BoundRelation, { kind: "tableFunction" }>;

/**
 * `left, LATERAL TABLE(f(x)) AS T(a, b)`, `JOIN LATERAL TABLE(...) ON cond` and `LEFT JOIN LATERAL
 * TABLE(...) ON TRUE`: a Correlate calling the user-defined table function once per left row. As in
 * Flink, a LEFT join's condition can only be TRUE.
 */
export function planLateralTable(
  left: LogicalPlan,
  relation: TableFunctionRelation,
  joinType: JoinType,
  condition: BoundExpr | undefined,
): LogicalCorrelate {
  const fn = relation.userFunction;
  if (!fn) throw notSupported(`The table function ${relation.name}`, relation.span);
  if (joinType !== "INNER" && joinType !== "LEFT")
    throw new PlanError(
      `a table function can be INNER or LEFT joined to its input, not ${joinType} joined`,
      relation.span,
    );
  const on = condition?.kind === "literal" && condition.value === true ? undefined : condition;
  if (joinType === "LEFT" && on)
    throw new PlanError(
      "Currently, only the literal TRUE is supported as the join condition of a LEFT JOIN against a LATERAL TABLE",
      on.span,
    );
  const columns = relabel(relation.columns, relation.binding).map((f) =>
    joinType === "LEFT" ? { ...f, type: withNullability(f.type, true) } : f,
  );
  const all = [...left.fields, ...columns];
  const names = uniqueNames(all.map((f) => f.name));
  const fields = all.map((f, i) => ({ ...f, name: names[i]! }));
  return logicalCorrelate(
    left,
    { kind: "user", name: relation.name, userFunction: fn },
    joinType,
    relation.args,
    on,
    fields,
  );
}
