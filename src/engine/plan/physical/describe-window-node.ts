import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { type Field, type Fields, fieldRef } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import type { WindowProperty } from "../logical/group-window-aggregate.ts";
import type { Windowing } from "../logical/window-aggregate.ts";
import type { WindowJoinType } from "../logical/window-join.ts";
import { NO_SPAN } from "../rewrite-expr.ts";
import { windowRankingAttributes } from "../window/describe-window-rank.ts";
import { describeWindow, type WindowSpec } from "../window/window-spec.ts";
import { formatCall } from "./describe-node.ts";
import { formatExpr } from "./format-expr.ts";
import type { WindowExecNode } from "./window-exec-nodes.ts";

/** EXPLAIN attributes of the windowed exec nodes, as Flink prints them. */
export function windowNodeAttributes(node: WindowExecNode): string[] {
  switch (node.kind) {
    case "WindowTableFunction": {
      const names = node.input.fields.map((f) => f.name);
      return [`window=[${describeWindow(node.window, `time_col=[${names[node.timeField]}]`, names)}]`];
    }
    case "WindowAggregate": {
      const input = node.input.fields;
      const names = input.map((f) => f.name);
      const window = describeWindow(node.window, windowing(node.windowing, names), names);
      return aggregateAttributes(node.grouping, node.aggregates, input, node.properties, node.fields, [
        `window=[${window}]`,
      ]);
    }
    case "GroupWindowAggregate": {
      const input = node.input.fields;
      const propertyNames = node.fields.slice(node.fields.length - node.properties.length).map((f) => f.name);
      return aggregateAttributes(node.grouping, node.aggregates, input, node.properties, node.fields, [
        `window=[${groupWindow(node.window, input[node.timeField]!.name)}]`,
        `properties=[${propertyNames.join(", ")}]`,
      ]);
    }
    case "WindowJoin": {
      const leftNames = node.left.fields.map((f) => f.name);
      const rightNames = node.right.fields.map((f) => f.name);
      const named = uniquify([...node.left.fields, ...node.right.fields]);
      const leftCount = node.left.fields.length;
      const equalities = node.leftSide.keys.map(
        (k, i): BoundExpr =>
          call("=", [fieldRef(named, k), fieldRef(named, leftCount + node.rightSide.keys[i]!)]),
      );
      const conjuncts = [...equalities, ...(node.condition ? [node.condition] : [])];
      const where =
        conjuncts.length === 0
          ? "true"
          : formatExpr(conjuncts.length === 1 ? conjuncts[0]! : call("AND", conjuncts), named);
      const side = (s: typeof node.leftSide, names: readonly string[]): string =>
        describeWindow(
          node.window,
          `win_start=[${names[s.windowStart]}], win_end=[${names[s.windowEnd]}]`,
          names,
        );
      return [
        `leftWindow=[${side(node.leftSide, leftNames)}]`,
        `rightWindow=[${side(node.rightSide, rightNames)}]`,
        `joinType=[${JOIN_TYPE[node.joinType]}]`,
        `where=[${where}]`,
        `select=[${named.map((f) => f.name).join(", ")}]`,
      ];
    }
    case "WindowRank":
    case "WindowDeduplicate":
      return windowRankingAttributes(node);
    default:
      return node satisfies never;
  }
}

const JOIN_TYPE: Record<WindowJoinType, string> = {
  INNER: "InnerJoin",
  LEFT: "LeftOuterJoin",
  RIGHT: "RightOuterJoin",
  FULL: "FullOuterJoin",
};

function windowing(w: Windowing, names: readonly string[]): string {
  return w.kind === "timeAttribute"
    ? `time_col=[${names[w.timeField]}]`
    : `win_start=[${names[w.start]}], win_end=[${names[w.end]}]`;
}

/** `groupBy=[k], <window attributes>, select=[k, COUNT(*) AS c, start('w$) AS window_start, ...]`. */
function aggregateAttributes(
  grouping: readonly number[],
  aggregates: readonly AggregateCall[],
  input: Fields,
  properties: readonly WindowProperty[],
  fields: Fields,
  window: string[],
): string[] {
  const keys = grouping.map((k) => input[k]!.name);
  const calls = aggregates.map((call) => formatCall(call, input));
  const first = fields.length - properties.length;
  const props = properties.map((p, i) => `${p}('w$) AS ${fields[first + i]!.name}`);
  return [
    ...(keys.length > 0 ? [`groupBy=[${keys.join(", ")}]`] : []),
    ...window,
    `select=[${[...keys, ...calls, ...props].join(", ")}]`,
  ];
}

/** The legacy windows as Flink's LogicalWindow prints them: sizes in milliseconds. */
function groupWindow(window: WindowSpec, timeField: string): string {
  switch (window.kind) {
    case "TUMBLE":
      return `TumblingGroupWindow('w$, ${timeField}, ${window.size})`;
    case "HOP":
      return `SlidingGroupWindow('w$, ${timeField}, ${window.size}, ${window.slide})`;
    case "SESSION":
      return `SessionGroupWindow('w$, ${timeField}, ${window.gap})`;
    case "CUMULATE":
      return `CumulativeGroupWindow('w$, ${timeField}, ${window.maxSize}, ${window.step})`;
    default:
      return window satisfies never;
  }
}

/** Calcite's unique field names for a join's output: a repeated name gets 0, 1, ... appended. */
function uniquify(fields: Fields): Field[] {
  const used = new Set<string>();
  return fields.map((f) => {
    let name = f.name;
    for (let i = 0; used.has(name); i++) name = `${f.name}${i}`;
    used.add(name);
    return { ...f, name };
  });
}

function call(name: string, args: BoundExpr[]): BoundExpr {
  return { kind: "call", name, args, type: { kind: "BOOLEAN", nullable: true }, span: NO_SPAN };
}
