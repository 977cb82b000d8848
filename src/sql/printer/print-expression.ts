import type { BinaryOperator, CaseExpr, Expr, FieldAccess, RowConstructor } from "../ast/index.ts";
import { binaryPrecedence, PRECEDENCE } from "../parser/precedence.ts";
import { formatDataType } from "../types/format-type.ts";
import { block, INDENT, indent, isMultiline } from "./layout.ts";
import { printFunctionCall, printJsonCall } from "./print-function-call.ts";
import { printIntervalLiteral, printStringLiteral, printTypedLiteral } from "./print-literal.ts";
import { printIdent, printIdentList, printQualifiedName } from "./print-names.ts";
import { printQuery } from "./print-query.ts";

/**
 * How tightly an expression binds, on the parser's scale (precedence.ts), so text and tree agree; a child
 * that binds more loosely than its position requires is parenthesized. The AST has no parenthesis node,
 * so parentheses are printed exactly where the tree needs them: `a - (b - c)` keeps its parentheses,
 * `(a - b) - c` loses them. Operands of comparisons and predicates are printed at ADDITIVE, so
 * `(a = b) = c` and `a = (b LIKE c)` keep parentheses a reader would want anyway.
 */
/** Anywhere an expression stands alone: a select item, a function argument, a WHERE clause. */
const ANY = 0;
/** Literals, names, calls, parenthesized constructs: never parenthesized. */
const ATOM = Number.POSITIVE_INFINITY;

export function printExpr(expr: Expr, minimum: number = ANY): string {
  const text = printUnparenthesized(expr);
  return precedenceOf(expr) < minimum ? `(${text})` : text;
}

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case "binaryOp":
      return binaryPrecedence(expr.op);
    case "unary":
      return expr.op === "NOT" ? PRECEDENCE.NOT : PRECEDENCE.UNARY;
    case "measureSemantics":
      return PRECEDENCE.UNARY;
    case "numeric":
      return /^[-+]/.test(expr.text) ? PRECEDENCE.UNARY : ATOM;
    case "is":
    case "isDistinctFrom":
      return PRECEDENCE.IS;
    case "between":
    case "like":
    case "inList":
    case "inSubquery":
      return PRECEDENCE.PREDICATE;
    case "fieldAccess":
    case "subscript":
      return PRECEDENCE.POSTFIX;
    default:
      return ATOM;
  }
}

