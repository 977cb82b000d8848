import type { FrameBound, OrderItem, WindowFrame, WindowSpec } from "../ast/index.ts";
import { PRECEDENCE } from "../parser/precedence.ts";
import { printExpr, printExprList } from "./print-expression.ts";
import { printIdent } from "./print-names.ts";

/** `a DESC NULLS LAST`. */
export function printOrderItem(item: OrderItem): string {
  const direction = item.direction ? ` ${item.direction}` : "";
  const nulls = item.nulls ? ` NULLS ${item.nulls}` : "";
  return printExpr(item.expr) + direction + nulls;
}

export function printOrderBy(items: readonly OrderItem[]): string {
  return `ORDER BY ${items.map(printOrderItem).join(", ")}`;
}

/** `(w PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`, on one line. */
export function printWindowSpec(spec: WindowSpec): string {
  const parts: string[] = [];
  if (spec.base) parts.push(printIdent(spec.base));
  if (spec.partitionBy.length > 0) parts.push(`PARTITION BY ${printExprList(spec.partitionBy)}`);
  if (spec.orderBy.length > 0) parts.push(printOrderBy(spec.orderBy));
  if (spec.frame) parts.push(printFrame(spec.frame));
  return `(${parts.join(" ")})`;
}

function printFrame(frame: WindowFrame): string {
  if (frame.end === undefined) return `${frame.unit} ${printFrameBound(frame.start)}`;
  return `${frame.unit} BETWEEN ${printFrameBound(frame.start)} AND ${printFrameBound(frame.end)}`;
}

function printFrameBound(bound: FrameBound): string {
  switch (bound.kind) {
    case "unboundedPreceding":
      return "UNBOUNDED PRECEDING";
    case "unboundedFollowing":
      return "UNBOUNDED FOLLOWING";
    case "currentRow":
      return "CURRENT ROW";
    case "preceding":
      return `${printExpr(bound.offset, PRECEDENCE.ADDITIVE)} PRECEDING`;
    case "following":
      return `${printExpr(bound.offset, PRECEDENCE.ADDITIVE)} FOLLOWING`;
    default:
      return bound satisfies never;
  }
}
