import type { BoundExpr } from "../../sql/binder/bound.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { booleanCall, conjunction, conjuncts, disjunction } from "./conjuncts.ts";
import { isCorrelated } from "./correlation.ts";
import { fieldRef, relabel } from "./layout.ts";
import { type AggregateCall, logicalAggregate } from "./logical/aggregate.ts";
import { logicalJoin } from "./logical/join.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { filter, project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported } from "./plan-error.ts";
import { planSubqueryInput } from "./plan-subquery-input.ts";
import { NO_SPAN, rewriteExpr } from "./rewrite-expr.ts";

type Subquery = Extract<BoundExpr, { kind: "subquery" }>;

const BOOLEAN: DataType = { kind: "BOOLEAN", nullable: false };
const BIGINT: DataType = { kind: "BIGINT", nullable: false };

/**
 * WHERE with subqueries, decorrelated as Flink's planner does: a conjunct `x [NOT] IN (SELECT ...)` or
 * `[NOT] EXISTS (SELECT ...)` becomes a SEMI (ANTI) join with the subquery; NOT IN keeps SQL's NULL
 * semantics (a NULL on either side means no row passes: `x IS NULL OR y IS NULL OR x = y` is the anti
 * join's condition). Other subqueries join in as values (see `planSubqueryExprs`).
 */
export function planFilter(plan: LogicalPlan, where: BoundExpr, ctx: PlanContext): LogicalPlan {
  let current = plan;
  const rest: BoundExpr[] = [];
  for (const c of conjuncts(where)) {
    const sub = c.kind === "subquery" ? c : isNotOf(c);
    if (sub && (sub.subquery === "in" || sub.subquery === "exists")) {
      const negated = c.kind === "subquery" ? sub.negated : !sub.negated;
      current = semiJoin(current, sub, negated, ctx);
    } else rest.push(c);
  }
  const condition = conjunction(rest);
  if (!condition) return current;
  const { plan: joined, exprs } = planSubqueryExprs(current, [condition], ctx);
  return filter(joined, exprs[0]!);
}

function isNotOf(c: BoundExpr): Subquery | undefined {
  if (c.kind !== "call" || c.name !== "NOT") return undefined;
  const arg = c.args[0]!;
  return arg.kind === "subquery" ? arg : undefined;
}

function semiJoin(outer: LogicalPlan, sub: Subquery, anti: boolean, ctx: PlanContext): LogicalPlan {
  const input = planSubqueryInput(sub.query, ctx, "rows");
  let right = input.plan;
  const conditions = [...input.correlation];
  if (sub.subquery === "in") {
    const operand = sub.operand!;
    conditions.unshift(anti ? notInMatch(operand, input.value) : booleanCall("=", [operand, input.value]));
  } else if (conditions.length === 0) {
    // Uncorrelated EXISTS: is there any row at all (one row, kept by a global MIN(TRUE)).
    right = existsMarker(right, ctx);
    conditions.push(booleanCall("IS NOT NULL", [fieldRef(right.fields, 0)]));
  }
  return logicalJoin(anti ? "ANTI" : "SEMI", outer, right, conjunction(conditions), undefined);
}

/** When a NOT IN row must go: its value equals one of the subquery's, or either is NULL. */
function notInMatch(operand: BoundExpr, value: BoundExpr): BoundExpr {
  return disjunction([
    ...(operand.type.nullable ? [booleanCall("IS NULL", [operand])] : []),
    ...(value.type.nullable ? [booleanCall("IS NULL", [value])] : []),
    booleanCall("=", [operand, value]),
  ]);
}

/**
 * Expressions with subqueries: each subquery joins the plan and is replaced by a column of the join.
 * A scalar subquery is LEFT-joined (NULL without a row; several rows fail at run time with
 * SINGLE_VALUE's error); an EXISTS is TRUE where a marker column is not NULL; an uncorrelated IN is
 * Calcite's rewrite with the subquery's row counts, so it is NULL where SQL says so.
 */
export function planSubqueryExprs(
  plan: LogicalPlan,
  exprs: readonly BoundExpr[],
  ctx: PlanContext,
): { plan: LogicalPlan; exprs: BoundExpr[] } {
  let current = plan;
  const rewritten = exprs.map((e) =>
    rewriteExpr(e, (x) => {
      if (x.kind !== "subquery") return undefined;
      const joined = valueJoin(current, x, ctx);
      current = joined.plan;
      return joined.value;
    }),
  );
  return { plan: current, exprs: rewritten };
}

function valueJoin(
  outer: LogicalPlan,
  sub: Subquery,
  ctx: PlanContext,
): { plan: LogicalPlan; value: BoundExpr } {
  switch (sub.subquery) {
    case "scalar": {
      const input = planSubqueryInput(sub.query, ctx, "single");
      let right = input.plan;
      let value = input.value;
      if (input.correlation.length === 0 && !returnsOneRow(sub)) {
        right = singleValue(right, ctx);
        value = fieldRef(right.fields, 0);
      }
      const join = logicalJoin("LEFT", outer, right, conjunction(input.correlation), undefined);
      return { plan: join, value: input.emptyValue ? nullTo(value, input.emptyValue) : value };
    }
    case "exists": {
      const input = planSubqueryInput(sub.query, ctx, "mark");
      const correlated = input.correlation.length > 0;
      const right = correlated ? input.plan : existsMarker(input.plan, ctx);
      const join = logicalJoin("LEFT", outer, right, conjunction(input.correlation), undefined);
      const marker = correlated ? input.value : fieldRef(right.fields, 0);
      return { plan: join, value: booleanCall("IS NOT NULL", [marker]) };
    }
    case "in":
      return inValue(outer, sub, ctx);
    case "array":
      throw notSupported("ARRAY(subquery)", sub.span);
  }
}