function printUnparenthesized(expr: Expr): string {
  switch (expr.kind) {
    case "numeric":
      return expr.text;
    case "string":
      return printStringLiteral(expr.value);
    case "boolean":
      return expr.value === "unknown" ? "UNKNOWN" : expr.value ? "TRUE" : "FALSE";
    case "null":
      return "NULL";
    case "binary":
      return `X'${expr.hex}'`;
    case "typedLiteral":
      return printTypedLiteral(expr);
    case "interval":
      return printIntervalLiteral(expr);
    case "column":
      return expr.parts.map(printIdent).join(".");
    case "star":
      return [...expr.qualifier.map(printIdent), "*"].join(".");
    case "parameter":
      return "?";
    case "unary":
      return printUnary(expr.op, expr.operand);
    case "binaryOp":
      return printBinary(expr.op, expr.left, expr.right);
    case "is":
      return `${printExpr(expr.operand, PRECEDENCE.ADDITIVE)} IS ${expr.negated ? "NOT " : ""}${expr.test}`;
    case "isDistinctFrom":
      return `${printExpr(expr.left, PRECEDENCE.ADDITIVE)} IS ${expr.negated ? "NOT " : ""}DISTINCT FROM ${printExpr(expr.right, PRECEDENCE.ADDITIVE)}`;
    case "between": {
      const keyword = `${expr.negated ? "NOT " : ""}BETWEEN${expr.symmetric ? " SYMMETRIC" : ""}`;
      const [operand, low, high] = [expr.operand, expr.low, expr.high].map((e) =>
        printExpr(e, PRECEDENCE.ADDITIVE),
      );
      return `${operand} ${keyword} ${low} AND ${high}`;
    }
    case "like": {
      const escapeClause = expr.escape ? ` ESCAPE ${printExpr(expr.escape, PRECEDENCE.ADDITIVE)}` : "";
      return `${printExpr(expr.operand, PRECEDENCE.ADDITIVE)} ${expr.negated ? "NOT " : ""}${expr.op} ${printExpr(expr.pattern, PRECEDENCE.ADDITIVE)}${escapeClause}`;
    }
    case "inList":
      return `${printExpr(expr.operand, PRECEDENCE.ADDITIVE)} ${expr.negated ? "NOT " : ""}IN (${printExprList(expr.list)})`;
    case "inSubquery":
      return `${printExpr(expr.operand, PRECEDENCE.ADDITIVE)} ${expr.negated ? "NOT " : ""}IN ${block(printQuery(expr.query))}`;
    case "exists":
      return `EXISTS ${block(printQuery(expr.query))}`;
    case "scalarSubquery":
      return block(printQuery(expr.query));
    case "measureSemantics":
      return `${expr.semantics} ${printExpr(expr.operand, PRECEDENCE.POSTFIX)}`;
    case "arraySubquery":
      return `ARRAY${block(printQuery(expr.query))}`;
    case "case":
      return printCase(expr);
    case "cast":
      return `${expr.safe ? "TRY_CAST" : "CAST"}(${printExpr(expr.operand)} AS ${formatDataType(expr.type)})`;
    case "call":
      return printFunctionCall(expr);
    case "extract":
      return `EXTRACT(${expr.unit} FROM ${printExpr(expr.source)})`;
    case "trim": {
      if (expr.side === "BOTH" && expr.chars === undefined) return `TRIM(${printExpr(expr.source)})`;
      const chars = expr.chars ? ` ${printExpr(expr.chars, PRECEDENCE.ADDITIVE)}` : "";
      return `TRIM(${expr.side}${chars} FROM ${printExpr(expr.source, PRECEDENCE.ADDITIVE)})`;
    }
    case "timeUnit":
      return expr.unit;
    case "jsonCall":
      return printJsonCall(expr);
    case "fieldAccess":
      return printFieldAccess(expr);
    case "subscript":
      return `${printExpr(expr.base, PRECEDENCE.POSTFIX)}[${printExpr(expr.index)}]`;
    case "row":
      return printRow(expr);
    case "array":
      return `ARRAY[${printExprList(expr.elements)}]`;
    case "map":
      return `MAP[${expr.entries.map((e) => `${printExpr(e.key)}, ${printExpr(e.value)}`).join(", ")}]`;
    case "namedArgument":
      return `${printIdent(expr.name)} => ${printExpr(expr.value)}`;
    case "tableArgument":
      return printTableArgument(printQualifiedName(expr.table), expr.partitionBy);
    case "descriptor":
      return `DESCRIPTOR${printIdentList(expr.columns)}`;
    default:
      return expr satisfies never;
  }
}

/** Longer than this, a WHERE, HAVING or ON condition puts each of its top-level ANDs on a new line. */
const CONDITION_WIDTH = 80;

/**
 * A condition of WHERE, HAVING or ON. When it is long, its top-level `AND` chain is laid out one
 * conjunct per line, the continuation lines indented under the clause:
 *
 *   WHERE r.ride_id = p.ride_id
 *     AND p.paid_at BETWEEN r.started_at AND r.started_at + INTERVAL '1' HOUR
 *
 * Only whitespace differs from `printExpr`, so the text reads back as the same tree.
 */
export function printCondition(expr: Expr): string {
  const inline = printExpr(expr);
  if (inline.length <= CONDITION_WIDTH || isMultiline(inline)) return inline;
  const conjuncts: Expr[] = [];
  let rest = expr;
  while (rest.kind === "binaryOp" && rest.op === "AND") {
    conjuncts.unshift(rest.right);
    rest = rest.left;
  }
  if (conjuncts.length === 0) return inline;
  const first = printExpr(rest, PRECEDENCE.AND);
  return [first, ...conjuncts.map((c) => `${INDENT}AND ${printExpr(c, PRECEDENCE.NOT)}`)].join("\n");
}

