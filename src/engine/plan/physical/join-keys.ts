import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { typesEqual } from "../../../sql/types/type-equality.ts";
import { conjuncts, isFieldRef } from "../conjuncts.ts";
import { type Fields, slotIndex } from "../layout.ts";
import type { JoinKeys } from "./join-nodes.ts";

/** A join condition split into equi-join keys and everything else. */
export interface SplitCondition {
  readonly keys: JoinKeys;
  /** The equality conjuncts the keys came from, in order. */
  readonly keyConjuncts: readonly BoundExpr[];
  readonly rest: readonly BoundExpr[];
}

/**
 * Splits a condition over `[...left, ...right]` (left has `width` fields) into keys, as Calcite's
 * JoinInfo does: a conjunct `l = r` or `l IS NOT DISTINCT FROM r` where `l` is a left field and `r` a
 * right one (in either order) of the same type is a key; anything else stays a condition on the
 * joined row. (Rules have already moved key expressions and casts into the inputs.)
 */
export function splitJoinCondition(
  condition: BoundExpr | undefined,
  inputFields: Fields,
  width: number,
): SplitCondition {
  const left: number[] = [];
  const right: number[] = [];
  const filterNulls: boolean[] = [];
  const keyConjuncts: BoundExpr[] = [];
  const rest: BoundExpr[] = [];
  for (const c of conjuncts(condition)) {
    const pair = keyPair(c, inputFields, width);
    if (!pair) {
      rest.push(c);
      continue;
    }
    left.push(pair[0]);
    right.push(pair[1] - width);
    filterNulls.push(c.kind === "call" && c.name === "=");
    keyConjuncts.push(c);
  }
  return { keys: { left, right, filterNulls }, keyConjuncts, rest };
}

/** The [left, right] positions a key conjunct equates, or undefined. */
function keyPair(c: BoundExpr, fields: Fields, width: number): [number, number] | undefined {
  if (c.kind !== "call" || (c.name !== "=" && c.name !== "IS NOT DISTINCT FROM")) return undefined;
  const [a, b] = c.args as [BoundExpr, BoundExpr];
  if (!isFieldRef(a) || !isFieldRef(b)) return undefined;
  // Two time attributes of one kind bound an interval join's window; they are no key.
  if (a.kind === "column" && b.kind === "column" && a.timeAttribute && a.timeAttribute === b.timeAttribute)
    return undefined;
  const ia = slotIndex(fields, a);
  const ib = slotIndex(fields, b);
  if (ia < 0 || ib < 0) return undefined;
  if (!typesEqual(fields[ia]!.type, fields[ib]!.type, { ignoreNullability: true })) return undefined;
  if (ia < width && ib >= width) return [ia, ib];
  if (ib < width && ia >= width) return [ib, ia];
  return undefined;
}
