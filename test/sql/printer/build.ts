/** Builders for hand-made ASTs in printer tests: every node gets the same dummy span. */
import type { Span } from "../../../src/common/source.ts";
import type {
  BinaryOperator,
  ColumnRef,
  Expr,
  FunctionCall,
  Ident,
  NamedTable,
  NumericLiteral,
  QualifiedName,
  Query,
  QueryBody,
  Select,
  SelectItem,
  Statement,
  StringLiteral,
  TableAlias,
  TableRef,
} from "../../../src/sql/ast/index.ts";
import type { DataType } from "../../../src/sql/types/data-type.ts";

export const span: Span = { start: 0, end: 0, line: 1, col: 1 };

export function ident(value: string, quoted = false): Ident {
  return { kind: "ident", value, quoted, span };
}

export function name(...parts: string[]): QualifiedName {
  return { kind: "qualifiedName", parts: parts.map((p) => ident(p)), span };
}

export function col(...parts: string[]): ColumnRef {
  return { kind: "column", parts: parts.map((p) => ident(p)), span };
}

export function num(text: string): NumericLiteral {
  return { kind: "numeric", text, span };
}

export function str(value: string): StringLiteral {
  return { kind: "string", value, span };
}

export function bin(op: BinaryOperator, left: Expr, right: Expr): Expr {
  return { kind: "binaryOp", op, left, right, span };
}

export function neg(operand: Expr): Expr {
  return { kind: "unary", op: "-", operand, span };
}

export function not(operand: Expr): Expr {
  return { kind: "unary", op: "NOT", operand, span };
}

export function call(fn: string, args: Expr[], extra: Partial<FunctionCall> = {}): FunctionCall {
  return { kind: "call", name: name(fn), args, distinct: false, span, ...extra };
}

export function star(): Expr {
  return { kind: "star", qualifier: [], span };
}

export function item(expr: Expr, alias?: string): SelectItem {
  return alias === undefined
    ? { kind: "selectItem", expr, span }
    : { kind: "selectItem", expr, alias: ident(alias), span };
}

export function alias(aliasName: string, ...columns: string[]): TableAlias {
  return { kind: "tableAlias", name: ident(aliasName), columns: columns.map((c) => ident(c)), span };
}

export function table(tableName: string, aliasName?: string): NamedTable {
  const base = { kind: "namedTable" as const, name: name(...tableName.split(".")), hints: [], span };
  return aliasName === undefined ? base : { ...base, alias: alias(aliasName) };
}

export function select(
  items: (Expr | SelectItem)[],
  extra: Partial<Select> & { from?: TableRef } = {},
): Select {
  return {
    kind: "select",
    hints: [],
    distinct: false,
    items: items.map((i) => (i.kind === "selectItem" ? i : item(i))),
    groupBy: [],
    windows: [],
    span,
    ...extra,
  };
}

export function query(body: QueryBody, extra: Partial<Query> = {}): Query {
  return { kind: "query", with: [], body, orderBy: [], span, ...extra };
}

export function queryStatement(body: QueryBody, extra: Partial<Query> = {}): Statement {
  return { kind: "queryStatement", query: query(body, extra), span };
}

export const STRING: DataType = { kind: "VARCHAR", length: 2147483647, nullable: true };
export const BIGINT: DataType = { kind: "BIGINT", nullable: true };
export const INT: DataType = { kind: "INT", nullable: true };
export const TIMESTAMP3: DataType = { kind: "TIMESTAMP", precision: 3, nullable: true };
