import type { Span } from "../../common/source.ts";
import { type Expr, isLiteral } from "../ast/expression.ts";
import { mapArray } from "../map-array.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { areComparable, canExplicitlyCast, commonType, withNullability } from "../types/index.ts";
import { bindCall } from "./bind-call.ts";
import { accessFields, bindColumnRef } from "./bind-column.ts";
import { bindLiteral } from "./bind-literal.ts";
import { bindBinaryOp, bindUnary, booleanOperand, comparison } from "./bind-operators.ts";
import { bindSubquery } from "./bind-subquery.ts";
import type { BoundExpr } from "./bound.ts";
import { errorExpr, isError } from "./error-expr.ts";
import { type Aggregation, type ExprScope, inClause } from "./expr-scope.ts";
import { indexOfExpr } from "./same-expr.ts";

const BOOLEAN_NOT_NULL: DataType = { kind: "BOOLEAN", nullable: false };

/** Binds and types one expression. Errors are reported to the context; the result is then an error expr. */
export function bindExpr(expr: Expr, es: ExprScope): BoundExpr {
  if (es.aggregation && expr.kind !== "column") {
    const grouped = matchGroupKey(expr, es);
    if (grouped) return grouped;
  }
  if (isLiteral(expr)) return bindLiteral(expr, es);
  switch (expr.kind) {
    case "column": {
      // Bound once, then matched against the GROUP BY keys: a plain binding is all a key match needs.
      const bound = bindColumnRef(expr, es);
      if (es.aggregation === undefined || isError(bound)) return bound;
      const grouped = groupRef(bound, es.aggregation, expr.span);
      if (grouped) return grouped;
      if (bound.kind !== "outerColumn") {
        es.ctx.error(
          "not-grouped",
          `column '${mapArray(expr.parts, (p) => p.value).join(".")}' must appear in GROUP BY or be used in an aggregate function`,
          expr.span,
        );
        return errorExpr(expr.span);
      }
      return bound;
    }
    case "star":
      es.ctx.error("misplaced-star", "'*' is allowed only in a SELECT list or in COUNT(*)", expr.span);
      return errorExpr(expr.span);
    case "parameter":
      return {
        kind: "parameter",
        index: expr.index,
        type: { kind: "NULL", nullable: true },
        span: expr.span,
      };
    case "unary":
      return bindUnary(expr, es);
    case "binaryOp":
      return bindBinaryOp(expr, es);
    case "is": {
      const operand = bindExpr(expr.operand, es);
      if (expr.test.startsWith("JSON")) requireCharacter(operand, `IS ${expr.test}`, es);
      else if (expr.test !== "NULL") booleanOperand(operand, `IS ${expr.test}`, es);
      const name = `IS ${expr.negated ? "NOT " : ""}${expr.test}`;
      return { kind: "call", name, args: [operand], type: BOOLEAN_NOT_NULL, span: expr.span };
    }
    case "isDistinctFrom": {
      const left = bindExpr(expr.left, es);
      const right = bindExpr(expr.right, es);
      comparison(left, right, "IS DISTINCT FROM", es);
      const name = expr.negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
      return { kind: "call", name, args: [left, right], type: BOOLEAN_NOT_NULL, span: expr.span };
    }
    case "between": {
      const operand = bindExpr(expr.operand, es);
      const low = bindExpr(expr.low, es);
      const high = bindExpr(expr.high, es);
      comparison(operand, low, "BETWEEN", es);
      comparison(operand, high, "BETWEEN", es);
      const name = `${expr.negated ? "NOT " : ""}BETWEEN${expr.symmetric ? " SYMMETRIC" : ""}`;
      const args = [operand, low, high];
      return { kind: "call", name, args, type: booleanOf(args), span: expr.span };
    }
    case "like": {
      const args = [bindExpr(expr.operand, es), bindExpr(expr.pattern, es)];
      if (expr.escape) args.push(bindExpr(expr.escape, es));
      for (const arg of args) {
        if (!isError(arg) && !isCharacter(arg.type)) {
          es.ctx.error(
            "type-mismatch",
            `${expr.op} expects character strings, got ${formatDataType(arg.type)}`,
            arg.span,
          );
        }
      }
      const name = `${expr.negated ? "NOT " : ""}${expr.op}`;
      return { kind: "call", name, args, type: booleanOf(args), span: expr.span };
    }
    case "inList": {
      const operand = bindExpr(expr.operand, es);
      const list = mapArray(expr.list, (e) => bindExpr(e, es));
      for (const item of list) comparison(operand, item, "IN", es);
      const args = [operand, ...list];
      return {
        kind: "call",
        name: expr.negated ? "NOT IN" : "IN",
        args,
        type: booleanOf(args),
        span: expr.span,
      };
    }
    case "inSubquery":
    case "exists":
    case "scalarSubquery":
    case "arraySubquery":
      return bindSubquery(expr, es);
    case "case":
      return bindCase(expr, es);
    case "cast": {
      const operand = bindExpr(expr.operand, es);
      if (!isError(operand) && !canExplicitlyCast(operand.type, expr.type)) {
        es.ctx.error(
          "invalid-cast",
          `cannot cast ${formatDataType(operand.type)} to ${formatDataType(expr.type)}`,
          expr.span,
        );
      }
      // TRY_CAST turns a failed conversion into NULL, so its result is always nullable.
      const nullable = expr.safe || operand.type.nullable || expr.type.nullable;
      return {
        kind: "cast",
        safe: expr.safe,
        operand,
        type: withNullability(expr.type, nullable),
        span: expr.span,
      };
    }
    case "call":
    case "extract":
    case "trim":
    case "jsonCall":
      return bindCall(expr, es);
    case "measureSemantics":
      // With ONE ROW PER MATCH (all Flink runs) a measure is computed once the match is complete, so
      // RUNNING and FINAL give the same value: the bound tree keeps the call it qualifies.
      if (es.clause !== "MATCH_RECOGNIZE") {
        es.ctx.error(
          "misplaced-semantics",
          `${expr.semantics} is allowed only in MATCH_RECOGNIZE`,
          expr.span,
        );
        return errorExpr(expr.span);
      }
      return bindExpr(expr.operand, es);
    case "timeUnit":
      es.ctx.error(
        "misplaced-time-unit",
        `time unit ${expr.unit} is allowed only as a function argument`,
        expr.span,
      );
      return errorExpr(expr.span);
    case "fieldAccess": {
      const base = bindExpr(expr.base, es);
      return isError(base) ? base : accessFields(base, [expr.field], es);
    }
    case "subscript":
      return bindSubscript(expr, es);
    case "row": {
      const fields = mapArray(expr.fields, (f) => bindExpr(f, es));
      const type: DataType = {
        kind: "ROW",
        fields: mapArray(fields, (f, i) => ({ name: `EXPR$${i}`, type: f.type })),
        nullable: false,
      };
      return { kind: "call", name: "ROW", args: fields, type, span: expr.span };
    }
    case "array": {
      const elements = mapArray(expr.elements, (e) => bindExpr(e, es));
      const element = commonTypeOf(elements, "ARRAY elements", es, expr.span);
      return {
        kind: "call",
        name: "ARRAY",
        args: elements,
        type: { kind: "ARRAY", element, nullable: false },
        span: expr.span,
      };
    }
    case "map": {
      const keys = mapArray(expr.entries, (e) => bindExpr(e.key, es));
      const values = mapArray(expr.entries, (e) => bindExpr(e.value, es));
      const type: DataType = {
        kind: "MAP",
        key: commonTypeOf(keys, "MAP keys", es, expr.span),
        value: commonTypeOf(values, "MAP values", es, expr.span),
        nullable: false,
      };
      const args = keys.flatMap((k, i) => [k, values[i]!]);
      return { kind: "call", name: "MAP", args, type, span: expr.span };
    }
    case "namedArgument":
    case "tableArgument":
    case "descriptor":
      es.ctx.error(
        "misplaced-argument",
        "named, TABLE and DESCRIPTOR arguments are allowed only in table function calls",
        expr.span,
      );
      return errorExpr(expr.span);
    default:
      return expr satisfies never;
  }
}

