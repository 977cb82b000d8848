import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { slotIndex } from "../layout.ts";
import type { ExecNode } from "./exec-node.ts";

/** Known bounds of a numeric column (inclusive or not does not matter for a sign test). */
export interface ValueBounds {
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * What the filters on the way down say about field `index` of `node`'s rows, optionally only the rows
 * where the BOOLEAN field `filter` is TRUE (an aggregate's FILTER): Flink's filtered column interval,
 * reduced to comparisons of the column with constants in Calc conditions — enough to tell that a SUM
 * only grows (`WHERE v >= 0`) or only shrinks.
 */
export function columnBounds(node: ExecNode, index: number, filter?: number): ValueBounds {
  if (node.kind !== "Calc") return {};
  const projection = node.projections[index];
  if (!projection) return {};
  const source = slotIndex(node.input.fields, projection);
  if (source < 0) {
    const v = numberOf(projection);
    return v === undefined ? {} : { lower: v, upper: v };
  }
  const conditions = [
    ...(node.condition ? [node.condition] : []),
    ...(filter !== undefined && node.projections[filter] ? [node.projections[filter]!] : []),
  ];
  const below = columnBounds(node.input, source);
  return conditions.reduce(
    (bounds, c) => narrow(bounds, c, (e) => slotIndex(node.input.fields, e) === source),
    below,
  );
}

function narrow(bounds: ValueBounds, condition: BoundExpr, isColumn: (e: BoundExpr) => boolean): ValueBounds {
  if (condition.kind !== "call") return bounds;
  if (condition.name === "AND") return condition.args.reduce((b, a) => narrow(b, a, isColumn), bounds);
  if (condition.name === "BETWEEN" && isColumn(condition.args[0]!)) {
    const low = numberOf(condition.args[1]!);
    const high = numberOf(condition.args[2]!);
    return { lower: max(bounds.lower, low), upper: min(bounds.upper, high) };
  }
  if (condition.args.length !== 2) return bounds;
  const [a, b] = condition.args as [BoundExpr, BoundExpr];
  const flipped: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=" };
  const [op, value] = isColumn(a)
    ? [condition.name, numberOf(b)]
    : isColumn(b)
      ? [flipped[condition.name], numberOf(a)]
      : [undefined, undefined];
  if (op === undefined || value === undefined) return bounds;
  switch (op) {
    case ">":
    case ">=":
      return { ...bounds, lower: max(bounds.lower, value) };
    case "<":
    case "<=":
      return { ...bounds, upper: min(bounds.upper, value) };
    case "=":
      return { lower: max(bounds.lower, value), upper: min(bounds.upper, value) };
    default:
      return bounds;
  }
}

function numberOf(e: BoundExpr): number | undefined {
  if (e.kind === "cast") return numberOf(e.operand);
  if (e.kind !== "literal") return undefined;
  if (typeof e.value === "number") return e.value;
  if (typeof e.value === "bigint") {
    // DECIMAL literals are scaled integers: only the sign matters here.
    const scale = e.type.kind === "DECIMAL" ? 10 ** e.type.scale : 1;
    return Number(e.value) / scale;
  }
  return undefined;
}

const max = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
const min = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
