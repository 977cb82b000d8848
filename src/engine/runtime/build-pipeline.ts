import { describeNode } from "../plan/physical/describe-node.ts";
import type { PhysicalPlan } from "../plan/physical/infer-changelog-mode.ts";
import { aggregateSlots } from "./aggregate-slots.ts";
import { buildOrderingOperator } from "./build-ordering.ts";
import { compilePredicate, compileProjection } from "./expr/index.ts";
import { fieldEnv } from "./field-env.ts";
import { createScanReader, createTableSink, type PipelineIo, type TableIo } from "./io/table-io.ts";
import { miniBatchOption } from "./mini-batch.ts";
import { type Collector, DISCARD, type Operator, type SourceReader } from "./operator.ts";
import { connectInputs } from "./operator-failure.ts";
import { CalcOperator } from "./operators/calc.ts";
import { ExpandOperator } from "./operators/expand.ts";
import { GroupAggregateOperator } from "./operators/group-aggregate.ts";
import { createJoinOperator } from "./operators/join/create-join-operator.ts";
import { UnionOperator } from "./operators/union.ts";
import { dropUpdateBefore } from "./sources/drop-update-before.ts";
import { ValuesReader } from "./sources/values-reader.ts";
import type { StateSpill } from "./state/state-spill.ts";
import { wireWindowNode } from "./windows/build-window-operator.ts";

/**
 * What operators share at run time: the evaluation context, tables (in memory or through
 * connectors), the processing-time clock (`$rowtime` of rows written to in-memory tables) and the
 * statement's idle state retention (`table.exec.state.ttl`, ms; unset or 0: state is kept) and
 * where keyed state beyond its memory budget spills (`'state.memory-budget'`; unset: all in memory).
 */
export type RuntimeEnv = TableIo & { readonly stateTtl?: number; readonly spill?: StateSpill };

/**
 * Sources feed `into`; operators are listed from the sink down, so finishing runs in reverse. The
 * connector readers and writers are opened before the first step and closed after the last.
 */
export interface Pipeline extends PipelineIo {
  readonly sources: readonly { readonly reader: SourceReader; readonly into: Collector }[];
  readonly operators: readonly Operator[];
  /** The operators with processing-time timers, upstream before downstream. */
  readonly timed: readonly Operator[];
  /** Rows that reached the end: a sink's input, or `out` (a job's records-out metric). */
  readonly output: { count: number };
}

/**
 * One operator per exec node, wired input → output; `out` receives the root's changelog. `cut`, when
 * it returns true for an input below the root, takes the collector that input would feed (a parallel
 * statement's exchange) and that input is not built here.
 */
export function buildPipeline(
  plan: PhysicalPlan,
  out: Collector,
  env: RuntimeEnv,
  cut?: (input: PhysicalPlan, into: Collector) => boolean,
): Pipeline {
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
  const io: PipelineIo = { readers: [], writers: [] };
  const add = <T extends Operator>(op: T): T => {
    operators.push(op);
    return op;
  };
  const wire = (p: PhysicalPlan, into: Collector): void => {
    if (p !== plan && cut?.(p, into)) return;
    const node = p.node;
    const description = describeNode(node);
    switch (node.kind) {
      case "TableSourceScan": {
        const reader = createScanReader(node, description, env, io);
        // A changelog's -U rows reach only a consumer that asked for them (Flink's DropUpdateBefore).
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
            {
              description,
              keys: node.grouping,
              calls,
              generateUpdateBefore: p.mode!.updateBefore,
              ...(env.stateTtl ? { stateTtl: env.stateTtl } : {}),
              ...(env.spill ? { spill: env.spill } : {}),
              ...miniBatchOption(env),
            },
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
        const op = add(createTableSink(p, description, env, io));
        wire(p.inputs[0]!, counted(connectInputs(op, 1, DISCARD)[0]!));
        return;
      }
      case "WindowTableFunction":
      case "WindowAggregate":
      case "GroupWindowAggregate":
      case "WindowJoin":
      case "WindowRank":
      case "WindowDeduplicate":
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
  return {
    sources,
    operators,
    // Upstream first: what one emits at this time (a mini-batch bundle) reaches the next in the same step.
    timed: operators.filter((op) => op.onProcessingTime !== undefined).reverse(),
    output,
    ...io,
  };
}
