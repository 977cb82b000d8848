import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import { type Fields, slotIndex } from "../layout.ts";

/**
 * The window of an interval join: `left.time ∈ [right.time + lower, right.time + upper]` (ms,
 * inclusive), on the time attributes at `leftTime` (left input) and `rightTime` (right input).
 */
export interface IntervalBounds {
  readonly attribute: TimeAttribute;
  readonly lower: number;
  readonly upper: number;
  readonly leftTime: number;
  readonly rightTime: number;
  /** The conjuncts the bounds came from: the operator enforces them, so they leave the condition. */
  readonly used: readonly BoundExpr[];
}

/** A side of a comparison: a time attribute plus a constant offset in ms. */
interface TimeTerm {
  readonly field: number;
  readonly attribute: TimeAttribute;
  readonly offset: number;
}

/**
 * Flink's IntervalJoinUtil.extractWindowBoundsFromPredicate: among the non-key conjuncts, comparisons
 * (`<`, `<=`, `>`, `>=`, `=`, BETWEEN) of a left and a right time attribute of the same kind, each
 * plus or minus a constant interval, bound the left time relative to the right one. A strict bound
 * moves by a millisecond. An interval join needs a lower and an upper bound; otherwise undefined.
 *
 * l.ts BETWEEN r.ts - INTERVAL '1' MINUTE AND r.ts → lower -60000, upper 0
 * l.ts >= r.ts AND l.ts < r.ts + INTERVAL '10' SECOND → lower 0, upper 9999
 */
export function extractIntervalBounds(
  rest: readonly BoundExpr[],
  inputFields: Fields,
  width: number,
): IntervalBounds | undefined {
  let lower: number | undefined;
  let upper: number | undefined;
  let pair: { left: number; right: number; attribute: TimeAttribute } | undefined;
  const used: BoundExpr[] = [];
  for (const c of rest) {
    const comparisons = asComparisons(c);
    if (!comparisons) continue;
    const bounds: { lower?: number; upper?: number }[] = [];
    let sides: { left: number; right: number; attribute: TimeAttribute } | undefined;
    for (const [op, a, b] of comparisons) {
      const ta = timeTerm(a, inputFields);
      const tb = timeTerm(b, inputFields);
      if (!ta || !tb || ta.attribute !== tb.attribute) break;
      // Orient as left.time OP right.time + offset.
      const leftFirst = ta.field < width && tb.field >= width;
      const rightFirst = tb.field < width && ta.field >= width;
      if (!leftFirst && !rightFirst) break;
      const [l, r, o] = leftFirst ? [ta, tb, op] : [tb, ta, flip(op)];
      const offset = r.offset - l.offset;
      const these = { left: l.field, right: r.field - width, attribute: l.attribute };
      if (sides && (sides.left !== these.left || sides.right !== these.right)) break;
      sides = these;
      bounds.push(boundOf(o, offset));
    }
    if (!sides || bounds.length !== comparisons.length) continue;
    if (
      pair &&
      (pair.left !== sides.left || pair.right !== sides.right || pair.attribute !== sides.attribute)
    )
      continue;
    pair = sides;
    used.push(c);
    for (const b of bounds) {
      if (b.lower !== undefined) lower = lower === undefined ? b.lower : Math.max(lower, b.lower);
      if (b.upper !== undefined) upper = upper === undefined ? b.upper : Math.min(upper, b.upper);
    }
  }
  if (!pair || lower === undefined || upper === undefined) return undefined;
  return { attribute: pair.attribute, lower, upper, leftTime: pair.left, rightTime: pair.right, used };
}

type Op = "<" | "<=" | ">" | ">=" | "=";

function asComparisons(c: BoundExpr): [Op, BoundExpr, BoundExpr][] | undefined {
  if (c.kind !== "call") return undefined;
  const [a, b, d] = c.args;
  switch (c.name) {
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "=":
      return [[c.name, a!, b!]];
    case "BETWEEN":
      return [
        [">=", a!, b!],
        ["<=", a!, d!],
      ];
    default:
      return undefined;
  }
}

function flip(op: Op): Op {
  switch (op) {
    case "<":
      return ">";
    case ">":
      return "<";
    case "<=":
      return ">=";
    case ">=":
      return "<=";
    case "=":
      return "=";
  }
}

/** `left.time OP right.time + offset` as bounds on left.time - right.time. */
function boundOf(op: Op, offset: number): { lower?: number; upper?: number } {
  switch (op) {
    case ">=":
      return { lower: offset };
    case ">":
      return { lower: offset + 1 };
    case "<=":
      return { upper: offset };
    case "<":
      return { upper: offset - 1 };
    case "=":
      return { lower: offset, upper: offset };
  }
}

/** `time`, `time + c`, `time - c`, `c + time` with a time attribute and constant DAY-TO-SECOND intervals. */
function timeTerm(expr: BoundExpr, fields: Fields): TimeTerm | undefined {
  if (expr.kind === "column") {
    if (!expr.timeAttribute) return undefined;
    const field = slotIndex(fields, expr);
    return field < 0 ? undefined : { field, attribute: expr.timeAttribute, offset: 0 };
  }
  if (expr.kind !== "call" || (expr.name !== "+" && expr.name !== "-")) return undefined;
  const [a, b] = expr.args as [BoundExpr, BoundExpr];
  const sign = expr.name === "+" ? 1 : -1;
  const base = timeTerm(a, fields);
  const constant = intervalMillis(b);
  if (base && constant !== undefined) return { ...base, offset: base.offset + sign * constant };
  if (expr.name === "+") {
    const flipped = timeTerm(b, fields);
    const first = intervalMillis(a);
    if (flipped && first !== undefined) return { ...flipped, offset: flipped.offset + first };
  }
  return undefined;
}

function intervalMillis(expr: BoundExpr): number | undefined {
  if (expr.kind === "literal" && expr.type.kind === "INTERVAL_DT" && typeof expr.value === "number")
    return expr.value;
  if (expr.kind === "call" && expr.name === "NEGATE") {
    const v = intervalMillis(expr.args[0]!);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}
