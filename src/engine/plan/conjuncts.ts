import type { BoundExpr } from "../../sql/binder/bound.ts";
import type { DataType } from "../../sql/types/data-type.ts";
import { type Fields, slotIndex } from "./layout.ts";
import { NO_SPAN, rewriteExpr } from "./rewrite-expr.ts";

/** `a AND (b AND c)` → `[a, b, c]`. */
export function conjuncts(expr: BoundExpr | undefined): BoundExpr[] {
  if (!expr) return [];
  if (expr.kind === "call" && expr.name === "AND") return expr.args.flatMap((a) => conjuncts(a));
  return [expr];
}

/** The AND of `exprs` (left-deep, as the binder builds it); undefined for none. */
export function conjunction(exprs: readonly BoundExpr[]): BoundExpr | undefined {
  return exprs.reduce<BoundExpr | undefined>((acc, e) => (acc ? booleanCall("AND", [acc, e]) : e), undefined);
}

/** An OR of `exprs`, left-deep. */
export function disjunction(exprs: readonly BoundExpr[]): BoundExpr {
  return exprs.reduce((acc, e) => booleanCall("OR", [acc, e]));
}

export function booleanCall(name: string, args: readonly BoundExpr[]): BoundExpr {
  const nullable = name.startsWith("IS ") ? false : args.some((a) => a.type.nullable);
  return { kind: "call", name, args, type: { kind: "BOOLEAN", nullable }, span: NO_SPAN };
}

export function castTo(expr: BoundExpr, type: DataType): BoundExpr {
  return { kind: "cast", safe: false, operand: expr, type, span: expr.span };
}

/** Whether the expression is a plain reference to a field (a column, group key, aggregate...). */
export function isFieldRef(expr: BoundExpr): boolean {
  return (
    expr.kind === "column" ||
    expr.kind === "groupRef" ||
    expr.kind === "aggregateRef" ||
    expr.kind === "windowRef"
  );
}

/** Positions in `fields` of every field the expression reads. */
export function fieldsRead(expr: BoundExpr, fields: Fields): Set<number> {
  const read = new Set<number>();
  rewriteExpr(expr, (x) => {
    if (!isFieldRef(x)) return undefined;
    const i = slotIndex(fields, x);
    if (i >= 0) read.add(i);
    return x;
  });
  return read;
}

/** Which inputs of a join an expression over `[...left, ...right]` reads. */
export type Sides = "none" | "left" | "right" | "both";

export function sidesRead(expr: BoundExpr, inputFields: Fields, leftCount: number): Sides {
  let left = false;
  let right = false;
  for (const i of fieldsRead(expr, inputFields)) {
    if (i < leftCount) left = true;
    else right = true;
  }
  return left ? (right ? "both" : "left") : right ? "right" : "none";
}

/** Whether any node satisfies `test`, looking into nothing below a subquery. */
export function containsKind(expr: BoundExpr, kind: BoundExpr["kind"]): boolean {
  let found = false;
  rewriteExpr(expr, (x) => {
    if (x.kind === kind) found = true;
    return found ? x : undefined;
  });
  return found;
}
