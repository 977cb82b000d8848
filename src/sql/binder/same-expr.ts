import type { SqlValue } from "../../common/value.ts";
import { typesEqual } from "../types/type-equality.ts";
import type { BoundAggregate, BoundExpr } from "./bound.ts";

/**
 * Whether two bound expressions are the same computation (spans ignored): a grouped select matches
 * its expressions to the GROUP BY keys and its aggregates to each other this way, and the planner
 * shares input fields by it. Compared in place rather than through text keys, which built a string
 * per expression and node.
 */
export function sameExpr(a: BoundExpr, b: BoundExpr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "column": {
      const other = b as typeof a;
      return (
        a.binding === other.binding &&
        a.column === other.column &&
        a.timeAttribute === other.timeAttribute &&
        typesEqual(a.type, other.type)
      );
    }
    case "outerColumn": {
      const other = b as typeof a;
      return (
        a.depth === other.depth &&
        a.binding === other.binding &&
        a.column === other.column &&
        typesEqual(a.type, other.type)
      );
    }
    case "literal":
      return sameValue(a.value, (b as typeof a).value) && typesEqual(a.type, b.type);
    case "parameter":
      return a.index === (b as typeof a).index;
    case "call": {
      const other = b as typeof a;
      return (
        a.name === other.name &&
        a.userFunction?.path.join(".") === other.userFunction?.path.join(".") &&
        a.userFunction?.implementation === other.userFunction?.implementation &&
        JSON.stringify(a.json) === JSON.stringify(other.json) &&
        typesEqual(a.type, other.type) &&
        sameExprs(a.args, other.args)
      );
    }
    case "timeUnit":
      return a.unit === (b as typeof a).unit;
    case "cast": {
      const other = b as typeof a;
      return a.safe === other.safe && typesEqual(a.type, other.type) && sameExpr(a.operand, other.operand);
    }
    case "case": {
      const other = b as typeof a;
      if (a.whens.length !== other.whens.length || !typesEqual(a.type, other.type)) return false;
      for (let i = 0; i < a.whens.length; i++) {
        const x = a.whens[i]!;
        const y = other.whens[i]!;
        if (!sameExpr(x.when, y.when) || !sameExpr(x.then, y.then)) return false;
      }
      return a.else === undefined || other.else === undefined
        ? a.else === other.else
        : sameExpr(a.else, other.else);
    }
    case "fieldAccess": {
      const other = b as typeof a;
      return a.field === other.field && typesEqual(a.type, other.type) && sameExpr(a.base, other.base);
    }
    case "groupRef": {
      const other = b as typeof a;
      return (
        a.index === other.index && a.timeAttribute === other.timeAttribute && typesEqual(a.type, other.type)
      );
    }
    case "aggregateRef":
    case "windowRef":
      return a.index === (b as typeof a).index && typesEqual(a.type, b.type);
    case "subquery":
      // Rare here (Flink does not group by subqueries): the whole trees, spans left out.
      return subqueryText(a) === subqueryText(b);
    default:
      return a satisfies never;
  }
}

export function sameExprs(a: readonly BoundExpr[], b: readonly BoundExpr[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameExpr(a[i]!, b[i]!)) return false;
  return true;
}

/** The position of the first of `exprs` that is the same computation as `expr`, or -1. */
export function indexOfExpr(exprs: readonly BoundExpr[], expr: BoundExpr): number {
  for (let i = 0; i < exprs.length; i++) if (sameExpr(exprs[i]!, expr)) return i;
  return -1;
}

/** Whether two aggregate calls compute the same value, so that a select computes it once. */
export function sameAggregate(a: BoundAggregate, b: BoundAggregate): boolean {
  return (
    a.name === b.name &&
    a.distinct === b.distinct &&
    typesEqual(a.type, b.type) &&
    sameExprs(a.args, b.args) &&
    (a.filter === undefined || b.filter === undefined ? a.filter === b.filter : sameExpr(a.filter, b.filter))
  );
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (typeof a === "number") return Number.isNaN(a) && typeof b === "number" && Number.isNaN(b);
  if (a instanceof Uint8Array)
    return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const left = [...a];
    const right = [...b];
    return left.every(([k, v], i) => sameValue(k, right[i]![0]) && sameValue(v, right[i]![1]));
  }
  return false;
}

function subqueryText(expr: BoundExpr): string {
  return JSON.stringify(expr, (k, v) => {
    if (k === "span") return undefined;
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Uint8Array) return Array.from(v);
    return v;
  });
}
