import type { Expr } from "../ast/expression.ts";
import { formatDataType } from "../types/format-type.ts";
import { areComparable, withNullability } from "../types/index.ts";
import { bindExpr } from "./bind-expression.ts";
import { bindQuery } from "./bind-query.ts";
import type { BoundExpr } from "./bound.ts";
import { errorExpr, isError } from "./error-expr.ts";
import type { ExprScope } from "./expr-scope.ts";

type SubqueryExpr = Extract<Expr, { kind: "inSubquery" | "exists" | "scalarSubquery" | "arraySubquery" }>;

/**
 * IN (SELECT ...), EXISTS (SELECT ...), scalar subqueries and ARRAY(SELECT ...); the query may refer
 * to outer columns.
 */
export function bindSubquery(expr: SubqueryExpr, es: ExprScope): BoundExpr {
  // The subquery's own scope sits right under the enclosing one: its outer columns have depth 1.
  const query = bindQuery(expr.query, es.ctx, es.scope);
  if (expr.kind === "exists") {
    return {
      kind: "subquery",
      subquery: "exists",
      negated: false,
      query,
      type: { kind: "BOOLEAN", nullable: false },
      span: expr.span,
    };
  }
  if (query.columns.length !== 1) {
    es.ctx.error(
      "subquery-columns",
      `a subquery used as ${SUBQUERY_ROLES[expr.kind]} must return one column, not ${query.columns.length}`,
      expr.query.span,
    );
    return errorExpr(expr.span);
  }
  const column = query.columns[0]!;
  if (expr.kind === "scalarSubquery") {
    // A scalar subquery yields NULL when it returns no row.
    return {
      kind: "subquery",
      subquery: "scalar",
      negated: false,
      query,
      type: withNullability(column.type, true),
      span: expr.span,
    };
  }
  if (expr.kind === "arraySubquery") {
    // Always an array, empty when the query returns no row.
    return {
      kind: "subquery",
      subquery: "array",
      negated: false,
      query,
      type: { kind: "ARRAY", element: column.type, nullable: false },
      span: expr.span,
    };
  }
  const operand = bindExpr(expr.operand, es);
  if (!isError(operand) && !areComparable(operand.type, column.type)) {
    es.ctx.error(
      "type-mismatch",
      `cannot compare ${formatDataType(operand.type)} with ${formatDataType(column.type)} in IN`,
      expr.span,
    );
  }
  return {
    kind: "subquery",
    subquery: "in",
    negated: expr.negated,
    operand,
    query,
    type: { kind: "BOOLEAN", nullable: operand.type.nullable || column.type.nullable },
    span: expr.span,
  };
}

const SUBQUERY_ROLES = {
  inSubquery: "an IN list",
  scalarSubquery: "a value",
  arraySubquery: "ARRAY(...)",
} as const;
