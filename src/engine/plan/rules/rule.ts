import type { LogicalPlan } from "../logical/logical-plan.ts";

/** A rewrite result: `changed` tells the optimizer whether to go round again. */
export interface Transformed<T> {
  readonly plan: T;
  readonly changed: boolean;
}

/**
 * A logical rewrite of one node (its inputs already rewritten). `name` is the rule's file name in
 * snake case, as optimizer traces and `disabled` lists spell it.
 */
export interface Rule {
  readonly name: string;
  apply(plan: LogicalPlan): Transformed<LogicalPlan>;
}

export function unchanged<T>(plan: T): Transformed<T> {
  return { plan, changed: false };
}

export function changed<T>(plan: T): Transformed<T> {
  return { plan, changed: true };
}
