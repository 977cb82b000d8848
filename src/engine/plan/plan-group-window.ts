import type { BoundExpr, BoundSelect } from "../../sql/binder/bound.ts";
import { indexOfExpr, sameExprs } from "../../sql/binder/same-expr.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { formatDataType } from "../../sql/types/format-type.ts";
import { type Field, fieldRef, relabel } from "./layout.ts";
import type { AggregateCall } from "./logical/aggregate.ts";
import {
  type LogicalGroupWindowAggregate,
  logicalGroupWindowAggregate,
  type WindowProperty,
} from "./logical/group-window-aggregate.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { aggregateAlias } from "./plan-aggregate.ts";
import { project } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { notSupported, PlanError } from "./plan-error.ts";
import type { WindowSpec, WindowTime } from "./window/window-spec.ts";

const GROUP_WINDOWS = new Set(["TUMBLE", "HOP", "SESSION"]);

export interface PlannedGroupWindow {
  readonly plan: LogicalGroupWindowAggregate;
  /** No GROUPING() with a group window: an empty map, in the shape of PlannedAggregation. */
  readonly groupingFunctions: ReadonlyMap<number, BoundExpr>;
  /** `TUMBLE_START(ts, size)` and friends as references to the aggregate's property fields. */
  readonly property: (expr: BoundExpr) => BoundExpr | undefined;
}

/**
 * The legacy `GROUP BY k, TUMBLE(ts, size)` (also HOP(ts, slide, size) and SESSION(ts, gap)) as a
 * GroupWindowAggregate; undefined when GROUP BY has no group window. As in Flink, the window's
 * properties are all computed (start, end, rowtime for event time, proctime), and the select list
 * reads them through its `*_START/_END/_ROWTIME/_PROCTIME` calls.
 */
export function planGroupWindowAggregation(
  select: BoundSelect,
  input: LogicalPlan,
  ctx: PlanContext,
): PlannedGroupWindow | undefined {
  const grouping = select.grouping!;
  const windows = grouping.expressions.flatMap((e, i) =>
    e.kind === "call" && GROUP_WINDOWS.has(e.name) && e.userFunction === undefined
      ? [{ call: e, index: i }]
      : [],
  );
  if (windows.length === 0) return undefined;
  const { call, index: windowIndex } = windows[0]!;
  if (windows.length > 1)
    throw new PlanError("Only a single window group function may be used in GROUP BY", call.span);
  if (grouping.sets.length > 1) throw notSupported("GROUPING SETS with a group window", call.span);
  if (select.aggregates.some((a) => a.name === "GROUPING" || a.name === "GROUPING_ID"))
    throw notSupported("GROUPING() with a group window", call.span);
  const [timeArg, ...intervalArgs] = call.args;
  const time = timeAttributeOf(timeArg!);
  const window = groupWindowSpec(call.name, intervalArgs, call.span);

  const exprs: BoundExpr[] = [];
  const column = (e: BoundExpr): number => {
    const found = indexOfExpr(exprs, e);
    if (found >= 0) return found;
    exprs.push(e);
    return exprs.length - 1;
  };
  const keyIndexes = grouping.expressions.flatMap((_, i) => (i === windowIndex ? [] : [i]));
  const groupKeys = keyIndexes.map((i) => column(grouping.expressions[i]!));
  const timeField = column(timeArg!);
  const aggregates: AggregateCall[] = select.aggregates.map((aggregate, index) => {
    const args = aggregate.args.map(column);
    const filter = aggregate.filter ? column(aggregate.filter) : undefined;
    return {
      name: aggregate.name,
      args,
      distinct: aggregate.distinct,
      ...(filter !== undefined ? { filter } : {}),
      ignoreNulls: aggregate.ignoreNulls,
      ...(aggregate.userFunction ? { userFunction: aggregate.userFunction, span: aggregate.span } : {}),
      type: aggregate.type,
      alias: aggregateAlias(select, index, groupKeys.length + index),
    };
  });
  const pre = project(
    input,
    exprs,
    exprs.map((e, i) => (e.kind === "column" ? e.name : `$f${i}`)),
    ctx,
  );

  const properties: WindowProperty[] =
    time.attribute === "rowtime" ? ["start", "end", "rowtime", "proctime"] : ["start", "end", "proctime"];
  const timeType = timeArg!.type;
  const propertyFields = relabel(
    properties.map((p) => ({ name: `w$${p}`, type: propertyType(p, timeType) })),
    ctx.freshBinding(),
  );
  const fields: Field[] = [
    ...keyIndexes.map(
      (i, k): Field => ({
        name: pre.fields[groupKeys[k]!]!.name,
        type: grouping.expressions[i]!.type,
        slot: { kind: "group", index: i },
      }),
    ),
    ...aggregates.map(
      (a, index): Field => ({ name: a.alias, type: a.type, slot: { kind: "aggregate", index } }),
    ),
    ...propertyFields,
  ];
  const plan = logicalGroupWindowAggregate({
    input: pre,
    groupKeys,
    window,
    timeField,
    time,
    aggregates,
    properties,
    fields,
  });

  const property = (expr: BoundExpr): BoundExpr | undefined => {
    if (expr.kind === "groupRef" && expr.index === windowIndex)
      throw new PlanError(
        `Window function ${call.name} can only be used in GROUP BY; read its bounds with ${call.name}_START or ${call.name}_END`,
        expr.span,
      );
    if (expr.kind !== "call" || !expr.name.startsWith(`${call.name}_`)) return undefined;
    if (!sameExprs(expr.args, call.args)) return undefined;
    const p = properties.indexOf(expr.name.slice(call.name.length + 1).toLowerCase() as WindowProperty);
    if (p < 0)
      throw new PlanError(
        `${expr.name} is not available on a ${time.attribute === "rowtime" ? "event" : "processing"}-time window`,
        expr.span,
      );
    return { ...fieldRef(propertyFields, p), span: expr.span };
  };
  return { plan, groupingFunctions: new Map(), property };
}

