import type { BoundExpr, BoundRelation } from "../../sql/binder/bound.ts";
import { withNullability } from "../../sql/types/constructors.ts";
import { containsKind } from "./conjuncts.ts";
import { relabel } from "./layout.ts";
import { logicalCorrelate } from "./logical/correlate.ts";
import { type JoinType, logicalJoin, type TemporalSpec } from "./logical/join.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported, PlanError } from "./plan-error.ts";
import { planLateralTable } from "./plan-lateral-table.ts";
import { planRelation } from "./plan-relation.ts";
import { planWindowJoin } from "./plan-window-join.ts";
import { uniqueNames } from "./unique-names.ts";

type JoinRelation = Extract<BoundRelation, { kind: "join" }>;
type TableRelation = Extract<BoundRelation, { kind: "table" }>;
type UnnestRelation = Extract<BoundRelation, { kind: "unnest" }>;

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
  if (rightRelation.kind === "unnest") return planUnnest(left, rightRelation, joinType, condition);
  if (rightRelation.kind === "tableFunction")
    return planLateralTable(left, rightRelation, joinType, condition);
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
  const right = planRelation(rightRelation, ctx);
  // Both sides windowed by the same window TVF and joined on its bounds: Flink's window join.
  const windowJoin = planWindowJoin(relation.type, left, right, condition, relation.span);
  if (windowJoin) return windowJoin;
  return logicalJoin(joinType, left, right, condition, undefined);
}

/**
 * `JOIN UNNEST(array)`: a Correlate expanding each left row's collection (Flink runs it as the
 * $UNNEST_ROWS table function). Only INNER and LEFT make sense for a function of the left row.
 */
function planUnnest(
  left: LogicalPlan,
  unnest: UnnestRelation,
  joinType: JoinType,
  condition: BoundExpr | undefined,
): LogicalPlan {
  if (joinType !== "INNER" && joinType !== "LEFT")
    throw new PlanError(`UNNEST can be INNER or LEFT joined, not ${joinType} joined`, unnest.span);
  if (unnest.withOrdinality)
    throw new PlanError(
      "UNNEST WITH ORDINALITY is not supported (Flink 1.20 cannot plan it either)",
      unnest.span,
    );
  if (unnest.args.length !== 1) throw notSupported("UNNEST of several collections", unnest.span);
  const on = condition?.kind === "literal" && condition.value === true ? undefined : condition;
  const columns = relabel(unnest.columns, unnest.binding).map((f) =>
    joinType === "LEFT" ? { ...f, type: withNullability(f.type, true) } : f,
  );
  const all = [...left.fields, ...columns];
  const names = uniqueNames(all.map((f) => f.name));
  const fields = all.map((f, i) => ({ ...f, name: names[i]! }));
  return logicalCorrelate(left, { kind: "unnest" }, joinType, unnest.args, on, fields);
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
    binding: right.binding,
    column,
    name: c.name,
    type: c.type,
    timeAttribute: "rowtime",
    span: right.span,
  };
  return { attribute, period, versionTime };
}
