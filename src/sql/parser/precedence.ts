import type { BinaryOperator } from "../ast/expression.ts";

/**
 * Calcite's operator precedences (SqlStdOperatorTable), which Flink inherits. Higher binds tighter.
 * Note that `||` binds as tightly as `*`, and that `IS ...` binds looser than `=`:
 * `a = b IS NULL` is `(a = b) IS NULL`. Exported so the printer parenthesises the same way.
 */
export const PRECEDENCE = {
  OR: 22,
  AND: 24,
  NOT: 26,
  /** `IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM`. */
  IS: 28,
  COMPARISON: 30,
  /** `[NOT] LIKE | SIMILAR TO | BETWEEN | IN`. */
  PREDICATE: 32,
  ADDITIVE: 40,
  MULTIPLICATIVE: 60,
  /** Prefix `-` and `+`. */
  UNARY: 80,
  /** `.field` and `[index]`. */
  POSTFIX: 100,
} as const;

export function binaryPrecedence(op: BinaryOperator): number {
  switch (op) {
    case "OR":
      return PRECEDENCE.OR;
    case "AND":
      return PRECEDENCE.AND;
    case "=":
    case "<>":
    case "<":
    case ">":
    case "<=":
    case ">=":
    case "OVERLAPS":
      return PRECEDENCE.COMPARISON;
    case "+":
    case "-":
      return PRECEDENCE.ADDITIVE;
    case "*":
    case "/":
    case "%":
    case "||":
      return PRECEDENCE.MULTIPLICATIVE;
    default:
      return op satisfies never;
  }
}
