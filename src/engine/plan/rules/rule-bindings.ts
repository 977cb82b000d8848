/**
 * Bindings for the columns rules invent (a join key expression computed below the join). Rules run
 * after planning, without the statement's PlanContext, so they count down from far below anything
 * the planner hands out: a fresh binding never meets another one in the same plan.
 */
let next = -1_000_000_000;

export function ruleBinding(): number {
  return next--;
}