/** The window's time argument must be a time attribute (Flink's StreamLogicalWindowAggregateRule). */
function timeAttributeOf(expr: BoundExpr): WindowTime {
  const attribute =
    expr.kind === "column" ? expr.timeAttribute : expr.kind === "groupRef" ? expr.timeAttribute : undefined;
  if (!attribute)
    throw new PlanError(
      `Window aggregate can only be defined over a time attribute column, but ${formatDataType(expr.type)} encountered.`,
      expr.span,
    );
  return { attribute, localTime: expr.type.kind === "TIMESTAMP_LTZ" };
}

function groupWindowSpec(name: string, args: readonly BoundExpr[], span: BoundExpr["span"]): WindowSpec {
  const millis = args.map((a) => {
    if (a.kind === "literal" && a.type.kind === "INTERVAL_DT" && typeof a.value === "number") return a.value;
    throw notSupported(`A ${name} window with an alignment time`, a.span);
  });
  const intervals = name === "HOP" ? 2 : 1;
  if (millis.length > intervals)
    throw notSupported(`A ${name} window with an alignment time`, args[intervals]!.span);
  for (const m of millis) if (m <= 0) throw new PlanError(`${name} window sizes must be positive`, span);
  switch (name) {
    case "TUMBLE":
      return { kind: "TUMBLE", size: millis[0]! };
    case "HOP":
      return { kind: "HOP", slide: millis[0]!, size: millis[1]! };
    default:
      return { kind: "SESSION", gap: millis[0]!, partitionKeys: [] };
  }
}

/** START/END are TIMESTAMP(3); ROWTIME keeps the time column's kind; PROCTIME is a TIMESTAMP_LTZ(3). */
function propertyType(property: WindowProperty, time: DataType): DataType {
  switch (property) {
    case "start":
    case "end":
      return { kind: "TIMESTAMP", precision: 3, nullable: false };
    case "rowtime":
      return {
        kind: time.kind === "TIMESTAMP_LTZ" ? "TIMESTAMP_LTZ" : "TIMESTAMP",
        precision: 3,
        nullable: false,
      };
    case "proctime":
      return { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false };
    default:
      return property satisfies never;
  }
}
