import type { FunctionCall } from "../ast/expression.ts";
import type { OrderItem, WindowSpec } from "../ast/query.ts";
import type { FunctionDefinition } from "../functions/index.ts";
import { mapArray } from "../map-array.ts";
import { bindArgs, inferType, type UserAggregate } from "./bind-call.ts";
import { bindExpr } from "./bind-expression.ts";
import type { BoundExpr, BoundOrderItem } from "./bound.ts";
import { errorExpr } from "./error-expr.ts";
import { type ExprScope, inClause } from "./expr-scope.ts";

/** `f(...) OVER (...)` or `OVER w`: collected into the select's window calls, read back by index. */
export function bindWindowCall(
  expr: FunctionCall,
  definition: FunctionDefinition,
  es: ExprScope,
  user?: UserAggregate,
): BoundExpr {
  if (!es.windowCalls) {
    es.ctx.error(
      "misplaced-over",
      `window function ${definition.name}(...) OVER is not allowed in ${es.clause}`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  if (definition.kind !== "aggregate" && definition.kind !== "window") {
    es.ctx.error(
      "not-a-window-function",
      `${definition.name} is not an aggregate or window function and cannot have OVER`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  const spec = resolveSpec(expr.over!, es);
  if (!spec) return errorExpr(expr.span);
  const inner = inClause(es, "argument", { aggregation: es.aggregation, namedWindows: es.namedWindows });
  const args = bindArgs(expr.args, inner);
  const partitionBy = mapArray(spec.partitionBy, (p) => bindExpr(p, inner));
  const orderBy = bindOrderItems(spec.orderBy, inner);
  const type = inferType(definition, args, es, expr.span, {
    aggregateScope: "over",
    hasFilter: expr.filter !== undefined,
  });
  if (!type) return errorExpr(expr.span);
  const filter = expr.filter ? bindExpr(expr.filter, inner) : undefined;
  const index = es.windowCalls.length;
  // Every field present (absent ones undefined), not conditional spreads: one object shape.
  es.windowCalls.push({
    name: definition.name,
    args: user ? user.castArgs(args) : args,
    userFunction: user?.fn,
    distinct: expr.distinct,
    filter,
    partitionBy,
    orderBy,
    frame: spec.frame,
    type,
    span: expr.span,
  });
  return { kind: "windowRef", index, type, span: expr.span };
}

/** Merges `OVER (w ORDER BY ...)` with the named window `w` it extends. */
function resolveSpec(over: NonNullable<FunctionCall["over"]>, es: ExprScope): WindowSpec | undefined {
  const baseName = over.kind === "ident" ? over : over.base;
  if (!baseName) return over.kind === "windowSpec" ? over : undefined;
  const named = es.namedWindows?.get(baseName.value);
  if (!named) {
    es.ctx.error("unknown-window", `unknown window '${baseName.value}'`, baseName.span);
    return undefined;
  }
  if (over.kind === "ident") return named.spec;
  return {
    ...named.spec,
    partitionBy: over.partitionBy.length > 0 ? over.partitionBy : named.spec.partitionBy,
    orderBy: over.orderBy.length > 0 ? over.orderBy : named.spec.orderBy,
    ...((over.frame ?? named.spec.frame) ? { frame: over.frame ?? named.spec.frame } : {}),
  };
}

/** Flink's default null order: NULLS FIRST when ascending, NULLS LAST when descending. */
export function bindOrderItems(items: readonly OrderItem[], es: ExprScope): BoundOrderItem[] {
  return mapArray(items, (o) => {
    const descending = o.direction === "DESC";
    return {
      expr: bindExpr(o.expr, es),
      descending,
      nullsFirst: o.nulls ? o.nulls === "FIRST" : !descending,
    };
  });
}
