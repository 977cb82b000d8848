import type { Expr } from "../ast/expression.ts";
import type { Query, QueryBody, Select, SetOperation, Values } from "../ast/query.ts";
import { mapArray } from "../map-array.ts";
import { formatDataType } from "../types/format-type.ts";
import { canExplicitlyCast, commonType, withNullability } from "../types/index.ts";
import { bindExpr, commonTypeOf } from "./bind-expression.ts";
import { bindSelect } from "./bind-select.ts";
import { bindOrderItems } from "./bind-window-call.ts";
import type {
  BoundOrderItem,
  BoundQuery,
  BoundQueryBody,
  BoundSetOperation,
  BoundValues,
  OutputColumn,
} from "./bound.ts";
import type { BindContext } from "./context.ts";
import { isError } from "./error-expr.ts";
import { type ExprScope, exprScope } from "./expr-scope.ts";
import { Scope, ScopeRelation } from "./scope.ts";

/** Binds a query: its CTEs, body, ORDER BY and LIMIT/OFFSET. */
export function bindQuery(query: Query, ctx: BindContext, parent: Scope | undefined): BoundQuery {
  const cteScope = query.with.length > 0 ? new Scope(parent, false) : parent;
  for (const cte of query.with) {
    if (cteScope!.hasOwnCte(cte.name.value)) {
      ctx.error("duplicate-cte", `WITH defines '${cte.name.value}' twice`, cte.name.span);
      continue;
    }
    const bound = bindQuery(cte.query, ctx, cteScope);
    let columns = bound.columns;
    if (cte.columns.length > 0) {
      if (cte.columns.length !== columns.length) {
        ctx.error(
          "column-count",
          `'${cte.name.value}' names ${cte.columns.length} columns but its query returns ${columns.length}`,
          cte.span,
        );
      } else {
        columns = mapArray(columns, (c, i) => ({ ...c, name: cte.columns[i]!.value }));
      }
    }
    cteScope!.addCte({ name: cte.name.value, query: bound, columns });
  }
  // ORDER BY sees the output columns first, then (for a plain SELECT) the columns of its FROM clause.
  const selectScope = query.body.kind === "select" ? new Scope(cteScope) : undefined;
  const body =
    query.body.kind === "select"
      ? bindSelect(query.body, ctx, selectScope!)
      : bindBody(query.body, ctx, cteScope);
  const sortsInput = body.kind === "select" && !body.grouping;
  const orderBy = bindOrderBy(query, body, ctx, sortsInput ? selectScope : cteScope);
  const limit = query.limit ? integerLiteral(query.limit, "LIMIT", ctx) : undefined;
  const offset = query.offset ? integerLiteral(query.offset, "OFFSET", ctx) : undefined;
  return {
    kind: "query",
    body,
    orderBy,
    // Present when absent (undefined), as in bindSelect: one object shape.
    limit,
    offset,
    columns: body.columns,
    span: query.span,
  };
}

/** ORDER BY sees the output columns, then those of `parent`. */
function bindOrderBy(
  query: Query,
  body: BoundQueryBody,
  ctx: BindContext,
  parent: Scope | undefined,
): BoundOrderItem[] {
  // The output's binding number is taken with or without ORDER BY: later bindings keep their numbers.
  const binding = ctx.newBinding();
  if (query.orderBy.length === 0) return [];
  const orderScope = new Scope(parent, false);
  orderScope.add(new ScopeRelation(binding, [], body.columns));
  return bindOrderItems(query.orderBy, exprScope(ctx, orderScope, "ORDER BY"));
}

export function bindBody(body: QueryBody, ctx: BindContext, parent: Scope | undefined): BoundQueryBody {
  switch (body.kind) {
    case "select":
      return bindSelect(body satisfies Select, ctx, new Scope(parent));
    case "setOp":
      return bindSetOperation(body, ctx, parent);
    case "values":
      return bindValues(body, ctx, parent);
    case "query":
      return bindQuery(body, ctx, parent);
    default:
      return body satisfies never;
  }
}

function bindSetOperation(op: SetOperation, ctx: BindContext, parent: Scope | undefined): BoundSetOperation {
  const left = bindBody(op.left, ctx, parent);
  const right = bindBody(op.right, ctx, parent);
  let columns: readonly OutputColumn[] = left.columns;
  if (left.columns.length !== right.columns.length) {
    ctx.error(
      "column-count",
      `${op.op} needs the same number of columns on both sides: ${left.columns.length} vs ${right.columns.length}`,
      op.operatorSpan,
    );
  } else {
    columns = mapArray(left.columns, (c, i) => {
      const other = right.columns[i]!;
      const common = commonType([c.type, other.type]);
      // Flink's type merging also pairs DATE with integers (for DATE + n); a set operation needs
      // values that convert, so both sides must cast to the merged type.
      if (!common || !canExplicitlyCast(c.type, common) || !canExplicitlyCast(other.type, common)) {
        ctx.error(
          "type-mismatch",
          `column ${i + 1} of ${op.op} mixes ${formatDataType(c.type)} and ${formatDataType(other.type)}, which have no common type`,
          op.operatorSpan,
        );
        return c;
      }
      return { name: c.name, type: withNullability(common, c.type.nullable || other.type.nullable) };
    });
  }
  return { kind: "setOp", op: op.op, all: op.all, left, right, columns, span: op.span };
}

function bindValues(values: Values, ctx: BindContext, parent: Scope | undefined): BoundValues {
  const es: ExprScope = exprScope(ctx, new Scope(parent), "VALUES");
  const rows = mapArray(values.rows, (row) => mapArray(row, (e) => bindExpr(e, es)));
  const width = rows[0]?.length ?? 0;
  for (const [i, row] of rows.entries()) {
    if (row.length !== width) {
      ctx.error(
        "column-count",
        `VALUES row ${i + 1} has ${row.length} values, the first row has ${width}`,
        values.span,
      );
      return { kind: "values", rows, columns: [], span: values.span };
    }
  }
  // A push loop, not Array.from over an array-like: V8 has no fast path for that.
  const columns: OutputColumn[] = [];
  for (let c = 0; c < width; c++) {
    const column = mapArray(rows, (r) => r[c]!);
    const type = commonTypeOf(column, `values of column ${c + 1}`, es, values.span);
    columns.push({
      name: `EXPR$${c}`,
      type: withNullability(
        type,
        column.some((e) => e.type.nullable),
      ),
    });
  }
  return { kind: "values", rows, columns, span: values.span };
}

function integerLiteral(expr: Expr, clause: string, ctx: BindContext): number | undefined {
  const bound = bindExpr(expr, exprScope(ctx, new Scope(), "LIMIT"));
  if (isError(bound)) return undefined;
  if (
    bound.kind === "literal" &&
    typeof bound.value === "number" &&
    Number.isInteger(bound.value) &&
    bound.value >= 0
  ) {
    return bound.value;
  }
  ctx.error("invalid-limit", `${clause} expects a non-negative integer literal`, expr.span);
  return undefined;
}
