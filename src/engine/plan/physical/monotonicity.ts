import type { BoundExpr } from "../../../sql/binder/bound.ts";
import { slotIndex } from "../layout.ts";
import { columnBounds, type ValueBounds } from "./column-interval.ts";
import type { ExecNode } from "./exec-node.ts";

/** How a field's value can change when its row is updated (Calcite's SqlMonotonicity, for updates). */
export type Monotonicity = "CONSTANT" | "INCREASING" | "DECREASING" | "NOT_MONOTONIC";

/**
 * Flink's modified monotonicity (FlinkRelMdModifiedMonotonicity): per output field, how updates move
 * it — CONSTANT for an insert-only stream or a GROUP BY key, INCREASING for COUNT and MAX over an
 * append input, DECREASING for MIN. Undefined means the stream may delete rows (or nothing is known),
 * which rules the UpdateFast Top-N strategy out.
 */
export function monotonicityOf(node: ExecNode): Monotonicity[] | undefined {
  const all = (m: Monotonicity): Monotonicity[] => node.fields.map(() => m);
  switch (node.kind) {
    case "TableSourceScan":
      // A changelog source can update any column.
      return all(node.primaryKey ? "NOT_MONOTONIC" : "CONSTANT");
    case "Values":
      return all("CONSTANT");
    case "Calc":
      return calcMonotonicity(node.input, node.projections, node.condition);
    case "Expand":
    case "OverAggregate":
      return passThrough(node, node.input);
    case "GroupAggregate":
      return aggregateMonotonicity(node);
    case "Union": {
      const inputs = node.inputs.map(monotonicityOf);
      if (inputs.some((m) => m === undefined)) return undefined;
      const first = inputs[0]!;
      return inputs.every((m) => m!.every((x, i) => x === first[i])) ? first : all("NOT_MONOTONIC");
    }
    case "Deduplicate": {
      const input = monotonicityOf(node.input);
      if (!input?.every((m) => m === "CONSTANT")) return undefined;
      if (!node.keepLastRow && node.time === "proctime") return all("CONSTANT");
      return node.fields.map((_, i) => (node.keys.includes(i) ? "CONSTANT" : "NOT_MONOTONIC"));
    }
    case "Rank":
      return rankMonotonicity(node);
    case "WindowAggregate":
    case "WindowJoin":
    case "WindowRank":
    case "WindowDeduplicate":
    case "IntervalJoin":
      // Insert-only outputs whatever the input: no row is ever updated.
      return all("CONSTANT");
    case "WindowTableFunction":
    case "Correlate":
    case "LookupJoin": {
      // Row by row: insert-only exactly when the input is.
      const input = monotonicityOf(node.input);
      return input?.every((m) => m === "CONSTANT") ? all("CONSTANT") : undefined;
    }
    case "GroupWindowAggregate":
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    case "Join":
    case "TemporalJoin":
    case "Sink":
      return undefined;
    default:
      return node satisfies never;
  }
}

/** Nodes that change no row themselves: constant over an append input, unknown over updates. */
function passThrough(node: ExecNode, input: ExecNode): Monotonicity[] | undefined {
  const m = monotonicityOf(input);
  if (!m) return undefined;
  return node.fields.map(() => (m.every((x) => x === "CONSTANT") ? "CONSTANT" : "NOT_MONOTONIC"));
}

function calcMonotonicity(
  input: ExecNode,
  projections: readonly BoundExpr[],
  condition: BoundExpr | undefined,
): Monotonicity[] | undefined {
  const m = monotonicityOf(input);
  if (!m) return undefined;
  if (m.every((x) => x === "CONSTANT")) return projections.map(() => "CONSTANT");
  const source = (e: BoundExpr): number => slotIndex(input.fields, e.kind === "cast" ? e.operand : e);
  const result = projections.map((p): Monotonicity => {
    const i = source(p);
    return i >= 0 ? m[i]! : "NOT_MONOTONIC";
  });
  // A filter on a changing field can turn an update into a retraction of a row that no longer passes.
  if (
    condition &&
    needsRetract(condition, (e) => {
      const i = source(e);
      return i >= 0 && m[i] !== "CONSTANT" ? m[i] : undefined;
    })
  )
    return result.map(() => "NOT_MONOTONIC");
  return result;
}

