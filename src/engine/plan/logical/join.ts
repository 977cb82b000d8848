import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { TimeAttribute } from "../../../sql/catalog/table-schema.ts";
import { withNullability } from "../../../sql/types/constructors.ts";
import type { Field, Fields } from "../layout.ts";
import { uniqueNames } from "../unique-names.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/**
 * INNER, the outer joins, and the SEMI/ANTI joins subqueries decorrelate into (`x IN (SELECT ...)`,
 * `NOT EXISTS (...)`): these keep the left row only, and output the left's fields.
 */
export type JoinType = "INNER" | "LEFT" | "RIGHT" | "FULL" | "SEMI" | "ANTI";

/**
 * `FOR SYSTEM_TIME AS OF period` on the right side: which version of the right table each left row
 * sees. `period` is the left time attribute the clause names; `versionTime`, for an event-time join,
 * the right table's rowtime (the operator orders versions by it, so it is kept through pruning).
 */
export interface TemporalSpec {
  readonly attribute: TimeAttribute;
  readonly period: BoundExpr;
  readonly versionTime?: BoundExpr;
}

/**
 * A join of two inputs. `condition` reads the left's fields then the right's (both by slot), so it
 * stays valid when either input is rewritten with the same fields. Output: the left's fields then the
 * right's, the side an outer join may leave out made nullable; SEMI and ANTI output the left's only.
 */
export interface LogicalJoin {
  readonly kind: "join";
  readonly joinType: JoinType;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly condition?: BoundExpr;
  readonly temporal?: TemporalSpec;
  readonly fields: Fields;
}

export function logicalJoin(
  joinType: JoinType,
  left: LogicalPlan,
  right: LogicalPlan,
  condition: BoundExpr | undefined,
  temporal: TemporalSpec | undefined,
  fields: Fields = joinFields(joinType, left.fields, right.fields),
): LogicalJoin {
  return Object.freeze({
    kind: "join",
    joinType,
    left,
    right,
    ...(condition ? { condition } : {}),
    ...(temporal ? { temporal } : {}),
    fields,
  });
}

/** Whether the join keeps only left rows (its output is the left's fields). */
export function isSemiOrAnti(joinType: JoinType): boolean {
  return joinType === "SEMI" || joinType === "ANTI";
}

/** Whether unmatched rows of the left (right) side are kept, padded with NULLs. */
export function leftIsOuter(joinType: JoinType): boolean {
  return joinType === "LEFT" || joinType === "FULL";
}

export function rightIsOuter(joinType: JoinType): boolean {
  return joinType === "RIGHT" || joinType === "FULL";
}

/**
 * The fields a join outputs. Names are made unique as Calcite does (`id`, `id0`), which is how
 * EXPLAIN and the nodes above spell the right's duplicates.
 */
export function joinFields(joinType: JoinType, left: Fields, right: Fields): Fields {
  if (isSemiOrAnti(joinType)) return left;
  const nullable = (fields: Fields, padded: boolean): Field[] =>
    fields.map((f) => (padded ? { ...f, type: withNullability(f.type, true) } : f));
  const all = [...nullable(left, rightIsOuter(joinType)), ...nullable(right, leftIsOuter(joinType))];
  const names = uniqueNames(all.map((f) => f.name));
  return all.map((f, i) => (f.name === names[i] ? f : { ...f, name: names[i]! }));
}

/** The fields the condition reads: the left's, then the right's. */
export function joinInputFields(join: LogicalJoin): Fields {
  return [...join.left.fields, ...join.right.fields];
}
