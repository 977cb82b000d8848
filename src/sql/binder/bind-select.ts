import type { Expr, FunctionCall } from "../ast/expression.ts";
import type { GroupingElement, Select } from "../ast/query.ts";
import type { Catalog } from "../catalog/catalog.ts";
import { lookupFunction } from "../functions/index.ts";
import { mapArray } from "../map-array.ts";
import { bindExpr } from "./bind-expression.ts";
import { booleanOperand } from "./bind-operators.ts";
import { bindTableRef } from "./bind-table-ref.ts";
import { resolveUserFunction } from "./bind-user-function.ts";
import type {
  BoundExpr,
  BoundGrouping,
  BoundRelation,
  BoundSelect,
  BoundWindowCall,
  OutputColumn,
} from "./bound.ts";
import type { BindContext } from "./context.ts";
import { isError } from "./error-expr.ts";
import { type Aggregation, type ExprScope, exprScope, inClause, keySyntaxKinds } from "./expr-scope.ts";
import { indexOfExpr } from "./same-expr.ts";
import type { Scope } from "./scope.ts";
import { walkExpr } from "./walk-ast.ts";

/** Binds one SELECT: FROM first (it defines the names), then WHERE, GROUP BY, the select list, HAVING. */
export function bindSelect(select: Select, ctx: BindContext, scope: Scope): BoundSelect {
  const from: BoundRelation | undefined = select.from ? bindTableRef(select.from, ctx, scope) : undefined;
  // Few selects name windows; the others share no map at all.
  const namedWindows =
    select.windows.length > 0
      ? new Map(mapArray(select.windows, (w) => [w.name.value, { name: w.name, spec: w.spec }]))
      : undefined;
  const base = exprScope(ctx, scope, "WHERE", { namedWindows });

  const where = select.where ? bindExpr(select.where, base) : undefined;
  if (where) booleanOperand(where, "WHERE", base);

  const grouping = bindGrouping(select.groupBy, inClause(base, "GROUP BY"));
  const aggregated = grouping !== undefined || hasAggregate(select, ctx.catalog);
  const aggregation: Aggregation | undefined = aggregated
    ? {
        grouped: grouping !== undefined,
        groupExprs: grouping?.expressions ?? [],
        keySyntax: keySyntaxKinds(grouping?.expressions ?? []),
        aggregates: [],
      }
    : undefined;
  const windowCalls: BoundWindowCall[] = [];
  const selectScope = inClause(base, "SELECT", { aggregation, windowCalls, namedWindows });

  const projections: BoundExpr[] = [];
  const columns: OutputColumn[] = [];
  for (let i = 0; i < select.items.length; i++) {
    const item = select.items[i]!;
    if (item.expr.kind === "star") {
      for (const expanded of expandStar(item.expr, selectScope)) {
        projections.push(expanded.expr);
        columns.push(expanded.column);
      }
      continue;
    }
    const expr = bindExpr(item.expr, selectScope);
    projections.push(expr);
    columns.push(outputColumn(item.alias?.value ?? derivedName(item.expr, i), expr));
  }

  const having = select.having
    ? bindExpr(select.having, inClause(selectScope, "HAVING", { aggregation, namedWindows }))
    : undefined;
  if (having) booleanOperand(having, "HAVING", base);

  // Every field present (absent ones undefined), not conditional spreads: one object shape (see
  // common/keep-shape.ts) and no temporary objects to spread.
  return {
    kind: "select",
    from,
    where,
    grouping: aggregation ? (grouping ?? { expressions: [], sets: [[]] }) : undefined,
    aggregates: aggregation?.aggregates ?? [],
    having,
    windowCalls,
    projections,
    distinct: select.distinct,
    hints: select.hints,
    columns,
    span: select.span,
  };
}

function outputColumn(name: string, expr: BoundExpr): OutputColumn {
  // PROCTIME() in a select list declares a processing-time attribute, as in a computed column.
  const timeAttribute =
    expr.kind === "column" || expr.kind === "groupRef"
      ? expr.timeAttribute
      : expr.kind === "call" && expr.name === "PROCTIME"
        ? "proctime"
        : undefined;
  return timeAttribute ? { name, type: expr.type, timeAttribute } : { name, type: expr.type };
}

/** Calcite's names for unaliased select items: the column or field name, else `EXPR$i`. */
function derivedName(expr: Expr, index: number): string {
  if (expr.kind === "column") return expr.parts[expr.parts.length - 1]!.value;
  if (expr.kind === "fieldAccess") return expr.field.value;
  return `EXPR$${index}`;
}

