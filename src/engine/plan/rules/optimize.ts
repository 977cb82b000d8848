import { typesEqual } from "../../../sql/types/type-equality.ts";
import { inputsOf, type LogicalPlan, withInputs } from "../logical/logical-plan.ts";
import { PlanError } from "../plan-error.ts";
import { convertOverToRank } from "./convert-over-to-rank.ts";
import { foldWindowAggregateRule } from "./fold-window-aggregate.ts";
import { mergeCalcs } from "./merge-calcs.ts";
import { pruneJoinInputs } from "./prune-join-inputs.ts";
import { pushFilterIntoJoin } from "./push-filter-into-join.ts";
import { pushJoinCondition } from "./push-join-condition.ts";
import { pushJoinKeyExpressions } from "./push-join-key-expressions.ts";
import { removeConstantRankNumber } from "./remove-constant-rank-number.ts";
import { removeIdentityCalc } from "./remove-identity-calc.ts";
import { removeUnusedRankNumber } from "./remove-unused-rank-number.ts";
import type { Rule } from "./rule.ts";

export interface OptimizeOptions {
  /** Rules to run, in order; the default set when absent. */
  readonly rules?: readonly Rule[];
  /** Rule names to skip. */
  readonly disabled?: readonly string[];
}

export const DEFAULT_RULES: readonly Rule[] = [
  foldWindowAggregateRule,
  mergeCalcs,
  removeIdentityCalc,
  pushFilterIntoJoin,
  pushJoinCondition,
  pushJoinKeyExpressions,
  pruneJoinInputs,
  convertOverToRank,
  removeConstantRankNumber,
  removeUnusedRankNumber,
];

/** Upper bound on passes: each rule only shrinks the plan, so a fixed point comes much sooner. */
const MAX_PASSES = 20;

/**
 * Applies the rules bottom-up to every node, pass after pass, until a pass changes nothing. After each
 * pass it checks the invariant every rule must keep: the plan's output fields and their types.
 */
export function optimize(plan: LogicalPlan, options: OptimizeOptions = {}): LogicalPlan {
  const disabled = new Set(options.disabled ?? []);
  const rules = (options.rules ?? DEFAULT_RULES).filter((r) => !disabled.has(r.name));
  let current = plan;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    const rewrite = (node: LogicalPlan): LogicalPlan => {
      const inputs = inputsOf(node);
      const rewritten = inputs.map(rewrite);
      let result = rewritten.some((r, i) => r !== inputs[i]) ? withInputs(node, rewritten) : node;
      for (const rule of rules) {
        const t = rule.apply(result);
        if (t.changed) {
          changed = true;
          result = t.plan;
        }
      }
      return result;
    };
    const next = rewrite(current);
    checkSameOutput(current, next);
    current = next;
    if (!changed) break;
  }
  return current;
}

function checkSameOutput(before: LogicalPlan, after: LogicalPlan): void {
  const same =
    before.fields.length === after.fields.length &&
    before.fields.every(
      (f, i) => typesEqual(f.type, after.fields[i]!.type) && f.name === after.fields[i]!.name,
    );
  if (!same) throw new PlanError("internal error: an optimizer rule changed the output of the plan");
}
