import type { TimeAttribute } from "../../sql/catalog/table-schema.ts";
import { slotIndex } from "./layout.ts";
import type { LogicalPlan } from "./logical/logical-plan.ts";
import { windowPropertiesOf } from "./window/window-properties.ts";

/**
 * Whether field `index` of a plan is still a time attribute, as Flink's time indicator types say: a
 * table's rowtime (WATERMARK FOR) or proctime (PROCTIME()) column stays one through plain references
 * in projections, filters, ranks, sorts and OVER aggregations; any expression over it (a CAST too),
 * a GROUP BY key and a regular join's output are ordinary timestamps. PROCTIME() in a select list
 * declares a new processing-time attribute.
 */
export function timeAttributeOf(plan: LogicalPlan, index: number): TimeAttribute | undefined {
  switch (plan.kind) {
    case "scan":
      return plan.table.columns[index]?.timeAttribute;
    case "calc": {
      const expr = plan.projections[index];
      if (!expr) return undefined;
      if (expr.kind === "call" && expr.name === "PROCTIME" && expr.args.length === 0) return "proctime";
      const source = slotIndex(plan.input.fields, expr);
      return source >= 0 ? timeAttributeOf(plan.input, source) : undefined;
    }
    case "over":
    case "rank":
    case "sort":
      return index < plan.input.fields.length ? timeAttributeOf(plan.input, index) : undefined;
    case "union": {
      const [first, ...rest] = plan.inputs.map((input) => timeAttributeOf(input, index));
      return rest.every((attribute) => attribute === first) ? first : undefined;
    }
    case "windowTableFunction":
    case "windowAggregate":
    case "windowJoin":
    case "groupWindowAggregate": {
      // A window's time column is a time attribute again (window_time: the window's end − 1 ms).
      const window = windowPropertiesOf(plan);
      return window?.times.includes(index) ? window.time.attribute : undefined;
    }
    case "values":
    case "aggregate":
    case "sink":
    case "join":
    case "correlate":
      return undefined;
    default:
      return plan satisfies never;
  }
}