/** In a grouped select, an expression equal to a GROUP BY key reads the key. */
function matchGroupKey(expr: Expr, es: ExprScope): BoundExpr | undefined {
  const aggregation = es.aggregation!;
  if (aggregation.groupExprs.length === 0) return undefined;
  if (aggregation.keySyntax !== undefined && !aggregation.keySyntax.has(expr.kind)) return undefined;
  const plain = es.ctx.trial(() =>
    bindExpr(expr, inClause(es, es.clause, { namedWindows: es.namedWindows })),
  );
  return plain && groupRef(plain, aggregation, expr.span);
}

/** The reference to the GROUP BY key `plain` computes, if it is one. */
function groupRef(plain: BoundExpr, aggregation: Aggregation, span: Span): BoundExpr | undefined {
  const index = indexOfExpr(aggregation.groupExprs, plain);
  if (index < 0) return undefined;
  const key = aggregation.groupExprs[index]!;
  const { type } = key;
  // Literals rather than a conditional spread: fixed object shapes (see common/keep-shape.ts).
  return key.kind === "column" && key.timeAttribute
    ? { kind: "groupRef", index, type, timeAttribute: key.timeAttribute, span }
    : { kind: "groupRef", index, type, span };
}

function bindCase(expr: Extract<Expr, { kind: "case" }>, es: ExprScope): BoundExpr {
  const operand = expr.operand ? bindExpr(expr.operand, es) : undefined;
  const whens = mapArray(expr.whens, (w) => {
    const when = bindExpr(w.when, es);
    if (operand) comparison(operand, when, "CASE", es);
    else booleanOperand(when, "CASE WHEN", es);
    return { when, then: bindExpr(w.then, es) };
  });
  const elseExpr = expr.else ? bindExpr(expr.else, es) : undefined;
  const results = [...mapArray(whens, (w) => w.then), ...(elseExpr ? [elseExpr] : [])];
  const type = commonTypeOf(results, "CASE branches", es, expr.span);
  const nullable = !elseExpr || results.some((r) => r.type.nullable);
  const conditions = operand
    ? mapArray(whens, (w) => ({
        when: {
          kind: "call",
          name: "=",
          args: [operand, w.when],
          type: booleanOf([operand, w.when]),
          span: w.when.span,
        } as BoundExpr,
        then: w.then,
      }))
    : whens;
  return {
    kind: "case",
    whens: conditions,
    else: elseExpr,
    type: withNullability(type, nullable),
    span: expr.span,
  };
}

