import type { Span } from "../../common/source.ts";
import type { BoundExpr } from "../../sql/binder/bound.ts";
import { withNullability } from "../../sql/types/constructors.ts";
import { type Fields, slotIndex } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { type LogicalWindowJoin, logicalWindowJoin, type WindowJoinType } from "./logical/window-join.ts";
import { PlanError } from "./plan-error.ts";
import { NO_SPAN } from "./rewrite-expr.ts";
import { isWindowed, windowPropertiesOf } from "./window/window-properties.ts";
import { sameWindow, windowToString } from "./window/window-spec.ts";

/**
 * A join of two planned inputs as a window join, when it is one (Flink's WindowJoinUtil): both
 * inputs are windowed and the ON clause equates their window_start and their window_end; its other
 * column equalities become the join keys, the rest a condition on each pair. Undefined for any other
 * join, which a regular, interval or temporal join then runs.
 *
 * ON l.window_start = r.window_start AND l.window_end = r.window_end AND l.id = r.id AND l.n > r.n
 *   → WindowJoin(keys l.id = r.id, where n > r.n)
 */
export function planWindowJoin(
  type: WindowJoinType | "CROSS",
  left: LogicalPlan,
  right: LogicalPlan,
  condition: BoundExpr | undefined,
  span: Span = NO_SPAN,
): LogicalWindowJoin | undefined {
  if (type === "CROSS" || !condition) return undefined;
  const leftWindow = windowPropertiesOf(left);
  const rightWindow = windowPropertiesOf(right);
  if (!isWindowed(leftWindow) || !isWindowed(rightWindow)) return undefined;
  const width = left.fields.length;
  const fields = [...left.fields, ...right.fields];
  const equalities: [number, number][] = [];
  const rest: BoundExpr[] = [];
  for (const conjunct of conjuncts(condition)) {
    const pair = columnEquality(conjunct, fields, width);
    if (pair) equalities.push(pair);
    else rest.push(conjunct);
  }
  const windowPair = (l: readonly number[], r: readonly number[]): [number, number] | undefined =>
    equalities.find(([a, b]) => l.includes(a) && r.includes(b));
  const starts = windowPair(leftWindow.starts, rightWindow.starts);
  const ends = windowPair(leftWindow.ends, rightWindow.ends);
  if (!starts || !ends) return undefined;
  if (leftWindow.time.attribute === "proctime" || rightWindow.time.attribute === "proctime")
    throw new PlanError("Processing time Window Join is not supported yet.", span);
  if (!sameWindow(leftWindow.window, rightWindow.window))
    throw new PlanError(
      `Currently, window join doesn't support different window table function of left and right inputs.\nThe left window table function is ${windowToString(leftWindow.window)}.\nThe right window table function is ${windowToString(rightWindow.window)}.`,
      span,
    );
  const keys = equalities.filter((pair) => pair !== starts && pair !== ends);
  const remaining =
    rest.length === 0
      ? undefined
      : rest.length === 1
        ? rest[0]!
        : ({
            kind: "call",
            name: "AND",
            args: rest,
            type: condition.type,
            span: condition.span,
          } satisfies BoundExpr);
  return logicalWindowJoin({
    left,
    right,
    joinType: type,
    window: leftWindow.window,
    time: leftWindow.time,
    leftSide: { windowStart: starts[0], windowEnd: ends[0], keys: keys.map(([l]) => l) },
    rightSide: { windowStart: starts[1], windowEnd: ends[1], keys: keys.map(([, r]) => r) },
    ...(remaining ? { condition: remaining } : {}),
    fields: [
      ...nullableIf(type === "RIGHT" || type === "FULL", left.fields),
      ...nullableIf(type === "LEFT" || type === "FULL", right.fields),
    ],
  });
}

function conjuncts(expr: BoundExpr): BoundExpr[] {
  return expr.kind === "call" && expr.name === "AND" ? expr.args.flatMap(conjuncts) : [expr];
}

/** `l.a = r.b` between a left and a right column: [left position, right position]. */
function columnEquality(expr: BoundExpr, fields: Fields, width: number): [number, number] | undefined {
  if (expr.kind !== "call" || expr.name !== "=" || expr.args.length !== 2) return undefined;
  const a = slotIndex(fields, expr.args[0]!);
  const b = slotIndex(fields, expr.args[1]!);
  if (a < 0 || b < 0) return undefined;
  if (a < width && b >= width) return [a, b - width];
  if (b < width && a >= width) return [b, a - width];
  return undefined;
}

function nullableIf(nullable: boolean, fields: Fields): Fields {
  return nullable ? fields.map((f) => ({ ...f, type: withNullability(f.type, true) })) : fields;
}
