import type { Expr } from "../ast/expression.ts";
import type { TableFunctionRef } from "../ast/query.ts";
import { mapArray } from "../map-array.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { bindExpr } from "./bind-expression.ts";
import { bindNamedTable, renameColumns, unresolvedRelation } from "./bind-table-ref.ts";
import type { BoundExpr, LeafRelation, OutputColumn, WindowTvfName } from "./bound.ts";
import type { BindContext } from "./context.ts";
import { type ExprScope, exprScope } from "./expr-scope.ts";
import { Scope, ScopeRelation } from "./scope.ts";

/** Parameter names of each window TVF, in positional order (Flink's named-argument names). */
const PARAMETERS: Record<WindowTvfName, readonly string[]> = {
  TUMBLE: ["DATA", "TIMECOL", "SIZE", "OFFSET"],
  HOP: ["DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"],
  CUMULATE: ["DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"],
  SESSION: ["DATA", "TIMECOL", "GAP"],
};

/**
 * `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '10' MINUTES))`: the input's columns plus
 * window_start, window_end and window_time (the new time attribute).
 */
export function bindWindowTvf(
  ref: TableFunctionRef,
  name: WindowTvfName,
  ctx: BindContext,
  scope: Scope,
): LeafRelation {
  const parameters = PARAMETERS[name];
  const args = new Map<string, Expr>();
  for (const [i, arg] of ref.call.args.entries()) {
    if (arg.kind === "namedArgument") {
      const key = arg.name.value.toUpperCase();
      if (!parameters.includes(key)) {
        ctx.error(
          "unknown-argument",
          `${name} has no parameter ${key}; it takes ${parameters.join(", ")}`,
          arg.name.span,
        );
        continue;
      }
      args.set(key, arg.value);
    } else if (i < parameters.length) {
      args.set(parameters[i]!, arg);
    } else {
      ctx.error("wrong-arity", `${name} takes at most ${parameters.length} arguments`, arg.span);
    }
  }
  const alias = ref.alias?.name.value ?? "";
  const data = args.get("DATA");
  if (data?.kind !== "tableArgument") {
    ctx.error(
      "window-tvf-data",
      `${name} needs a table argument first, e.g. ${name}(TABLE orders, DESCRIPTOR(ts), ...)`,
      data?.span ?? ref.call.span,
    );
    return unresolvedRelation(ctx, ref.span, alias);
  }
  const inputScope = new Scope(scope.parent);
  const input = bindNamedTable(
    { kind: "namedTable", name: data.table, hints: [], span: data.span },
    ctx,
    inputScope,
  );
  inputScope.add(
    new ScopeRelation(input.binding, [mapArray(data.table.parts, (p) => p.value)], input.columns),
  );
  const inputColumns = input.columns;
  const partitionBy = mapArray(data.partitionBy, (p) => bindExpr(p, exprScope(ctx, inputScope, "PARTITION")));

  const descriptor = args.get("TIMECOL");
  if (descriptor?.kind !== "descriptor" || descriptor.columns.length !== 1) {
    ctx.error(
      "window-tvf-timecol",
      `${name} needs DESCRIPTOR(time_column) as its time column argument`,
      descriptor?.span ?? ref.call.span,
    );
    return unresolvedRelation(ctx, ref.span, alias);
  }
  const timeName = descriptor.columns[0]!;
  const timeColumn = inputColumns.findIndex((c) => c.name === timeName.value);
  const time = inputColumns[timeColumn];
  if (!time) {
    ctx.error("unknown-column", `unknown column '${timeName.value}' in DESCRIPTOR`, timeName.span);
    return unresolvedRelation(ctx, ref.span, alias);
  }
  if (!time.timeAttribute) {
    ctx.error(
      "not-a-time-attribute",
      `${name} needs a time attribute, but '${time.name}' (${formatDataType(time.type)}) is not one`,
      timeName.span,
      ["declare a WATERMARK FOR it (event time) or use a PROCTIME() column"],
    );
    return unresolvedRelation(ctx, ref.span, alias);
  }
  const intervalNames = parameters.filter((p) => p !== "DATA" && p !== "TIMECOL" && p !== "OFFSET");
  const intervals: number[] = [];
  for (const parameter of intervalNames) {
    const expr = args.get(parameter);
    if (!expr) {
      ctx.error("wrong-arity", `${name} needs its ${parameter} argument`, ref.call.span);
      return unresolvedRelation(ctx, ref.span, alias);
    }
    const millis = intervalMillis(expr, parameter, name, ctx, scope);
    if (millis === undefined) return unresolvedRelation(ctx, ref.span, alias);
    intervals.push(millis);
  }
  const offsetExpr = args.get("OFFSET");
  const offset = offsetExpr ? intervalMillis(offsetExpr, "OFFSET", name, ctx, scope) : undefined;

  const windowTime: DataType =
    time.type.kind === "TIMESTAMP_LTZ"
      ? { kind: "TIMESTAMP_LTZ", precision: 3, nullable: false }
      : { kind: "TIMESTAMP", precision: 3, nullable: false };
  // The time column becomes a plain TIMESTAMP: window_time is the output's time attribute (Flink's docs).
  // Pushed, and literals rather than spreads: one shape per column kind, one for the relation.
  const columns: OutputColumn[] = mapArray(inputColumns, (c, i) =>
    i === timeColumn ? withoutTimeAttribute(c) : c,
  );
  columns.push({ name: "window_start", type: { kind: "TIMESTAMP", precision: 3, nullable: false } });
  columns.push({ name: "window_end", type: { kind: "TIMESTAMP", precision: 3, nullable: false } });
  columns.push({ name: "window_time", type: windowTime, timeAttribute: time.timeAttribute });
  return {
    kind: "windowTvf",
    binding: ctx.newBinding(),
    function: name,
    input,
    partitionBy,
    timeColumn,
    intervals,
    offset,
    columns: renameColumns(columns, ref.alias, ctx),
    alias,
    span: ref.span,
  };
}

function withoutTimeAttribute({ name, type, hidden }: OutputColumn): OutputColumn {
  return hidden === undefined ? { name, type } : { name, type, hidden };
}

function intervalMillis(
  expr: Expr,
  parameter: string,
  fn: string,
  ctx: BindContext,
  scope: Scope,
): number | undefined {
  const es: ExprScope = exprScope(ctx, new Scope(scope.parent), "argument");
  const bound: BoundExpr = bindExpr(expr, es);
  if (bound.kind === "literal" && bound.type.kind === "INTERVAL_DT" && typeof bound.value === "number") {
    if (parameter !== "OFFSET" && bound.value <= 0) {
      ctx.error("invalid-window", `${fn} ${parameter} must be positive`, expr.span);
      return undefined;
    }
    return bound.value;
  }
  ctx.error(
    "invalid-window",
    `${fn} ${parameter} must be a day-time interval literal such as INTERVAL '10' MINUTES`,
    expr.span,
  );
  return undefined;
}
