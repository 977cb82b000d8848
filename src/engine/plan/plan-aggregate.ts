import type { BoundAggregate, BoundExpr, BoundSelect } from "../../sql/binder/bound.ts";
import { indexOfExpr } from "../../sql/binder/same-expr.ts";
import { withNullability } from "../../sql/types/constructors.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { type Field, fieldRef, relabel } from "./layout.ts";
import { type AggregateCall, type LogicalAggregate, logicalAggregate } from "./logical/aggregate.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { NO_SPAN } from "./rewrite-expr.ts";

const BIGINT: DataType = { kind: "BIGINT", nullable: false };

export interface PlannedAggregation {
  readonly plan: LogicalAggregate;
  /** GROUPING()/GROUPING_ID() calls by aggregate index: expressions over `$e`, which replace them. */
  readonly groupingFunctions: ReadonlyMap<number, BoundExpr>;
}

/**
 * GROUP BY as Flink plans it: a Calc computes the keys, the aggregate arguments and FILTER conditions
 * as columns; the Aggregate reads them by position. GROUPING()/GROUPING_ID() are not aggregates at run
 * time: they are read off the grouping-set id `$e` after aggregation.
 */
export function planAggregation(
  select: BoundSelect,
  input: LogicalPlan,
  ctx: PlanContext,
): PlannedAggregation {
  const grouping = select.grouping!;
  const exprs: BoundExpr[] = [];
  const column = (e: BoundExpr): number => {
    const found = indexOfExpr(exprs, e);
    if (found >= 0) return found;
    exprs.push(e);
    return exprs.length - 1;
  };
  const groupKeys = grouping.expressions.map(column);
  const calls: { call: AggregateCall; index: number }[] = [];
  const groupingCalls: { aggregate: BoundAggregate; index: number }[] = [];
  for (const [index, aggregate] of select.aggregates.entries()) {
    if (aggregate.name === "GROUPING" || aggregate.name === "GROUPING_ID") {
      groupingCalls.push({ aggregate, index });
      continue;
    }
    const args = aggregate.args.map(column);
    const filterColumn = aggregate.filter ? column(aggregate.filter) : undefined;
    const call: AggregateCall = {
      name: aggregate.name,
      args,
      distinct: aggregate.distinct,
      ...(filterColumn !== undefined ? { filter: filterColumn } : {}),
      ignoreNulls: aggregate.ignoreNulls,
      ...(aggregate.userFunction ? { userFunction: aggregate.userFunction, span: aggregate.span } : {}),
      type: aggregate.type,
      alias: aggregateAlias(select, index, groupKeys.length + calls.length),
    };
    calls.push({ call, index });
  }
  const names = exprs.map((e, i) => (e.kind === "column" ? e.name : `$f${i}`));
  const pre = project(input, exprs, names, ctx);

  const sets = grouping.sets;
  const plain = sets.length === 1 && sets[0]!.length === groupKeys.length;
  const keyFields: Field[] = groupKeys.map((k, i) => ({
    name: names[k]!,
    // A key left out of some grouping set is NULL in that set's rows.
    type: withNullability(
      pre.fields[k]!.type,
      pre.fields[k]!.type.nullable || sets.some((s) => !s.includes(i)),
    ),
    slot: { kind: "group", index: i },
  }));
  const expandFields: Field[] = plain ? [] : relabel([{ name: "$e", type: BIGINT }], ctx.freshBinding());
  const aggregateFields: Field[] = calls.map(({ call, index }) => ({
    name: call.alias,
    type: call.type,
    slot: { kind: "aggregate", index },
  }));
  const fields = [...keyFields, ...expandFields, ...aggregateFields];
  const plan = logicalAggregate(
    pre,
    groupKeys,
    plain ? undefined : sets,
    calls.map((c) => c.call),
    fields,
  );

  const groupingFunctions = new Map<number, BoundExpr>();
  for (const { aggregate, index } of groupingCalls) {
    const argKeys = aggregate.args.map((a) => indexOfExpr(grouping.expressions, a));
    const valueFor = (set: readonly number[]): number =>
      argKeys.reduce((acc, key) => acc * 2 + (set.includes(key) ? 0 : 1), 0);
    if (plain) {
      groupingFunctions.set(index, literal(0));
      continue;
    }
    const e = fieldRef(fields, keyFields.length);
    const whens = sets.map((set) => ({
      when: call("=", [e, literal(expandId(set, groupKeys.length))], { kind: "BOOLEAN", nullable: false }),
      then: literal(valueFor(set)),
    }));
    groupingFunctions.set(index, {
      kind: "case",
      whens: whens.slice(0, -1),
      else: whens[whens.length - 1]!.then,
      type: BIGINT,
      span: aggregate.span,
    });
  }
  return { plan, groupingFunctions };
}

/** Flink's `$e` of a grouping set: bit (n-1-i) is set when key i is aggregated away. */
export function expandId(set: readonly number[], keyCount: number): number {
  let id = 0;
  for (let i = 0; i < keyCount; i++) id = id * 2 + (set.includes(i) ? 0 : 1);
  return id;
}

/** The select column name of an aggregate projected as is, else Calcite's `$f<position>`. */
export function aggregateAlias(select: BoundSelect, index: number, position: number): string {
  const p = select.projections.findIndex((e) => e.kind === "aggregateRef" && e.index === index);
  return p >= 0 ? select.columns[p]!.name : `$f${position}`;
}

function literal(value: number): BoundExpr {
  return { kind: "literal", value, type: BIGINT, span: NO_SPAN };
}

function call(name: string, args: BoundExpr[], type: DataType): BoundExpr {
  return { kind: "call", name, args, type, span: NO_SPAN };
}