/** An aggregate without GROUP BY returns exactly one row (in streaming: once it has input). */
function returnsOneRow(sub: Subquery): boolean {
  const body = sub.query.body;
  return body.kind === "select" && body.grouping !== undefined && body.grouping.expressions.length === 0;
}

/**
 * `x [NOT] IN (SELECT y ...)` as a value: the subquery's row count `c` and non-NULL count `ck` join
 * every row, its distinct values (with a marker `i`) join on `x = y`; then
 * CASE WHEN c = 0 THEN FALSE WHEN x IS NULL THEN NULL WHEN i IS NOT NULL THEN TRUE
 *      WHEN ck < c THEN NULL ELSE FALSE END.
 */
function inValue(
  outer: LogicalPlan,
  sub: Subquery,
  ctx: PlanContext,
): { plan: LogicalPlan; value: BoundExpr } {
  if (isCorrelated(sub.query)) throw notSupported("A correlated IN subquery inside an expression", sub.span);
  const input = planSubqueryInput(sub.query, ctx, "single");
  const values = project(input.plan, [input.value], ["y"], ctx);
  const y = fieldRef(values.fields, 0);
  const counts = logicalAggregate(
    values,
    [],
    undefined,
    [aggregateCall("COUNT", [], "c", BIGINT), aggregateCall("COUNT", [0], "ck", BIGINT)],
    relabel(
      [
        { name: "c", type: BIGINT },
        { name: "ck", type: BIGINT },
      ],
      ctx.freshBinding(),
    ),
  );
  const distinct = logicalAggregate(
    values,
    [0],
    undefined,
    [],
    relabel([{ name: "y", type: y.type }], ctx.freshBinding()),
  );
  const marked = project(distinct, [fieldRef(distinct.fields, 0), literal(true, BOOLEAN)], ["y", "i"], ctx);
  const operand = sub.operand!;
  const withCounts = logicalJoin("INNER", outer, counts, undefined, undefined);
  const join = logicalJoin(
    "LEFT",
    withCounts,
    marked,
    booleanCall("=", [operand, fieldRef(marked.fields, 0)]),
    undefined,
  );
  const [c, ck] = [fieldRef(counts.fields, 0), fieldRef(counts.fields, 1)];
  const i = fieldRef(marked.fields, 1);
  const nullBoolean = literal(null, { kind: "BOOLEAN", nullable: true });
  const whens = [
    { when: booleanCall("=", [c, literal(0, BIGINT)]), then: literal(false, BOOLEAN) },
    ...(operand.type.nullable ? [{ when: booleanCall("IS NULL", [operand]), then: nullBoolean }] : []),
    { when: booleanCall("IS NOT NULL", [i]), then: literal(true, BOOLEAN) },
    { when: booleanCall("<", [ck, c]), then: nullBoolean },
  ];
  const inExpr: BoundExpr = {
    kind: "case",
    whens,
    else: literal(false, BOOLEAN),
    type: { kind: "BOOLEAN", nullable: true },
    span: sub.span,
  };
  return { plan: join, value: sub.negated ? booleanCall("NOT", [inExpr]) : inExpr };
}

/** One row `m` = TRUE while the input has rows (Calcite's MIN(TRUE) marker of EXISTS). */
function existsMarker(input: LogicalPlan, ctx: PlanContext): LogicalPlan {
  const marked = project(input, [literal(true, BOOLEAN)], ["i"], ctx);
  const type: DataType = { kind: "BOOLEAN", nullable: true };
  return logicalAggregate(
    marked,
    [],
    undefined,
    [aggregateCall("MIN", [0], "m", type)],
    relabel([{ name: "m", type }], ctx.freshBinding()),
  );
}

/** SINGLE_VALUE of the first column: a scalar subquery that may return several rows. */
function singleValue(input: LogicalPlan, ctx: PlanContext): LogicalPlan {
  const type = { ...input.fields[0]!.type, nullable: true } as DataType;
  return logicalAggregate(
    input,
    [],
    undefined,
    [aggregateCall("SINGLE_VALUE", [0], "$f0", type)],
    relabel([{ name: "$f0", type }], ctx.freshBinding()),
  );
}

function aggregateCall(name: string, args: number[], alias: string, type: DataType): AggregateCall {
  return { name, args, distinct: false, ignoreNulls: false, type, alias };
}

function nullTo(value: BoundExpr, replacement: BoundExpr): BoundExpr {
  return {
    kind: "case",
    whens: [{ when: booleanCall("IS NULL", [value]), then: replacement }],
    else: value,
    type: { ...value.type, nullable: replacement.type.nullable } as DataType,
    span: NO_SPAN,
  };
}

function literal(value: boolean | number | null, type: DataType): BoundExpr {
  return { kind: "literal", value, type, span: NO_SPAN };
}
