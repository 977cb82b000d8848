import type { LogicalGroupWindowAggregate } from "../logical/group-window-aggregate.ts";
import type { LogicalWindowJoin } from "../logical/window-join.ts";
import type { LogicalWindowTableFunction } from "../logical/window-table-function.ts";
import { planPhysical } from "./plan-physical.ts";
import type { WindowExecNode } from "./window-exec-nodes.ts";

/** The windowed logical nodes map one to one onto their exec nodes. */
export function planWindowNode(
  plan: LogicalWindowTableFunction | LogicalGroupWindowAggregate | LogicalWindowJoin,
): WindowExecNode {
  switch (plan.kind) {
    case "windowTableFunction":
      return Object.freeze({
        kind: "WindowTableFunction",
        input: planPhysical(plan.input),
        window: plan.window,
        timeField: plan.timeField,
        time: plan.time,
        fields: plan.fields,
      });
    case "groupWindowAggregate":
      return Object.freeze({
        kind: "GroupWindowAggregate",
        input: planPhysical(plan.input),
        grouping: plan.groupKeys,
        aggregates: plan.aggregates,
        window: plan.window,
        timeField: plan.timeField,
        time: plan.time,
        properties: plan.properties,
        fields: plan.fields,
      });
    case "windowJoin":
      return Object.freeze({
        kind: "WindowJoin",
        left: planPhysical(plan.left),
        right: planPhysical(plan.right),
        joinType: plan.joinType,
        window: plan.window,
        time: plan.time,
        leftSide: plan.leftSide,
        rightSide: plan.rightSide,
        ...(plan.condition ? { condition: plan.condition } : {}),
        fields: plan.fields,
      });
    default:
      return plan satisfies never;
  }
}
