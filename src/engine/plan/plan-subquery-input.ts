import type { BoundAggregate, BoundExpr, BoundQuery, BoundSelect } from "../../sql/binder/bound.ts";
import { withNullability } from "../../sql/types/constructors.ts";
import { booleanCall, conjunction, conjuncts, containsKind } from "./conjuncts.ts";
import { isCorrelated, outerAsColumns, readsBeyondParent, readsOuter } from "./correlation.ts";
import { fieldRef } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";
import { planQuery } from "./plan-query.ts";
import { planRelation } from "./plan-relation.ts";
import { planSelect } from "./plan-select.ts";
import { planFilter } from "./plan-subqueries.ts";
import { NO_SPAN } from "./rewrite-expr.ts";

/** A subquery planned as the right input of the join it is decorrelated into. */
export interface SubqueryInput {
  readonly plan: LogicalPlan;
  /** The subquery's value (its first column) over the plan's fields; a marker TRUE for `mark`. */
  readonly value: BoundExpr;
  /** The correlation: conjuncts over the outer query's fields and the plan's. */
  readonly correlation: readonly BoundExpr[];
  /** What the value is for an outer row without match, when not NULL: COUNT's 0. */
  readonly emptyValue?: BoundExpr;
}

/**
 * How the subquery is used: `rows` keeps every row of its FROM (IN and EXISTS as semi/anti joins,
 * where a correlation can be any condition); `single` needs at most one row per outer row (a scalar
 * subquery); `mark` needs to know whether there is one (EXISTS in an expression).
 */
export type SubqueryUse = "rows" | "single" | "mark";

const TRUE: BoundExpr = {
  kind: "literal",
  value: true,
  type: { kind: "BOOLEAN", nullable: false },
  span: NO_SPAN,
};

/**
 * Decorrelates a subquery as Calcite's decorrelator does for the shapes Flink plans: an uncorrelated
 * subquery is planned as is; a correlated one must be a SELECT whose WHERE holds the correlation.
 * For `rows`, a non-aggregating select keeps its FROM's rows and the correlation goes into the join
 * condition. Otherwise the correlation must be equalities `inner = outer`: the subquery is grouped by
 * their inner sides (rows with a NULL key dropped, as they match nothing), its aggregates computed per
 * group — SINGLE_VALUE of the select item for a non-aggregating select — and joined on the keys.
 */
export function planSubqueryInput(query: BoundQuery, ctx: PlanContext, use: SubqueryUse): SubqueryInput {
  if (!isCorrelated(query)) {
    const plan = planQuery(query, ctx);
    return { plan, value: use === "mark" ? TRUE : fieldRef(plan.fields, 0), correlation: [] };
  }
  const select = correlatedSelect(query);
  const local: BoundExpr[] = [];
  const correlated: BoundExpr[] = [];
  for (const c of conjuncts(select.where)) (readsOuter(c) ? correlated : local).push(c);
  for (const c of correlated) {
    if (readsBeyondParent(c) || containsKind(c, "subquery"))
      throw notSupported("A subquery correlated with a query more than one level up", c.span);
  }
  const aggregating = select.grouping !== undefined;
  if (use === "rows" && !aggregating) {
    let plan = planRelation(select.from!, ctx);
    const where = conjunction(local);
    if (where) plan = planFilter(plan, where, ctx);
    return { plan, value: select.projections[0] ?? TRUE, correlation: correlated.map(outerAsColumns) };
  }
  return groupedByCorrelation(select, local, correlated, ctx, use);
}

/** A correlated subquery must be a plain SELECT ... FROM ... WHERE with the correlation in WHERE. */
function correlatedSelect(query: BoundQuery): BoundSelect {
  const body = query.body;
  const unsupported = notSupported("This correlated subquery", query.span);
  if (body.kind !== "select" || !body.from || query.orderBy.length > 0 || query.limit !== undefined)
    throw unsupported;
  if (body.distinct || body.windowCalls.length > 0) throw unsupported;
  const others = [
    ...body.projections,
    ...(body.having ? [body.having] : []),
    ...(body.grouping?.expressions ?? []),
    ...body.aggregates.flatMap((a) => [...a.args, ...(a.filter ? [a.filter] : [])]),
  ];
  if (others.some(readsOuter))
    throw notSupported("A correlated subquery reading an outer column outside WHERE", query.span);
  return body;
}

