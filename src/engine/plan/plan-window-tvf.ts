import type { BoundRelation } from "../../sql/binder/bound.ts";
import { relabel } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import {
  type LogicalWindowTableFunction,
  logicalWindowTableFunction,
} from "./logical/window-table-function.ts";
import type { PlanContext } from "./plan-context.ts";
import { PlanError } from "./plan-error.ts";
import type { WindowSpec, WindowTime } from "./window/window-spec.ts";

type WindowTvfRelation = Extract<BoundRelation, { readonly kind: "windowTvf" }>;

/**
 * `TABLE(HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset]))` and its siblings: the input relation
 * planned, then a WindowTableFunction over it. The parameters are checked as Flink's planner checks
 * them (WindowUtil.convertToWindowingStrategy), with its messages.
 */
export function planWindowTvf(
  relation: WindowTvfRelation,
  _ctx: PlanContext,
  planInput: (relation: BoundRelation) => LogicalPlan,
): LogicalWindowTableFunction {
  if (relation.input.kind === "join") throw new PlanError("a window TVF reads one table", relation.span);
  const input = planInput(relation.input);
  const timeColumn = relation.input.columns[relation.timeColumn]!;
  const time: WindowTime = {
    attribute: timeColumn.timeAttribute ?? "rowtime",
    localTime: timeColumn.type.kind === "TIMESTAMP_LTZ",
  };
  const window = windowSpec(relation);
  return logicalWindowTableFunction(
    input,
    window,
    relation.timeColumn,
    time,
    relabel(relation.columns, relation.binding),
  );
}

function windowSpec(relation: WindowTvfRelation): WindowSpec {
  const [first, second] = relation.intervals as [number, number | undefined];
  const offset = relation.offset;
  const at = relation.span;
  switch (relation.function) {
    case "TUMBLE":
      if (offset !== undefined && Math.abs(offset) >= first)
        throw new PlanError(
          `TUMBLE table function parameters must satisfy abs(offset) < size, but got size ${first} ms and offset ${offset} ms.`,
          at,
        );
      return { kind: "TUMBLE", size: first, ...(offset !== undefined ? { offset } : {}) };
    case "HOP":
      return { kind: "HOP", slide: first, size: second!, ...(offset !== undefined ? { offset } : {}) };
    case "CUMULATE":
      if (second! % first !== 0)
        throw new PlanError(
          `CUMULATE table function based aggregate requires maxSize must be an integral multiple of step, but got maxSize ${second} ms and step ${first} ms.`,
          at,
        );
      return { kind: "CUMULATE", step: first, maxSize: second!, ...(offset !== undefined ? { offset } : {}) };
    case "SESSION":
      return { kind: "SESSION", gap: first, partitionKeys: partitionKeys(relation) };
    default:
      return relation.function satisfies never;
  }
}

/** SESSION's `PARTITION BY` columns as positions in its input. */
function partitionKeys(relation: WindowTvfRelation): number[] {
  const inputBinding = "binding" in relation.input ? relation.input.binding : undefined;
  return relation.partitionBy.map((key) => {
    if (key.kind !== "column" || key.binding !== inputBinding)
      throw new PlanError("SESSION window partition keys must be columns of its input table", key.span);
    return key.column;
  });
}
