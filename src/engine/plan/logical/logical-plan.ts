import type { LogicalAggregate } from "./aggregate.ts";
import type { LogicalCalc } from "./calc.ts";
import type { LogicalCorrelate } from "./correlate.ts";
import type { LogicalGroupWindowAggregate } from "./group-window-aggregate.ts";
import type { LogicalJoin } from "./join.ts";
import type { LogicalOver } from "./over.ts";
import type { LogicalRank } from "./rank.ts";
import type { LogicalScan } from "./scan.ts";
import type { LogicalSink } from "./sink.ts";
import type { LogicalSort } from "./sort.ts";
import type { LogicalUnion } from "./union.ts";
import type { LogicalValues } from "./values.ts";
import type { LogicalWindowAggregate } from "./window-aggregate.ts";
import type { LogicalWindowJoin } from "./window-join.ts";
import type { LogicalWindowTableFunction } from "./window-table-function.ts";

/**
 * The logical plan: what to compute, before any choice of operator or changelog mode. Built from a
 * BoundStatement by `planStatement`; rules rewrite it; `planPhysical` turns it into exec nodes.
 */
export type LogicalPlan =
  | LogicalScan
  | LogicalValues
  | LogicalCalc
  | LogicalAggregate
  | LogicalUnion
  | LogicalJoin
  | LogicalCorrelate
  | LogicalSink
  | LogicalWindowTableFunction
  | LogicalWindowAggregate
  | LogicalGroupWindowAggregate
  | LogicalWindowJoin
  | LogicalOver
  | LogicalRank
  | LogicalSort;

export function inputsOf(plan: LogicalPlan): readonly LogicalPlan[] {
  switch (plan.kind) {
    case "scan":
    case "values":
      return [];
    case "calc":
    case "aggregate":
    case "correlate":
    case "sink":
    case "windowTableFunction":
    case "windowAggregate":
    case "groupWindowAggregate":
    case "over":
    case "rank":
    case "sort":
      return [plan.input];
    case "union":
      return plan.inputs;
    case "join":
    case "windowJoin":
      return [plan.left, plan.right];
    default:
      return plan satisfies never;
  }
}

/** The same node over new inputs (same number, same fields). */
export function withInputs(plan: LogicalPlan, inputs: readonly LogicalPlan[]): LogicalPlan {
  switch (plan.kind) {
    case "scan":
    case "values":
      return plan;
    case "calc":
    case "aggregate":
    case "correlate":
    case "sink":
    case "windowTableFunction":
    case "windowAggregate":
    case "groupWindowAggregate":
    case "over":
    case "rank":
    case "sort":
      return Object.freeze({ ...plan, input: inputs[0]! });
    case "union":
      return Object.freeze({ ...plan, inputs });
    case "join":
    case "windowJoin":
      return Object.freeze({ ...plan, left: inputs[0]!, right: inputs[1]! });
    default:
      return plan satisfies never;
  }
}