function bindSubscript(expr: Extract<Expr, { kind: "subscript" }>, es: ExprScope): BoundExpr {
  const base = bindExpr(expr.base, es);
  const index = bindExpr(expr.index, es);
  if (isError(base, index)) return errorExpr(expr.span);
  if (base.type.kind === "ARRAY") {
    if (!["TINYINT", "SMALLINT", "INT", "BIGINT"].includes(index.type.kind)) {
      es.ctx.error(
        "type-mismatch",
        `an ARRAY index must be an integer, got ${formatDataType(index.type)}`,
        index.span,
      );
    }
    return {
      kind: "call",
      name: "ITEM",
      args: [base, index],
      type: withNullability(base.type.element, true),
      span: expr.span,
    };
  }
  if (base.type.kind === "MAP") {
    if (!areComparable(index.type, base.type.key)) {
      es.ctx.error(
        "type-mismatch",
        `a MAP<${formatDataType(base.type.key)}, ...> key cannot be looked up with ${formatDataType(index.type)}`,
        index.span,
      );
    }
    return {
      kind: "call",
      name: "ITEM",
      args: [base, index],
      type: withNullability(base.type.value, true),
      span: expr.span,
    };
  }
  es.ctx.error(
    "type-mismatch",
    `only ARRAY and MAP values can be subscripted, got ${formatDataType(base.type)}`,
    expr.base.span,
  );
  return errorExpr(expr.span);
}

/** The common type of several expressions, reporting an error when there is none. */
export function commonTypeOf(
  exprs: readonly BoundExpr[],
  what: string,
  es: ExprScope,
  span: BoundExpr["span"],
): DataType {
  const typed = exprs.filter((e) => !isError(e));
  if (typed.length === 0) return { kind: "NULL", nullable: true };
  const common = commonType(mapArray(typed, (e) => e.type));
  if (common) return common;
  es.ctx.error(
    "type-mismatch",
    `${what} have no common type: ${mapArray(typed, (e) => formatDataType(e.type)).join(", ")}`,
    span,
  );
  return typed[0]!.type;
}

export function booleanOf(args: readonly BoundExpr[]): DataType {
  return { kind: "BOOLEAN", nullable: args.some((a) => a.type.nullable) };
}

function isCharacter(type: DataType): boolean {
  return type.kind === "CHAR" || type.kind === "VARCHAR" || type.kind === "NULL";
}

function requireCharacter(operand: BoundExpr, where: string, es: ExprScope): void {
  if (isError(operand) || isCharacter(operand.type)) return;
  es.ctx.error(
    "type-mismatch",
    `${where} expects a character string, got ${formatDataType(operand.type)}`,
    operand.span,
  );
}
