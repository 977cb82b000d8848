import type { LogicalAggregate } from "../logical/aggregate.ts";
import type { LogicalPlan } from "../logical/logical-plan.ts";
import { expandId } from "../plan-aggregate.ts";
import { foldWindowAggregate } from "../window/fold-window-aggregate.ts";
import type { ExecNode } from "./exec-node.ts";
import { planJoinNode } from "./plan-join.ts";
import { planOrdering } from "./plan-ordering.ts";
import { planWindowNode } from "./plan-window-nodes.ts";
import { scanProduces } from "./table-changelog.ts";

/** Chooses the exec node for every logical node (one each, but Aggregate with grouping sets → Expand + GroupAggregate). */
export function planPhysical(plan: LogicalPlan): ExecNode {
  switch (plan.kind) {
    case "scan": {
      const pk = plan.table.primaryKey;
      const primaryKey = pk?.map((name) => plan.table.columns.findIndex((c) => c.name === name));
      return Object.freeze({
        kind: "TableSourceScan",
        table: plan.table,
        produces: scanProduces(plan.table),
        ...(primaryKey ? { primaryKey } : {}),
        expressions: plan.expressions,
        fields: plan.fields,
      });
    }
    case "values":
      return Object.freeze({ kind: "Values", rows: plan.rows, fields: plan.fields });
    case "calc":
      return Object.freeze({
        kind: "Calc",
        input: planPhysical(plan.input),
        projections: plan.projections,
        ...(plan.condition ? { condition: plan.condition } : {}),
        fields: plan.fields,
      });
    case "aggregate": {
      // Normally fold_window_aggregate did this already; without the rule the plan stays correct.
      const windowed = foldWindowAggregate(plan);
      return windowed ? planPhysical(windowed) : planAggregate(plan);
    }
    case "union":
      return Object.freeze({ kind: "Union", inputs: plan.inputs.map(planPhysical), fields: plan.fields });
    case "join":
      return planJoinNode(plan, planPhysical);
    case "correlate":
      return Object.freeze({
        kind: "Correlate",
        function: plan.function,
        joinType: plan.joinType,
        input: planPhysical(plan.input),
        args: plan.args,
        ...(plan.condition ? { condition: plan.condition } : {}),
        fields: plan.fields,
      });
    case "sink": {
      const pk = plan.table.primaryKey;
      const primaryKey = pk?.map((name) =>
        plan.targetColumns.findIndex((c) => plan.table.columns[c]!.name === name),
      );
      return Object.freeze({
        kind: "Sink",
        input: planPhysical(plan.input),
        table: plan.table,
        targetColumns: plan.targetColumns,
        ...(primaryKey ? { primaryKey } : {}),
        fields: plan.fields,
      });
    }
    case "windowTableFunction":
    case "windowAggregate":
    case "groupWindowAggregate":
    case "windowJoin":
      return planWindowNode(plan);
    case "over":
    case "rank":
    case "sort":
      return planOrdering(plan, planPhysical);
    default:
      return plan satisfies never;
  }
}

function planAggregate(plan: LogicalAggregate): ExecNode {
  const input = planPhysical(plan.input);
  if (!plan.groupingSets) {
    return Object.freeze({
      kind: "GroupAggregate",
      input,
      grouping: plan.groupKeys,
      aggregates: plan.aggregates,
      fields: plan.fields,
    });
  }
  const keyCount = plan.groupKeys.length;
  const eField = plan.fields[keyCount]!;
  const expand: ExecNode = Object.freeze({
    kind: "Expand",
    input,
    sets: plan.groupingSets.map((set) => ({
      nulls: plan.groupKeys.filter((_, i) => !set.includes(i)),
      id: expandId(set, keyCount),
    })),
    fields: [...input.fields, eField],
  });
  return Object.freeze({
    kind: "GroupAggregate",
    input: expand,
    grouping: [...plan.groupKeys, input.fields.length],
    aggregates: plan.aggregates,
    fields: plan.fields,
  });
}
