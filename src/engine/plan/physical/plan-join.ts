import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { conjunction } from "../conjuncts.ts";
import { joinInputFields, type LogicalJoin } from "../logical/join.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { PlanError } from "../plan-error.ts";
import type { ExecNode } from "./exec-node.ts";
import { execInputs } from "./exec-node.ts";
import { upsertKeysOf } from "./infer-changelog-mode.ts";
import { extractIntervalBounds } from "./interval-bounds.ts";
import { joinInputSpec } from "./join-changelog.ts";
import { splitJoinCondition } from "./join-keys.ts";
import { planLookupJoin, planTemporalJoin } from "./plan-temporal-join.ts";

/**
 * The exec node of a join, chosen as Flink's planner does: `FOR SYSTEM_TIME AS OF` a proctime is a
 * lookup join, AS OF a rowtime an event-time temporal join; bounds on two time attributes of one
 * kind make an interval join; anything else is a regular join, keyed by its equi-conditions (none:
 * every row meets every row, as Flink's singleton join does).
 */
export function planJoinNode(join: LogicalJoin, planInput: (plan: LogicalPlan) => ExecNode): ExecNode {
  const inputFields = joinInputFields(join);
  const width = join.left.fields.length;
  const split = splitJoinCondition(join.condition, inputFields, width);
  const left = planInput(join.left);
  if (join.temporal?.attribute === "proctime") return planLookupJoin(join, left, split);
  const right = planInput(join.right);
  if (join.temporal) return planTemporalJoin(join, left, right, split);
  const common = {
    joinType: join.joinType,
    left,
    right,
    keys: split.keys,
    ...(join.condition ? { condition: join.condition } : {}),
    fields: join.fields,
  };
  const bounds =
    join.joinType === "SEMI" || join.joinType === "ANTI"
      ? undefined
      : extractIntervalBounds(split.rest, inputFields, width);
  if (bounds) {
    if (bounds.attribute === "proctime" && (hasRowtime(left) || hasRowtime(right)))
      throw new PlanError(
        "Interval join with proctime attribute requires no event-time attributes are in the join inputs.",
      );
    const nonEqui = conjunction(split.rest.filter((c) => !bounds.used.includes(c)));
    return Object.freeze({
      kind: "IntervalJoin",
      ...common,
      ...(nonEqui ? { nonEqui } : {}),
      isRowTime: bounds.attribute === "rowtime",
      leftLowerBound: bounds.lower,
      leftUpperBound: bounds.upper,
      leftTimeIndex: bounds.leftTime,
      rightTimeIndex: bounds.rightTime,
    });
  }
  const nonEqui = conjunction(split.rest);
  return Object.freeze({
    kind: "Join",
    ...common,
    ...(nonEqui ? { nonEqui } : {}),
    leftSpec: joinInputSpec(deriveUpsertKeys(left), split.keys.left),
    rightSpec: joinInputSpec(deriveUpsertKeys(right), split.keys.right),
  });
}

/** The upsert keys of an exec node, derived bottom-up as the changelog inference does. */
export function deriveUpsertKeys(node: ExecNode): (readonly number[])[] {
  const keys = new Map<ExecNode, (readonly number[])[]>();
  const visit = (n: ExecNode): void => {
    for (const input of execInputs(n)) visit(input);
    keys.set(n, upsertKeysOf(n, keys));
  };
  visit(node);
  return keys.get(node)!;
}

/** Whether an input still carries an event-time attribute (a source's rowtime, projected as is). */
function hasRowtime(node: ExecNode): boolean {
  return rowtimeFields(node).length > 0;
}

function rowtimeFields(node: ExecNode): number[] {
  switch (node.kind) {
    case "TableSourceScan": {
      const rowtime = node.expressions.watermark?.rowtime;
      return rowtime === undefined ? [] : [rowtime];
    }
    case "Calc": {
      const below = rowtimeFields(node.input);
      return node.projections.flatMap((p, i) => (isRefTo(p, node.input.fields, below) ? [i] : []));
    }
    default:
      return [];
  }
}

function isRefTo(expr: BoundExpr, fields: ExecNode["fields"], positions: readonly number[]): boolean {
  return positions.some((i) => {
    const slot = fields[i]!.slot;
    return (
      expr.kind === "column" &&
      slot.kind === "column" &&
      slot.ref.binding === expr.binding &&
      slot.ref.column === expr.column
    );
  });
}
