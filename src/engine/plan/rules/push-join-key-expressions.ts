import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { commonType } from "../../../sql/types/common-type.ts";
import { withNullability } from "../../../sql/types/constructors.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import { typesEqual } from "../../../sql/types/type-equality.ts";
import { booleanCall, castTo, conjunction, conjuncts, isFieldRef, sidesRead } from "../conjuncts.ts";
import { type Field, type Fields, fieldRef, relabel } from "../layout.ts";
import { logicalCalc } from "../logical/calc.ts";
import { isSemiOrAnti, joinFields, joinInputFields, type LogicalJoin, logicalJoin } from "../logical/join.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { identityProjections } from "../plan-calc.ts";
import { changed, type Rule, unchanged } from "./rule.ts";
import { ruleBinding } from "./rule-bindings.ts";

/**
 * An equality between an expression on the left and one on the right becomes a key: each side's
 * expression is computed as a new column below the join, cast to the two sides' common type where
 * they differ, so equal values hash alike (Flink's JoinPushExpressionsRule and
 * JoinConditionTypeCoerceRule). A Calc above drops the new columns again.
 *
 * Join(where=[=(+(x, 1), *(y, 2))]) → Calc(select=[...]) over Join(where=[=($f2, $f20)])
 *   over (Calc(select=[..., +(x, 1) AS $f2]), Calc(select=[..., *(y, 2) AS $f2]))
 */
export const pushJoinKeyExpressions: Rule = {
  name: "push_join_key_expressions",
  apply(plan) {
    if (plan.kind !== "join" || !plan.condition) return unchanged(plan);
    // An event-time temporal join keeps its keys as written; a lookup join (processing time) takes
    // key expressions on its input only: the looked-up side stays a table column.
    const lookup = plan.temporal?.attribute === "proctime";
    if (plan.temporal && !lookup) return unchanged(plan);
    const inputFields = joinInputFields(plan);
    const width = plan.left.fields.length;
    const leftExtra: BoundExpr[] = [];
    const rightExtra: BoundExpr[] = [];
    const pending: { index: number; left: number; right: number; name: string }[] = [];
    const parts = conjuncts(plan.condition);
    for (const [index, c] of parts.entries()) {
      if (c.kind !== "call" || (c.name !== "=" && c.name !== "IS NOT DISTINCT FROM")) continue;
      const [a, b] = c.args as [BoundExpr, BoundExpr];
      const sa = sidesRead(a, inputFields, width);
      const sb = sidesRead(b, inputFields, width);
      const oriented =
        sa === "left" && sb === "right" ? [a, b] : sa === "right" && sb === "left" ? [b, a] : undefined;
      if (!oriented) continue;
      const [l, r] = oriented as [BoundExpr, BoundExpr];
      const common = commonType([l.type, r.type]);
      if (!common) continue;
      const plainLeft = isFieldRef(l) && sameType(l.type, common);
      const plainRight = isFieldRef(r) && sameType(r.type, common);
      if ((plainLeft && plainRight) || (lookup && !plainRight)) continue;
      pending.push({
        index,
        left: plainLeft ? -1 : push(leftExtra, l, common),
        right: plainRight ? -1 : push(rightExtra, r, common),
        name: c.name,
      });
    }
    if (pending.length === 0) return unchanged(plan);
    const left = withColumns(plan.left, leftExtra);
    const right = withColumns(plan.right, rightExtra);
    const newParts = [...parts];
    for (const p of pending) {
      const [a, b] = oriented(parts[p.index]!, inputFields, width);
      const l = p.left < 0 ? a : fieldRef(left.fields, plan.left.fields.length + p.left);
      const r = p.right < 0 ? b : fieldRef(right.fields, plan.right.fields.length + p.right);
      newParts[p.index] = booleanCall(p.name, [l, r]);
    }
    const fields = joinFields(plan.joinType, left.fields, right.fields);
    const join = logicalJoin(plan.joinType, left, right, conjunction(newParts), plan.temporal, fields);
    return changed(dropColumns(plan, join, leftExtra.length));
  },
};

function sameType(a: DataType, b: DataType): boolean {
  return typesEqual(a, b, { ignoreNullability: true });
}

/** Adds `expr` (cast to `type` if it differs) to the extra columns; returns its index there. */
function push(extra: BoundExpr[], expr: BoundExpr, type: DataType): number {
  extra.push(sameType(expr.type, type) ? expr : castTo(expr, withNullability(type, expr.type.nullable)));
  return extra.length - 1;
}

function oriented(c: BoundExpr, inputFields: Fields, width: number): [BoundExpr, BoundExpr] {
  const [a, b] = (c as Extract<BoundExpr, { kind: "call" }>).args as [BoundExpr, BoundExpr];
  return sidesRead(a, inputFields, width) === "left" ? [a, b] : [b, a];
}

/** The input with the extra columns appended, named `$f<position>` as Calcite names them. */
function withColumns(input: LogicalPlan, extra: readonly BoundExpr[]): LogicalPlan {
  if (extra.length === 0) return input;
  const width = input.fields.length;
  const added = relabel(
    extra.map((e, i) => ({ name: `$f${width + i}`, type: e.type })),
    ruleBinding(),
  );
  return logicalCalc(input, [...identityProjections(input.fields), ...extra], undefined, [
    ...input.fields,
    ...added,
  ]);
}

/** A Calc giving the old join's output from the new one (without the extra key columns). */
function dropColumns(old: LogicalJoin, join: LogicalJoin, leftExtra: number): LogicalPlan {
  const width = old.left.fields.length;
  const outputs = isSemiOrAnti(old.joinType) ? width : old.fields.length;
  const projections = Array.from({ length: outputs }, (_, i) =>
    fieldRef(join.fields, i < width ? i : i + leftExtra),
  );
  const fields: Field[] = [...old.fields];
  return logicalCalc(join, projections, undefined, fields);
}