function expandStar(
  star: Extract<Expr, { kind: "star" }>,
  es: ExprScope,
): { expr: BoundExpr; column: OutputColumn }[] {
  const qualifier = mapArray(star.qualifier, (q) => q.value);
  const relations = qualifier.length > 0 ? es.scope.relationsNamed(qualifier) : es.scope.relations;
  if (qualifier.length > 0 && relations.length === 0) {
    es.ctx.error(
      "unknown-table",
      `unknown table or alias '${qualifier.join(".")}' in ${qualifier.join(".")}.*`,
      star.span,
    );
    return [];
  }
  const out: { expr: BoundExpr; column: OutputColumn }[] = [];
  for (const relation of relations) {
    for (const [column, c] of relation.columns.entries()) {
      if (c.hidden) continue;
      const { name, type, timeAttribute } = c;
      const binding = relation.binding;
      const span = star.span;
      // Literals of the shapes bindColumnRef makes, not spreads (see common/keep-shape.ts).
      const expr: BoundExpr = timeAttribute
        ? { kind: "column", binding, column, name, type, timeAttribute, span }
        : { kind: "column", binding, column, name, type, span };
      if (es.aggregation) {
        const index = indexOfExpr(es.aggregation.groupExprs, expr);
        if (index < 0) {
          es.ctx.error(
            "not-grouped",
            `column '${c.name}' of * must appear in GROUP BY or be used in an aggregate function`,
            star.span,
          );
          continue;
        }
        out.push({
          expr: { kind: "groupRef", index, type: c.type, span: star.span },
          column: { name: c.name, type: c.type },
        });
        continue;
      }
      out.push({
        expr,
        column: timeAttribute ? { name, type, timeAttribute } : { name, type },
      });
    }
  }
  return out;
}

/** GROUP BY elements into one list of expressions plus the grouping sets over them. */
function bindGrouping(elements: readonly GroupingElement[], es: ExprScope): BoundGrouping | undefined {
  if (elements.length === 0) return undefined;
  const expressions: BoundExpr[] = [];
  const indexOf = (expr: Expr): number => {
    const bound = bindExpr(expr, es);
    if (isError(bound)) return -1;
    const existing = indexOfExpr(expressions, bound);
    if (existing >= 0) return existing;
    expressions.push(bound);
    return expressions.length - 1;
  };
  const setsOf = (element: GroupingElement): number[][] => {
    switch (element.kind) {
      case "groupExpr": {
        // Inside GROUPING SETS, `(a, b)` is one set of two keys, not a ROW value.
        const exprs =
          element.expr.kind === "row" && !element.expr.explicit ? element.expr.fields : [element.expr];
        return [mapArray(exprs, indexOf).filter((i) => i >= 0)];
      }
      case "emptyGroup":
        return [[]];
      case "rollup": {
        const keys = mapArray(element.elements, indexOf).filter((i) => i >= 0);
        return mapArray(keys, (_, i) => keys.slice(0, keys.length - i)).concat([[]]);
      }
      case "cube": {
        const keys = mapArray(element.elements, indexOf).filter((i) => i >= 0);
        const sets: number[][] = [];
        for (let mask = (1 << keys.length) - 1; mask >= 0; mask--)
          sets.push(keys.filter((_, i) => mask & (1 << (keys.length - 1 - i))));
        return sets;
      }
      case "groupingSets":
        return element.sets.flatMap(setsOf);
      default:
        return element satisfies never;
    }
  };
  // Several elements multiply out: GROUP BY a, ROLLUP(b) = GROUPING SETS ((a, b), (a)).
  let sets: number[][] = [[]];
  for (const element of elements) {
    const next = setsOf(element);
    // A plain key (the usual GROUP BY a, b) is one set of one key: extended in place.
    if (sets.length === 1 && next.length === 1) union(sets[0]!, next[0]!);
    else sets = sets.flatMap((left) => mapArray(next, (right) => union([...left], right)));
  }
  return { expressions, sets };
}

/** Adds to `keys` the keys of `more` it lacks; returns `keys`. */
function union(keys: number[], more: readonly number[]): number[] {
  for (const key of more) if (!keys.includes(key)) keys.push(key);
  return keys;
}

/** Whether the select list or HAVING calls an aggregate outside any subquery and OVER. */
function hasAggregate(select: Select, catalog: Catalog): boolean {
  let found = select.having !== undefined;
  const visit = (expr: Expr): void =>
    walkExpr(expr, (e) => {
      if (found) return false;
      if (e.kind === "call" && !e.over && isAggregateCall(e, catalog)) found = true;
      if (e.kind === "jsonCall" && (e.name === "JSON_OBJECTAGG" || e.name === "JSON_ARRAYAGG")) found = true;
      return !found;
    });
  for (const item of select.items) {
    // Most items are plain columns, which hold no call: not worth a walk.
    const kind = item.expr.kind;
    if (kind !== "column" && kind !== "star") visit(item.expr);
  }
  return found;
}

function isAggregateCall(call: FunctionCall, catalog: Catalog): boolean {
  const user = resolveUserFunction(call, catalog);
  if (user) return user.signature?.kind === "aggregate";
  return call.name.parts.length === 1 && lookupFunction(call.name.parts[0]!.value)?.kind === "aggregate";
}
