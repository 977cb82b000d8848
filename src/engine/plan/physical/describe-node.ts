import type { Fields } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import { joinAttributes } from "./describe-join.ts";
import { orderingAttributes } from "./describe-ordering.ts";
import { windowNodeAttributes } from "./describe-window-node.ts";
import type { ExecNode } from "./exec-node.ts";
import { formatExpr } from "./format-expr.ts";

/** A node as Flink's EXPLAIN names it: `GroupAggregate(groupBy=[a], select=[a, COUNT(*) AS cnt])`. */
export function describeNode(node: ExecNode): string {
  return `${node.kind}(${nodeAttributes(node).join(", ")})`;
}

function nodeAttributes(node: ExecNode): string[] {
  const names = (fields: Fields): string => fields.map((f) => f.name).join(", ");
  switch (node.kind) {
    case "TableSourceScan": {
      // Flink prints a watermark pushed into the source inside the table's name.
      const wm = node.expressions.watermark;
      const watermark = wm
        ? [`watermark=[${wm.expr ? formatExpr(wm.expr, node.fields) : "SOURCE_WATERMARK()"}]`]
        : [];
      return [`table=[[${[...node.table.path, ...watermark].join(", ")}]]`, `fields=[${names(node.fields)}]`];
    }
    case "Values": {
      const tuples = node.rows.map((row) => `{ ${row.map((e) => formatExpr(e, [])).join(", ")} }`);
      return [`tuples=[[${tuples.join(", ")}]]`, `values=[${names(node.fields)}]`];
    }
    case "Calc": {
      const input = node.input.fields;
      const select = node.projections.map((p, i) => {
        const text = formatExpr(p, input);
        return text === node.fields[i]!.name ? text : `${text} AS ${node.fields[i]!.name}`;
      });
      return [
        `select=[${select.join(", ")}]`,
        ...(node.condition ? [`where=[${formatExpr(node.condition, input)}]`] : []),
      ];
    }
    case "Expand": {
      const input = node.input.fields;
      const projects = node.sets.map(
        (set) =>
          `{${[...input.map((f, i) => (set.nulls.includes(i) ? `null AS ${f.name}` : f.name)), `${set.id} AS $e`].join(", ")}}`,
      );
      return [`projects=[${projects.join(", ")}]`];
    }
    case "GroupAggregate": {
      const input = node.input.fields;
      const keys = node.grouping.map((k) => input[k]!.name);
      const calls = node.aggregates.map((call) => formatCall(call, input));
      return [
        ...(keys.length > 0 ? [`groupBy=[${keys.join(", ")}]`] : []),
        `select=[${[...keys, ...calls].join(", ")}]`,
      ];
    }
    case "Union":
      return ["all=[true]", `union=[${names(node.fields)}]`];
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
    case "LookupJoin":
    case "Correlate":
      return joinAttributes(node);
    case "Sink":
      return [`table=[${node.table.path.join(".")}]`, `fields=[${names(node.fields)}]`];
    case "WindowTableFunction":
    case "WindowAggregate":
    case "GroupWindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
      return windowNodeAttributes(node);
    case "Deduplicate":
    case "Rank":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "OverAggregate":
      return orderingAttributes(node);
    default:
      return node satisfies never;
  }
}

export function formatCall(call: AggregateCall, input: Fields): string {
  const args = call.args.length === 0 ? "*" : call.args.map((a) => input[a]!.name).join(", ");
  const filter = call.filter !== undefined ? ` FILTER ${input[call.filter]!.name}` : "";
  return `${call.name}(${call.distinct ? "DISTINCT " : ""}${args})${filter} AS ${call.alias}`;
}