function needsRetract(e: BoundExpr, changing: (e: BoundExpr) => Monotonicity | undefined): boolean {
  if (changing(e)) return true;
  if (e.kind !== "call") return false;
  const operand = e.args.map(changing).find((m) => m !== undefined);
  switch (e.name) {
    case "AND":
    case "OR":
      return e.args.some((a) => needsRetract(a, changing));
    case ">":
    case ">=":
      return operand !== undefined && operand !== "INCREASING";
    case "<":
    case "<=":
      return operand !== undefined && operand !== "DECREASING";
    case "=":
    case "<>":
    case "IN":
    case "NOT IN":
      return operand !== undefined;
    case "NOT":
    case "IS NULL":
    case "IS NOT NULL":
    case "IS TRUE":
    case "IS NOT TRUE":
      return e.args.length === 1 && needsRetract(e.args[0]!, changing);
    default:
      return false;
  }
}

function aggregateMonotonicity(
  node: Extract<ExecNode, { kind: "GroupAggregate" }>,
): Monotonicity[] | undefined {
  const input = monotonicityOf(node.input);
  if (!input || node.grouping.some((k) => input[k] !== "CONSTANT")) return undefined;
  const updating = input.some((m) => m !== "CONSTANT");
  const calls = node.aggregates.map((call): Monotonicity => {
    const own =
      call.name === "SUM" || call.name === "SUM0"
        ? sumMonotonicity(columnBounds(node.input, call.args[0]!, call.filter))
        : callMonotonicity(call.name);
    if (!updating || call.args.length === 0) return own;
    if (call.args.length > 1) return "NOT_MONOTONIC";
    // COUNT grows whatever its argument does; the others follow their argument's direction only.
    return call.name === "COUNT" || input[call.args[0]!] === own ? own : "NOT_MONOTONIC";
  });
  return [...node.grouping.map((): Monotonicity => "CONSTANT"), ...calls];
}

/** A SUM grows when its argument is never negative, and shrinks when it is never positive. */
function sumMonotonicity(bounds: ValueBounds): Monotonicity {
  if (bounds.lower !== undefined) return bounds.lower >= 0 ? "INCREASING" : "NOT_MONOTONIC";
  if (bounds.upper !== undefined) return bounds.upper <= 0 ? "DECREASING" : "NOT_MONOTONIC";
  return "NOT_MONOTONIC";
}

/** COUNT and MAX only grow and MIN only shrinks as rows arrive. */
function callMonotonicity(name: string): Monotonicity {
  switch (name) {
    case "COUNT":
    case "MAX":
      return "INCREASING";
    case "MIN":
      return "DECREASING";
    default:
      return "NOT_MONOTONIC";
  }
}

function rankMonotonicity(node: Extract<ExecNode, { kind: "Rank" }>): Monotonicity[] | undefined {
  const input = monotonicityOf(node.input);
  if (!input || node.partitionKeys.some((k) => input[k] !== "CONSTANT")) return undefined;
  const result: Monotonicity[] = node.fields.map(() => "NOT_MONOTONIC");
  for (const k of node.partitionKeys) result[k] = "CONSTANT";
  if (node.outputRankNumber) result[result.length - 1] = "CONSTANT";
  const first = node.orderKeys[0];
  if (first) {
    // Time attributes only grow.
    const m = node.orderTime ? "INCREASING" : input[first.index];
    result[first.index] =
      (m === "INCREASING" || m === "CONSTANT") && first.descending
        ? "INCREASING"
        : (m === "DECREASING" || m === "CONSTANT") && !first.descending
          ? "DECREASING"
          : "NOT_MONOTONIC";
  }
  return result;
}
