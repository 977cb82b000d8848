import type { LogicalGroupWindowAggregate } from "../logical/group-window-aggregate.ts";
import type { LogicalWindowAggregate } from "../logical/window-aggregate.ts";
import type { LogicalWindowJoin } from "../logical/window-join.ts";
import type { LogicalWindowTableFunction } from "../logical/window-table-function.ts";
import type { ExecNode } from "./exec-node.ts";
import { planPhysical } from "./plan-physical.ts";

/** The windowed logical nodes map one to one onto their exec nodes (grouping sets add an Expand). */
export function planWindowNode(
  plan: LogicalWindowTableFunction | LogicalWindowAggregate | LogicalGroupWindowAggregate | LogicalWindowJoin,
): ExecNode {
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
    case "windowAggregate":
      return planWindowAggregate(plan);
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

/** With grouping sets, an Expand copies each row per set and the set's `$e` becomes the last key. */
function planWindowAggregate(plan: LogicalWindowAggregate): ExecNode {
  let input = planPhysical(plan.input);
  let grouping = plan.groupKeys;
  if (plan.groupingSets) {
    const eField = plan.fields[plan.groupKeys.length]!;
    grouping = [...plan.groupKeys, input.fields.length];
    input = Object.freeze({
      kind: "Expand",
      input,
      sets: plan.groupingSets,
      fields: [...input.fields, eField],
    });
  }
  return Object.freeze({
    kind: "WindowAggregate",
    input,
    grouping,
    aggregates: plan.aggregates,
    window: plan.window,
    windowing: plan.windowing,
    properties: plan.properties,
    fields: plan.fields,
  });
}
