// Builds the operator Headwater runs for the first Deduplicate/Rank/SortLimit/Limit/TemporalSort/
// OverAggregate node of a query, through the real planner, so operator tests drive exactly what the
// engine would: rows laid out as that node's input fields, watermarks, processing time.
import type { RowKind } from "../../../src/common/changelog.ts";
import type { Row } from "../../../src/common/value.ts";
import {
  createEngine,
  inferChangelogModes,
  type PhysicalPlan,
  planPhysical,
  planStatement,
} from "../../../src/engine/index.ts";
import { describeNode } from "../../../src/engine/plan/physical/describe-node.ts";
import type { OrderingNode } from "../../../src/engine/plan/physical/ordering-nodes.ts";
import { optimize } from "../../../src/engine/plan/rules/optimize.ts";
import { buildOrderingOperator } from "../../../src/engine/runtime/build-ordering.ts";
import { createEvalContext } from "../../../src/engine/runtime/expr/index.ts";
import { MemoryTables } from "../../../src/engine/runtime/memory-table.ts";
import type { Operator } from "../../../src/engine/runtime/operator.ts";
import type { StateSpill } from "../../../src/engine/runtime/state/state-spill.ts";
import { bindStatement } from "../../../src/sql/binder/bind-statement.ts";
import { parseScript } from "../../../src/sql/parser/index.ts";
import { type Emitted, recordInto } from "./recording-collector.ts";

const ORDERING = new Set(["Deduplicate", "Rank", "SortLimit", "Limit", "TemporalSort", "OverAggregate"]);

/** One step of an operator test: a row, a watermark, or the clock moving on. */
export type Step = { row: Row; kind?: RowKind } | { watermark: number } | { now: number };

export interface OrderingHarness {
  readonly description: string;
  /** A fresh operator writing into `out`; `clock` is read for processing time; `spill` past a budget. */
  create(out: Emitted[], spill?: StateSpill): Operator;
  clock: { now: number };
}

export async function orderingOperator(
  ddl: string,
  query: string,
  options: { readonly stateTtl?: number } = {},
): Promise<OrderingHarness> {
  const engine = createEngine({ clock: () => 0 });
  await engine.execute(ddl);
  const statement = parseScript({ name: "test", text: query }).statements[0]!;
  const { bound } = bindStatement(statement, engine.catalog);
  const planned = planStatement(bound!, engine.catalog);
  if (planned.kind !== "query") throw new Error("not a query");
  const physical = inferChangelogModes(planPhysical(optimize(planned.plan)));
  const p = find(physical);
  if (!p) throw new Error(`no ordering node in the plan of ${query}`);
  const clock = { now: 0 };
  const now = () => clock.now;
  const env = {
    ctx: createEvalContext({ clock: now }),
    tables: new MemoryTables(),
    clock: now,
    ...(options.stateTtl ? { stateTtl: options.stateTtl } : {}),
  };
  const description = describeNode(p.node);
  return {
    description,
    clock,
    create: (out, spill) =>
      buildOrderingOperator(
        p,
        p.node as OrderingNode,
        description,
        spill ? { ...env, spill } : env,
        recordInto(out, true),
      ),
  };
}

function find(p: PhysicalPlan): PhysicalPlan | undefined {
  if (ORDERING.has(p.node.kind)) return p;
  for (const input of p.inputs) {
    const found = find(input);
    if (found) return found;
  }
  return undefined;
}

/** Feeds the steps to an operator. */
export function run(op: Operator, steps: readonly Step[], clock: { now: number }): void {
  for (const step of steps) {
    if ("row" in step) op.process(step.kind ?? "+I", step.row, 0);
    else if ("watermark" in step) op.onWatermark(step.watermark);
    else {
      clock.now = step.now;
      op.onProcessingTime?.(step.now);
    }
  }
}
