import type { BoundExpr } from "../../sql/binder/bound.ts";
import { type Fields, slotIndex } from "./layout.ts";
import type { RankRange } from "./logical/rank.ts";
import { NO_SPAN, someExpr } from "./rewrite-expr.ts";

/** What a filter on a rank field says: the ranks it keeps, and the conditions left over. */
export interface ExtractedRankRange {
  readonly range: RankRange | "withoutEnd" | undefined;
  readonly remaining: readonly BoundExpr[];
}

type Boundary =
  | { readonly kind: "lower"; readonly value: number }
  | { readonly kind: "upper"; readonly value: number }
  | { readonly kind: "both"; readonly value: number }
  | { readonly kind: "field"; readonly index: number };

const FLIPPED: Record<string, string> = { "<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=" };

/**
 * Flink's RankUtil.extractRankRange: splits a condition into its conjuncts (BETWEEN on the rank field
 * counts as two), takes the comparisons of the rank field alone against a constant or a field, and
 * combines their bounds — `rn <= 3` is ranks 1..3, `rn = 2` rank 2, `rn > 1 AND rn < 4` ranks 2..3,
 * `rn <= top_n` up to a field's value. Anything else is not a Top-N (range undefined); a lower bound
 * alone is "withoutEnd", which Flink rejects.
 */
export function extractRankRange(
  condition: BoundExpr,
  fields: Fields,
  rankField: number,
): ExtractedRankRange {
  const isRank = (e: BoundExpr): boolean => slotIndex(fields, e) === rankField;
  const readsRank = (e: BoundExpr): boolean => someExpr(e, isRank);
  const boundaries: (Boundary | undefined)[] = [];
  const remaining: BoundExpr[] = [];
  for (const conjunct of conjuncts(condition, isRank)) {
    const comparison = rankComparison(conjunct, isRank, readsRank);
    if (comparison) boundaries.push(boundaryOf(comparison.op, comparison.other, fields));
    else remaining.push(conjunct);
  }
  return { range: combine(boundaries), remaining };
}

function conjuncts(e: BoundExpr, isRank: (e: BoundExpr) => boolean): BoundExpr[] {
  if (e.kind !== "call") return [e];
  if (e.name === "AND") return e.args.flatMap((a) => conjuncts(a, isRank));
  if (e.name === "BETWEEN" && isRank(e.args[0]!)) {
    const type = e.type;
    return [
      { kind: "call", name: ">=", args: [e.args[0]!, e.args[1]!], type, span: NO_SPAN },
      { kind: "call", name: "<=", args: [e.args[0]!, e.args[2]!], type, span: NO_SPAN },
    ];
  }
  return [e];
}

/** `rn op other` with the rank field alone on one side, normalised so the rank field is on the left. */
function rankComparison(
  e: BoundExpr,
  isRank: (e: BoundExpr) => boolean,
  readsRank: (e: BoundExpr) => boolean,
): { op: string; other: BoundExpr } | undefined {
  if (e.kind !== "call" || !(e.name in FLIPPED) || e.args.length !== 2) return undefined;
  const [left, right] = e.args as [BoundExpr, BoundExpr];
  if (isRank(left) && !readsRank(right)) return { op: e.name, other: right };
  if (isRank(right) && !readsRank(left)) return { op: FLIPPED[e.name]!, other: left };
  return undefined;
}

function boundaryOf(op: string, other: BoundExpr, fields: Fields): Boundary | undefined {
  const field = slotIndex(fields, other);
  if (field >= 0)
    return op === "<" || op === "<=" || op === "=" ? { kind: "field", index: field } : undefined;
  const value = integerValue(other);
  if (value === undefined) return undefined;
  switch (op) {
    case "<":
      return { kind: "upper", value: value - 1 };
    case "<=":
      return { kind: "upper", value };
    case ">":
      return { kind: "lower", value: value + 1 };
    case ">=":
      return { kind: "lower", value };
    default:
      return { kind: "both", value };
  }
}

function integerValue(e: BoundExpr): number | undefined {
  if (e.kind === "cast") return integerValue(e.operand);
  if (e.kind !== "literal") return undefined;
  const v = e.value;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint" && e.type.kind !== "DECIMAL") return Number(v);
  return undefined;
}

/** Flink accepts exactly these shapes: lower+upper (either order), upper, one equality, a field end. */
function combine(bounds: readonly (Boundary | undefined)[]): RankRange | "withoutEnd" | undefined {
  const [a, b] = bounds;
  if (bounds.length === 2 && a && b) {
    if (a.kind === "lower" && b.kind === "upper") return { kind: "constant", start: a.value, end: b.value };
    if (a.kind === "upper" && b.kind === "lower") return { kind: "constant", start: b.value, end: a.value };
    return undefined;
  }
  if (bounds.length !== 1 || !a) return undefined;
  switch (a.kind) {
    case "lower":
      return "withoutEnd";
    case "upper":
      return { kind: "constant", start: 1, end: a.value };
    case "both":
      return { kind: "constant", start: a.value, end: a.value };
    case "field":
      return { kind: "variable", endField: a.index };
    default:
      return a satisfies never;
  }
}
