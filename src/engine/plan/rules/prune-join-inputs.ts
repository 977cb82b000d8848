import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { fieldsRead } from "../conjuncts.ts";
import { type Fields, fieldRef } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { isSemiOrAnti, joinInputFields, type LogicalJoin, logicalJoin } from "../logical/join.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { changed, type Rule, unchanged } from "./rule.ts";

/**
 * Reads only the columns a join needs (Calcite's ProjectJoinTransposeRule): those the Calc above it
 * uses, those of its condition, and a temporal join's time attributes. Each input gets a projection
 * of its used fields, so less is kept in the join's state. A SEMI/ANTI join's right side only needs
 * its condition's columns, with or without a Calc above.
 *
 * Calc(select=[v, w]) over Join(where=[=(k, k0)]) over (t(k, v, x), s(k, w, y))
 *   → Calc(select=[v, w]) over Join(where=[=(k, k0)]) over (Calc(select=[k, v]), Calc(select=[k, w]))
 */
export const pruneJoinInputs: Rule = {
  name: "prune_join_inputs",
  apply(plan) {
    if (plan.kind === "join" && isSemiOrAnti(plan.joinType)) {
      const pruned = prune(plan, new Set(plan.fields.map((_, i) => i)));
      return pruned ? changed(pruned) : unchanged(plan);
    }
    if (plan.kind !== "calc" || plan.input.kind !== "join") return unchanged(plan);
    const join = plan.input;
    const used = new Set<number>();
    for (const e of [...plan.projections, ...(plan.condition ? [plan.condition] : [])])
      for (const i of fieldsRead(e, join.fields)) used.add(i);
    const pruned = prune(join, used);
    if (!pruned) return unchanged(plan);
    return changed(logicalCalc(pruned, plan.projections, plan.condition, plan.fields));
  },
};

/** The join reading only the used output fields and what it needs itself; undefined if nothing goes. */
function prune(join: LogicalJoin, usedOutputs: ReadonlySet<number>): LogicalJoin | undefined {
  const inputFields = joinInputFields(join);
  const width = join.left.fields.length;
  const needed = new Set(usedOutputs);
  const own: BoundExpr[] = [
    ...(join.condition ? [join.condition] : []),
    ...(join.temporal ? [join.temporal.period] : []),
    ...(join.temporal?.versionTime ? [join.temporal.versionTime] : []),
  ];
  for (const e of own) for (const i of fieldsRead(e, inputFields)) needed.add(i);
  const leftKeep = join.left.fields.map((_, i) => i).filter((i) => needed.has(i));
  const rightKeep = join.right.fields.map((_, i) => i).filter((i) => needed.has(i + width));
  if (leftKeep.length === width && rightKeep.length === join.right.fields.length) return undefined;
  const left = project(join.left, leftKeep);
  const right = project(join.right, rightKeep);
  const outputs = isSemiOrAnti(join.joinType) ? leftKeep : [...leftKeep, ...rightKeep.map((i) => i + width)];
  const fields = outputs.map((i) => join.fields[i]!);
  return logicalJoin(join.joinType, left, right, join.condition, join.temporal, fields);
}

/** The input's fields at `keep` (same fields, so everything above still finds them). */
function project(input: LogicalPlan, keep: readonly number[]): LogicalPlan {
  if (keep.length === input.fields.length) return input;
  const fields: Fields = keep.map((i) => input.fields[i]!);
  return logicalCalc(
    input,
    keep.map((i) => fieldRef(input.fields, i)),
    undefined,
    fields,
  );
}
