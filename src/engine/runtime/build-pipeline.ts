import type { TableSchema } from "../../sql/catalog/table-schema.ts";
import { describeNode } from "../plan/physical/describe-node.ts";
import type { PhysicalPlan } from "../plan/physical/infer-changelog-mode.ts";
import { needsUpsertMaterializer } from "../plan/physical/upsert-materializer.ts";
import { PlanError } from "../plan/plan-error.ts";
import { writableColumns } from "../plan/plan-statement.ts";
import { aggregateSlots } from "./aggregate-slots.ts";
import { buildOrderingOperator } from "./build-ordering.ts";
import { compilePredicate, compileProjection, type EvalContext } from "./expr/index.ts";
import { fieldEnv } from "./field-env.ts";
import type { MemoryTables } from "./memory-table.ts";
import { type Collector, DISCARD, type Operator, type SourceReader } from "./operator.ts";
import { connectInputs } from "./operator-failure.ts";
import { CalcOperator } from "./operators/calc.ts";
import { ExpandOperator } from "./operators/expand.ts";
import { GroupAggregateOperator } from "./operators/group-aggregate.ts";
import { createJoinOperator } from "./operators/join/create-join-operator.ts";
import { UnionOperator } from "./operators/union.ts";
import { TableSink } from "./sinks/table-sink.ts";
import { dropUpdateBefore } from "./sources/drop-update-before.ts";
import { ScanRowBuilder, WatermarkGenerator } from "./sources/scan-row.ts";
import { TableReader } from "./sources/table-reader.ts";
import { ValuesReader } from "./sources/values-reader.ts";
import { wireWindowNode } from "./windows/build-window-operator.ts";

/** What operators share at run time. */
export interface RuntimeEnv {
  readonly ctx: EvalContext;
  readonly tables: MemoryTables;
  /** Processing time, epoch milliseconds: `$rowtime` of rows written to in-memory tables. */
  readonly clock: () => number;
}

/** Sources feed `into`; operators are listed from the sink down, so finishing runs in reverse. */
export interface Pipeline {
  readonly sources: readonly { readonly reader: SourceReader; readonly into: Collector }[];
  readonly operators: readonly Operator[];
  /** The operators with processing-time timers. */
  readonly timed: readonly Operator[];
  /** Rows that reached the end: a sink's input, or `out` (a job's records-out metric). */
  readonly output: { count: number };
}

/** One operator per exec node, wired input → output; `out` receives the root's changelog. */
export function buildPipeline(plan: PhysicalPlan, out: Collector, env: RuntimeEnv): Pipeline {
  const sources: { reader: SourceReader; into: Collector }[] = [];
  const operators: Operator[] = [];
  const output = { count: 0 };
  const counted = (next: Collector): Collector => ({
    collect(kind, row) {
      output.count++;
      next.collect(kind, row);
    },
    watermark: (timestamp) => next.watermark(timestamp),
    idle: () => next.idle(),
  });
  const add = <T extends Operator>(op: T): T => {
    operators.push(op);
    return op;
  };
  const wire = (p: PhysicalPlan, into: Collector): void => {
    const node = p.node;
    const description = describeNode(node);
    switch (node.kind) {
      case "TableSourceScan": {
        checkConnector(node.table);
        const table = env.tables.get(node.table, writableColumns(node.table));
        const rows = new ScanRowBuilder(node.table, node.expressions, node.fields, env.ctx);
        const strategy = node.expressions.watermark;
        const watermarks = strategy ? new WatermarkGenerator(strategy, node.fields, env.ctx) : undefined;
        const reader = new TableReader(description, table, rows, watermarks);
        // The table's log holds -U rows; a consumer that did not ask for them must not see them.
        const updates = node.produces.update && !p.mode!.updateBefore;
        sources.push({ reader, into: updates ? dropUpdateBefore(into) : into });
        return;
      }
      case "Values": {
        const rows = node.rows.map((row) => compileProjection(row, fieldEnv([])));
        sources.push({ reader: new ValuesReader(description, rows, env.ctx), into });
        return;
      }
      case "Calc": {
        const input = fieldEnv(node.input.fields);
        const op = add(
          new CalcOperator(
            {
              description,
              projection: compileProjection(node.projections, input),
              ...(node.condition ? { predicate: compilePredicate(node.condition, input) } : {}),
            },
            env.ctx,
            into,
          ),
        );
        wire(p.inputs[0]!, connectInputs(op, 1, into)[0]!);
        return;
      }
      case "Expand": {
        const op = add(new ExpandOperator({ description, sets: node.sets }, into));
        wire(p.inputs[0]!, connectInputs(op, 1, into)[0]!);
        return;
      }
      case "GroupAggregate": {
        const calls = aggregateSlots(node.aggregates, node.input.fields, p.inputs[0]!.mode!);
        const op = add(
          new GroupAggregateOperator(
            { description, keys: node.grouping, calls, generateUpdateBefore: p.mode!.updateBefore },
            into,
          ),
        );
        wire(p.inputs[0]!, connectInputs(op, 1, into)[0]!);
        return;
      }
      case "Union": {
        const op = add(new UnionOperator(description, into));
        const inputs = connectInputs(op, p.inputs.length, into);
        for (const [i, input] of p.inputs.entries()) wire(input, inputs[i]!);
        return;
      }
      case "Join":
      case "IntervalJoin":
      case "TemporalJoin":
      case "LookupJoin":
      case "Correlate": {
        const op = add(createJoinOperator(p, description, env, into));
        const inputs = connectInputs(op, p.inputs.length, into);
        for (const [i, input] of p.inputs.entries()) wire(input, inputs[i]!);
        return;
      }
      case "Sink": {
        // `'connector' = 'blackhole'` discards every change, as Flink's does: for benchmarks.
        const blackhole = node.table.options.connector === "blackhole";
        if (!blackhole) checkConnector(node.table);
        const mode = blackhole
          ? "discard"
          : node.primaryKey === undefined
            ? "append"
            : needsUpsertMaterializer(p)
              ? "materialize"
              : "upsert";
        const table = blackhole ? undefined : env.tables.get(node.table, node.targetColumns);
        const op = add(new TableSink({ description, mode }, table, env.clock));
        wire(p.inputs[0]!, counted(connectInputs(op, 1, DISCARD)[0]!));
        return;
      }
      case "WindowTableFunction":
      case "WindowAggregate":
      case "GroupWindowAggregate":
      case "WindowJoin":
        wireWindowNode(p, node, description, into, env, { add, wire });
        return;
      case "Deduplicate":
      case "Rank":
      case "SortLimit":
      case "Limit":
      case "TemporalSort":
      case "OverAggregate": {
        const op = add(buildOrderingOperator(p, node, description, env, into));
        wire(p.inputs[0]!, connectInputs(op, 1, into)[0]!);
        return;
      }
      default:
        node satisfies never;
    }
  };
  wire(plan, plan.node.kind === "Sink" ? out : counted(out));
  return { sources, operators, timed: operators.filter((op) => op.onProcessingTime !== undefined), output };
}

/** This slice runs in-memory tables only: no connector, or `'connector' = 'headwater'`. */
function checkConnector(table: TableSchema): void {
  const connector = table.options.connector;
  if (connector !== undefined && connector !== "headwater")
    throw new PlanError(
      `connector '${connector}' of table '${table.path.join(".")}' is not supported by the Headwater engine yet; tables without a connector or with 'connector' = 'headwater' are in-memory tables`,
    );
}