function groupedByCorrelation(
  select: BoundSelect,
  local: readonly BoundExpr[],
  correlated: readonly BoundExpr[],
  ctx: PlanContext,
  use: SubqueryUse,
): SubqueryInput {
  const pairs = correlated.map(equalityPair);
  if (pairs.some((p) => p === undefined))
    throw notSupported(
      "A correlated subquery whose correlation is not an equality of an inner and an outer expression",
      correlated[pairs.indexOf(undefined)]!.span,
    );
  const inner = pairs.map((p) => p![0]);
  const outer = pairs.map((p) => outerAsColumns(p![1]));
  const existing = select.grouping?.expressions ?? [];
  if (use !== "rows" && existing.length > 0)
    throw notSupported("A correlated scalar subquery with GROUP BY", select.span);
  const keys = inner.map((_, i) => existing.length + i);
  const grouping = {
    expressions: [...existing, ...inner],
    sets: (select.grouping?.sets ?? [[]]).map((s) => [...s, ...keys]),
  };
  let aggregates: readonly BoundAggregate[] = select.aggregates;
  let value: BoundExpr;
  let emptyValue: BoundExpr | undefined;
  if (use === "mark") value = TRUE;
  else if (select.grouping) {
    value = select.projections[0]!;
    emptyValue = countOnEmpty(value, select.aggregates);
  } else {
    const item = select.projections[0]!;
    aggregates = [singleValue(item)];
    value = { kind: "aggregateRef", index: 0, type: withNullability(item.type, true), span: item.span };
  }
  const notNull = inner.filter((e) => e.type.nullable).map((e) => booleanCall("IS NOT NULL", [e]));
  const where = conjunction([...local, ...notNull]);
  // The keys first, named as their columns: the projection is the aggregate's output, as in Flink.
  const projections: BoundExpr[] = [
    ...keys.map((k, i): BoundExpr => ({ kind: "groupRef", index: k, type: inner[i]!.type, span: NO_SPAN })),
    value,
  ];
  const names = [
    ...inner.map((e, i) => (e.kind === "column" ? e.name : `$f${i}`)),
    select.columns[0]?.name ?? "$f0",
  ];
  const { where: _, ...rest } = select;
  const grouped: BoundSelect = {
    ...rest,
    ...(where ? { where } : {}),
    grouping,
    aggregates,
    projections,
    columns: projections.map((p, i) => ({ name: names[i]!, type: p.type })),
  };
  const plan = planSelect(grouped, ctx);
  return {
    plan,
    value: fieldRef(plan.fields, keys.length),
    correlation: outer.map((o, i) => booleanCall("=", [o, fieldRef(plan.fields, i)])),
    ...(emptyValue ? { emptyValue } : {}),
  };
}

/** `inner = outer` (either order): [inner, outer], or undefined. */
function equalityPair(c: BoundExpr): [BoundExpr, BoundExpr] | undefined {
  if (c.kind !== "call" || c.name !== "=") return undefined;
  const [a, b] = c.args as [BoundExpr, BoundExpr];
  const pureOuter = (e: BoundExpr): boolean => readsOuter(e) && !readsLocal(e);
  const pureInner = (e: BoundExpr): boolean => !readsOuter(e) && readsLocal(e);
  if (pureInner(a) && pureOuter(b)) return [a, b];
  if (pureInner(b) && pureOuter(a)) return [b, a];
  return undefined;
}

function readsLocal(e: BoundExpr): boolean {
  return containsKind(e, "column");
}

/** COUNT of no rows is 0, not NULL: the value an outer row without a group must get instead. */
function countOnEmpty(value: BoundExpr, aggregates: readonly BoundAggregate[]): BoundExpr | undefined {
  if (value.kind !== "aggregateRef") {
    const counts = aggregates.some((a) => a.name === "COUNT");
    if (counts && containsKind(value, "aggregateRef"))
      throw notSupported("A correlated scalar subquery computing on a COUNT", value.span);
    return undefined;
  }
  if (aggregates[value.index]?.name !== "COUNT") return undefined;
  return { kind: "literal", value: 0, type: { kind: "BIGINT", nullable: false }, span: NO_SPAN };
}

function singleValue(item: BoundExpr): BoundAggregate {
  return {
    name: "SINGLE_VALUE",
    args: [item],
    distinct: false,
    orderBy: [],
    ignoreNulls: false,
    type: withNullability(item.type, true),
    span: item.span,
  };
}