export function printExprList(exprs: readonly Expr[]): string {
  return exprs.map((e) => printExpr(e)).join(", ");
}

/** `- -1` keeps its space: `--` would start a comment. */
function printUnary(op: "-" | "+" | "NOT", operand: Expr): string {
  if (op === "NOT") return `NOT ${printExpr(operand, PRECEDENCE.NOT)}`;
  const text = printExpr(operand, PRECEDENCE.UNARY);
  return /^[-+]/.test(text) ? `${op} ${text}` : op + text;
}

function printBinary(op: BinaryOperator, left: Expr, right: Expr): string {
  const level = binaryPrecedence(op);
  // Comparisons are not chained in print: `(a = b) = c` keeps its parentheses, both sides bind tighter.
  const comparison = level === PRECEDENCE.COMPARISON;
  const leftLevel = comparison ? PRECEDENCE.ADDITIVE : level;
  const rightLevel = comparison ? PRECEDENCE.ADDITIVE : level + 1;
  return `${printOperand(op, left, leftLevel)} ${op} ${printOperand(op, right, rightLevel)}`;
}

/**
 * Calcite gives `||` the precedence of `*`, the SQL standard that of `+`; mixing `||` with arithmetic is
 * parenthesized so the text means the same tree under either reading.
 */
function printOperand(op: BinaryOperator, operand: Expr, minimum: number): string {
  const mixesConcat =
    operand.kind === "binaryOp" &&
    isArithmetic(op) !== isArithmetic(operand.op) &&
    isConcatOrArithmetic(op, operand.op);
  return mixesConcat ? `(${printUnparenthesized(operand)})` : printExpr(operand, minimum);
}

function isArithmetic(op: BinaryOperator): boolean {
  return op === "+" || op === "-" || op === "*" || op === "/" || op === "%";
}

function isConcatOrArithmetic(a: BinaryOperator, b: BinaryOperator): boolean {
  return (a === "||" || isArithmetic(a)) && (b === "||" || isArithmetic(b));
}

/** On one line when it fits, otherwise one WHEN per line. */
function printCase(expr: CaseExpr): string {
  const operand = expr.operand ? ` ${printExpr(expr.operand)}` : "";
  const branches = expr.whens.map((w) => `WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
  if (expr.else) branches.push(`ELSE ${printExpr(expr.else)}`);
  const inline = `CASE${operand} ${branches.join(" ")} END`;
  if (inline.length <= 80 && !isMultiline(inline)) return inline;
  return `CASE${operand}\n${indent(branches.join("\n"))}\nEND`;
}

/**
 * `base.field`. A column path base is parenthesized, or `(t.a).b` would read back as the column `t.a.b`;
 * so is anything that is not itself a postfix or call expression.
 */
function printFieldAccess(expr: FieldAccess): string {
  const base =
    expr.base.kind === "column" || expr.base.kind === "star"
      ? `(${printExpr(expr.base)})`
      : printExpr(expr.base, PRECEDENCE.POSTFIX);
  return `${base}.${printIdent(expr.field)}`;
}

/** `ROW(a)` for one field: `(a)` is just a parenthesized expression. */
function printRow(expr: RowConstructor): string {
  const fields = printExprList(expr.fields);
  return expr.explicit || expr.fields.length === 1 ? `ROW(${fields})` : `(${fields})`;
}

function printTableArgument(table: string, partitionBy: readonly Expr[]): string {
  if (partitionBy.length === 0) return `TABLE ${table}`;
  const keys = partitionBy.length === 1 ? printExpr(partitionBy[0]!) : `(${printExprList(partitionBy)})`;
  return `TABLE ${table} PARTITION BY ${keys}`;
}
