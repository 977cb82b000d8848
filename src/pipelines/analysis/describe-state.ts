import type { StatementState } from "./statefulness.ts";

/**
 * One line per statement: where its statefulness comes from and what the plan says about its output.
 *
 *   dml.b.sql: physical plan, updating, upsert key (default_key)
 *   dml.x.sql: bound tree (the engine cannot plan it: OVER aggregation is not supported …)
 */
export function describeStatementState(state: StatementState): string {
  const file = state.file.slice(state.file.lastIndexOf("/") + 1);
  if (state.source.kind === "bound-tree")
    return state.source.rejected
      ? `${file}: bound tree (the planner rejects it, as Flink would: ${firstLine(state.source.why)})`
      : `${file}: bound tree (the engine cannot plan it: ${firstLine(state.source.why)})`;
  const output = state.updating ? "updating" : "insert-only";
  const keys =
    state.upsertKeys.length === 0
      ? "no upsert key"
      : `upsert key ${state.upsertKeys.map((k) => `(${k.join(", ")})`).join(" or ")}`;
  return `${file}: physical plan, ${output}, ${keys}`;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}
