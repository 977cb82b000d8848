import { spanToEnd } from "../../common/source.ts";
import type { BinaryExpr, UnaryExpr } from "../ast/expression.ts";
import type { DataType } from "../types/data-type.ts";
import { formatDataType } from "../types/format-type.ts";
import { areComparable, arithmeticResultType } from "../types/index.ts";
import { bindExpr, booleanOf } from "./bind-expression.ts";
import type { BoundExpr } from "./bound.ts";
import { errorExpr, isError } from "./error-expr.ts";
import type { ExprScope } from "./expr-scope.ts";

export function bindUnary(expr: UnaryExpr, es: ExprScope): BoundExpr {
  const operand = bindExpr(expr.operand, es);
  if (isError(operand)) return errorExpr(expr.span);
  if (expr.op === "NOT") {
    booleanOperand(operand, "NOT", es);
    return { kind: "call", name: "NOT", args: [operand], type: booleanOf([operand]), span: expr.span };
  }
  const kind = operand.type.kind;
  const numeric = [
    "TINYINT",
    "SMALLINT",
    "INT",
    "BIGINT",
    "FLOAT",
    "DOUBLE",
    "DECIMAL",
    "INTERVAL_YM",
    "INTERVAL_DT",
    "NULL",
  ];
  if (!numeric.includes(kind)) {
    es.ctx.error(
      "type-mismatch",
      `unary ${expr.op} expects a number or interval, got ${formatDataType(operand.type)}`,
      expr.span,
    );
    return errorExpr(expr.span);
  }
  if (expr.op === "+") return operand;
  return { kind: "call", name: "NEGATE", args: [operand], type: operand.type, span: expr.span };
}

export function bindBinaryOp(expr: BinaryExpr, es: ExprScope): BoundExpr {
  const left = bindExpr(expr.left, es);
  const right = bindExpr(expr.right, es);
  const args = [left, right];
  if (isError(left, right)) return errorExpr(expr.span);
  switch (expr.op) {
    case "AND":
    case "OR":
      booleanOperand(left, expr.op, es);
      booleanOperand(right, expr.op, es);
      return { kind: "call", name: expr.op, args, type: booleanOf(args), span: expr.span };
    case "=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=":
      comparison(left, right, expr.op, es);
      return { kind: "call", name: expr.op, args, type: booleanOf(args), span: expr.span };
    case "OVERLAPS":
      return { kind: "call", name: "OVERLAPS", args, type: booleanOf(args), span: expr.span };
    case "||": {
      for (const arg of args) {
        if (!["CHAR", "VARCHAR", "BINARY", "VARBINARY", "NULL"].includes(arg.type.kind)) {
          es.ctx.error(
            "type-mismatch",
            `|| expects character strings, got ${formatDataType(arg.type)}`,
            arg.span,
          );
          return errorExpr(expr.span);
        }
      }
      const type = arithmeticResultType("||", left.type, right.type);
      return typedCall("||", args, type, expr, es);
    }
    default: {
      const type = arithmeticResultType(expr.op, left.type, right.type);
      return typedCall(expr.op, args, type, expr, es);
    }
  }
}

function typedCall(
  name: string,
  args: BoundExpr[],
  type: DataType | { readonly error: string },
  expr: BinaryExpr,
  es: ExprScope,
): BoundExpr {
  if ("error" in type) {
    es.ctx.error("type-mismatch", type.error, expr.span);
    return errorExpr(expr.span);
  }
  return { kind: "call", name, args, type, span: expr.span };
}

/** Reports a non-boolean operand of a logical operator or condition. */
export function booleanOperand(operand: BoundExpr, where: string, es: ExprScope): void {
  if (isError(operand) || operand.type.kind === "BOOLEAN" || operand.type.kind === "NULL") return;
  es.ctx.error(
    "type-mismatch",
    `${where} expects a BOOLEAN, got ${formatDataType(operand.type)}`,
    operand.span,
  );
}

/** Reports two operands that Flink cannot compare. */
export function comparison(left: BoundExpr, right: BoundExpr, what: string, es: ExprScope): void {
  if (isError(left, right) || areComparable(left.type, right.type)) return;
  es.ctx.error(
    "type-mismatch",
    `cannot compare ${formatDataType(left.type)} with ${formatDataType(right.type)} in ${what}`,
    spanToEnd(left.span, Math.max(left.span.end, right.span.end)),
  );
}
