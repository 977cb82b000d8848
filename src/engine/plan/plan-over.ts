import type { Expr } from "../../sql/ast/expression.ts";
import type { FrameBound as AstFrameBound, WindowFrame } from "../../sql/ast/query.ts";
import { bindExpr } from "../../sql/binder/bind-expression.ts";
import type { BoundExpr, BoundWindowCall } from "../../sql/binder/bound.ts";
import { BindContext } from "../../sql/binder/context.ts";
import { exprScope } from "../../sql/binder/expr-scope.ts";
import { indexOfExpr } from "../../sql/binder/same-expr.ts";
import { Scope } from "../../sql/binder/scope.ts";
import { type Field, relabel, slotIndex } from "./layout.ts";
import type { AggregateCall } from "./logical/aggregate.ts";
import { logicalCalc } from "./logical/calc.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import {
  type FrameBound,
  type LogicalOver,
  logicalOver,
  type OverFrame,
  type OverGroup,
} from "./logical/over.ts";
import type { SortKey } from "./logical/sort-key.ts";
import { identityProjections } from "./plan-calc.ts";
import type { PlanContext } from "./plan-context.ts";
import { PlanError } from "./plan-error.ts";

/** Functions whose frame Calcite fixes to everything up to the current row (ROWS for ROW_NUMBER). */
const FRAMELESS = new Set([
  "ROW_NUMBER",
  "RANK",
  "DENSE_RANK",
  "PERCENT_RANK",
  "CUME_DIST",
  "NTILE",
  "LAG",
  "LEAD",
]);
const RANKING = new Set(["ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE"]);

/**
 * The OVER calls of a SELECT as Calcite's ProjectToWindowRule plans them: a Calc below computes the
 * partition keys, order keys and arguments that are not plain fields (keeping the input's fields as
 * they are), and one Over node groups the calls by window (partition, order, frame) and appends one
 * field per call, which the select list reads through its `windowRef` slot.
 */
export function planOver(
  calls: readonly BoundWindowCall[],
  input: LogicalPlan,
  ctx: PlanContext,
): LogicalOver {
  const extra: BoundExpr[] = [];
  const column = (e: BoundExpr): number => {
    const existing = slotIndex(input.fields, e);
    if (existing >= 0) return existing;
    const found = indexOfExpr(extra, e);
    if (found >= 0) return input.fields.length + found;
    extra.push(e);
    return input.fields.length + extra.length - 1;
  };

  const groups: { key: string; group: OverGroup; calls: AggregateCall[]; windowIndexes: number[] }[] = [];
  for (const [windowIndex, call] of calls.entries()) {
    if (RANKING.has(call.name) && call.orderBy.length === 0)
      throw new PlanError(
        "Over Agg: The window rank function requires order by clause with non-constant fields. please re-check the over window statement.",
        call.span,
      );
    const partitionKeys = call.partitionBy.map(column);
    const orderKeys: SortKey[] = call.orderBy.map((o) => ({
      index: column(o.expr),
      descending: o.descending,
      nullsFirst: o.nullsFirst,
    }));
    const frame = frameOf(call, ctx);
    const args = call.args.map(column);
    const filter = call.filter ? column(call.filter) : undefined;
    const key = JSON.stringify([partitionKeys, orderKeys, frame]);
    let entry = groups.find((g) => g.key === key);
    if (!entry) {
      const groupCalls: AggregateCall[] = [];
      const group = { partitionKeys, orderKeys, frame, calls: groupCalls };
      entry = { key, group, calls: groupCalls, windowIndexes: [] };
      groups.push(entry);
    }
    const g = groups.indexOf(entry);
    entry.calls.push({
      name: call.name,
      args,
      distinct: call.distinct,
      ...(filter !== undefined ? { filter } : {}),
      ignoreNulls: false,
      ...(call.userFunction ? { userFunction: call.userFunction, span: call.span } : {}),
      type: call.type,
      alias: `w${g}$o${entry.calls.length}`,
    });
    entry.windowIndexes.push(windowIndex);
  }

  const below =
    extra.length === 0
      ? input
      : logicalCalc(input, [...identityProjections(input.fields), ...extra], undefined, [
          ...input.fields,
          ...relabel(
            extra.map((e, i) => ({ name: `$${input.fields.length + i}`, type: e.type })),
            ctx.freshBinding(),
          ),
        ]);
  const callFields: Field[] = groups.flatMap(({ group, windowIndexes }) =>
    group.calls.map((c, i) => ({
      name: c.alias,
      type: c.type,
      slot: { kind: "window", index: windowIndexes[i]! },
    })),
  );
  return logicalOver(
    below,
    groups.map((g) => g.group),
    [...below.fields, ...callFields],
  );
}

/** Calcite's frame: fixed for ranking and offset functions, else the declared one or its default. */
function frameOf(call: BoundWindowCall, ctx: PlanContext): OverFrame {
  const declared: WindowFrame | undefined = call.frame;
  if (FRAMELESS.has(call.name))
    return {
      unit: call.name === "ROW_NUMBER" ? "ROWS" : (declared?.unit ?? "RANGE"),
      lower: { kind: "unbounded" },
      upper: { kind: "currentRow" },
    };
  if (!declared)
    return call.orderBy.length > 0
      ? { unit: "RANGE", lower: { kind: "unbounded" }, upper: { kind: "currentRow" } }
      : { unit: "RANGE", lower: { kind: "unbounded" }, upper: { kind: "unboundedFollowing" } };
  return {
    unit: declared.unit,
    lower: boundOf(declared.start, ctx),
    upper: declared.end ? boundOf(declared.end, ctx) : { kind: "currentRow" },
  };
}

function boundOf(bound: AstFrameBound, ctx: PlanContext): FrameBound {
  switch (bound.kind) {
    case "unboundedPreceding":
      return { kind: "unbounded" };
    case "currentRow":
      return { kind: "currentRow" };
    case "unboundedFollowing":
      return { kind: "unboundedFollowing" };
    case "preceding":
    case "following":
      return { kind: bound.kind, offset: offsetOf(bound.offset, ctx) };
    default:
      return bound satisfies never;
  }
}

/** A frame offset: a non-negative integer (ROWS, or RANGE over numbers) or an interval in milliseconds. */
function offsetOf(expr: Expr, ctx: PlanContext): number {
  const bindCtx = new BindContext(ctx.catalog);
  const bound = bindExpr(expr, exprScope(bindCtx, new Scope(), "argument"));
  const value = bound.kind === "literal" ? bound.value : undefined;
  if (bindCtx.diagnostics.length > 0 || typeof value !== "number" || value < 0)
    throw new PlanError(
      "a window frame offset must be a non-negative integer or interval literal, such as 10 PRECEDING or INTERVAL '1' HOUR PRECEDING",
      expr.span,
    );
  return value;
}
