import type { BoundExpr, BoundRelation } from "../../sql/binder/bound.ts";
import { containsKind } from "./conjuncts.ts";
import { type JoinType, logicalJoin, type TemporalSpec } from "./logical/join.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported, PlanError } from "./plan-error.ts";
import { planRelation } from "./plan-relation.ts";

type JoinRelation = Extract<BoundRelation, { kind: "join" }>;
type TableRelation = Extract<BoundRelation, { kind: "table" }>;

/**
 * `left [type] JOIN right ON condition` in the order written (no reordering, as in Flink). A comma or
 * CROSS JOIN is an INNER join without condition; USING and NATURAL arrive from the binder as their
 * equalities. `right FOR SYSTEM_TIME AS OF left.time` makes a temporal join, whose operator the
 * physical planner picks from the time attribute's kind.
 */
export function planJoin(relation: JoinRelation, ctx: PlanContext): LogicalPlan {
  const left = planRelation(relation.left, ctx);
  const rightRelation = relation.right;
  if (rightRelation.kind === "derived" && rightRelation.lateral)
    throw notSupported("A LATERAL derived table", rightRelation.span);
  const condition = relation.condition;
  if (condition && containsKind(condition, "subquery"))
    throw notSupported("A subquery in a join condition", condition.span);
  const joinType: JoinType = relation.type === "CROSS" ? "INNER" : relation.type;
  if (rightRelation.kind === "table" && rightRelation.asOf) {
    const temporal = temporalSpec(rightRelation, rightRelation.asOf);
    if (joinType !== "INNER" && joinType !== "LEFT")
      throw new PlanError(
        `Unknown join type ${joinType}: a temporal table join (FOR SYSTEM_TIME AS OF) is an INNER or a LEFT join`,
        relation.span,
      );
    const { asOf: _, ...versioned } = rightRelation;
    return logicalJoin(joinType, left, planRelation(versioned, ctx), condition, temporal);
  }
  return logicalJoin(joinType, left, planRelation(rightRelation, ctx), condition, undefined);
}

function temporalSpec(right: TableRelation, period: BoundExpr): TemporalSpec {
  const attribute = period.kind === "column" ? period.timeAttribute : undefined;
  if (!attribute)
    throw new PlanError(
      "Temporal table join currently only supports 'FOR SYSTEM_TIME AS OF' left table's time attribute field",
      period.span,
    );
  if (right.table.kind !== "table")
    throw notSupported(`A temporal join against the view '${right.table.path.join(".")}'`, right.span);
  if (attribute === "proctime") return { attribute, period };
  const column = right.columns.findIndex((c) => c.timeAttribute === "rowtime");
  if (column < 0)
    throw new PlanError(
      "Event-Time Temporal Table Join requires both primary key and row time attribute in versioned table, but no row time attribute can be found.",
      right.span,
    );
  const c = right.columns[column]!;
  const versionTime: BoundExpr = {
    kind: "column",
    ref: { binding: right.binding, column },
    name: c.name,
    type: c.type,
    timeAttribute: "rowtime",
    span: right.span,
  };
  return { attribute, period, versionTime };
}
