import type { WindowProperty } from "../../plan/logical/group-window-aggregate.ts";
import type { Windowing } from "../../plan/logical/window-aggregate.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import type { WindowExecNode } from "../../plan/physical/window-exec-nodes.ts";
import type { AlignedWindowSpec, WindowSpec, WindowTime } from "../../plan/window/window-spec.ts";
import { aggregateSlots } from "../aggregate-slots.ts";
import { GroupAccumulators } from "../aggregates/group-accumulators.ts";
import type { RuntimeEnv } from "../build-pipeline.ts";
import { compilePredicate } from "../expr/index.ts";
import { fieldEnv } from "../field-env.ts";
import type { Collector, Operator } from "../operator.ts";
import { connectInputs } from "../operator-failure.ts";
import type { StateSpill } from "../state/state-spill.ts";
import { AlignedWindows } from "./aligned-windows.ts";
import { windowRankingOperator } from "./build-window-ranking.ts";
import { SessionWindowAggregateOperator } from "./session-window-aggregate.ts";
import { SessionWindowTableFunctionOperator } from "./session-window-table-function.ts";
import { WindowAggregateOperator, type WindowAssignment } from "./window-aggregate.ts";
import { WindowClock } from "./window-clock.ts";
import { WindowJoinOperator } from "./window-join.ts";
import { WindowTableFunctionOperator } from "./window-table-function.ts";

/** How build-pipeline lets a node's operator join the pipeline and wire its inputs. */
export interface PipelineWiring {
  add<T extends Operator>(op: T): T;
  wire(plan: PhysicalPlan, into: Collector): void;
}

/** The operator of a windowed exec node, wired to its inputs; `into` receives its output. */
export function wireWindowNode(
  p: PhysicalPlan,
  node: WindowExecNode,
  description: string,
  into: Collector,
  env: RuntimeEnv,
  pipeline: PipelineWiring,
): void {
  const clockFor = (time: WindowTime): WindowClock => new WindowClock(time, env.ctx.timeZone);
  const now = env.clock;
  const single = (op: Operator): void => {
    pipeline.add(op);
    pipeline.wire(p.inputs[0]!, connectInputs(op, 1, into)[0]!);
  };
  switch (node.kind) {
    case "WindowTableFunction": {
      const rowtime = node.time.attribute === "rowtime" ? node.timeField : undefined;
      const clock = clockFor(node.time);
      const window = node.window;
      single(
        window.kind === "SESSION"
          ? new SessionWindowTableFunctionOperator(
              {
                description,
                partitionKeys: window.partitionKeys,
                gap: window.gap,
                rowtime,
                clock,
                now,
                ...(env.spill ? { spill: env.spill } : {}),
              },
              into,
            )
          : new WindowTableFunctionOperator(
              { description, windows: new AlignedWindows(window), rowtime, clock, now },
              into,
            ),
      );
      return;
    }
    case "WindowAggregate":
    case "GroupWindowAggregate": {
      const windowing: Windowing =
        node.kind === "WindowAggregate"
          ? node.windowing
          : { kind: "timeAttribute", timeField: node.timeField, time: node.time };
      const accumulators = new GroupAccumulators(
        aggregateSlots(node.aggregates, node.input.fields, p.inputs[0]!.mode!),
      );
      single(
        windowAggregate(node.window, windowing, {
          description,
          keys: node.grouping,
          accumulators,
          clock: clockFor(windowing.time),
          properties: node.properties,
          now,
          into,
          spill: env.spill,
        }),
      );
      return;
    }
    case "WindowJoin": {
      const fields = [...node.left.fields, ...node.right.fields];
      const op = pipeline.add(
        new WindowJoinOperator(
          {
            description,
            joinType: node.joinType,
            left: {
              windowEnd: node.leftSide.windowEnd,
              keys: node.leftSide.keys,
              width: node.left.fields.length,
            },
            right: {
              windowEnd: node.rightSide.windowEnd,
              keys: node.rightSide.keys,
              width: node.right.fields.length,
            },
            ...(node.condition ? { condition: compilePredicate(node.condition, fieldEnv(fields)) } : {}),
            clock: clockFor(node.time),
            ctx: env.ctx,
            ...(env.spill ? { spill: env.spill } : {}),
          },
          into,
        ),
      );
      const [left, right] = connectInputs(op, 2, into);
      pipeline.wire(p.inputs[0]!, left!);
      pipeline.wire(p.inputs[1]!, right!);
      return;
    }
    case "WindowRank":
    case "WindowDeduplicate":
      single(windowRankingOperator(node, description, clockFor(node.windowing.time), into, env.spill));
      return;
    default:
      node satisfies never;
  }
}

interface AggregateParts {
  readonly description: string;
  readonly keys: readonly number[];
  readonly accumulators: GroupAccumulators;
  readonly clock: WindowClock;
  readonly properties: readonly WindowProperty[];
  readonly now: () => number;
  readonly into: Collector;
  /** Where keys' windows beyond the memory budget go. */
  readonly spill: StateSpill | undefined;
}

/** Sessions assigned from a time attribute merge; every other windowing is a fixed set of windows. */
function windowAggregate(window: WindowSpec, windowing: Windowing, parts: AggregateParts): Operator {
  const { into, spill, ...rest } = parts;
  const config = { ...rest, ...(spill ? { spill } : {}) };
  if (windowing.kind === "timeAttribute" && window.kind === "SESSION") {
    const rowtime = windowing.time.attribute === "rowtime" ? windowing.timeField : undefined;
    return new SessionWindowAggregateOperator({ ...config, gap: window.gap, rowtime }, into);
  }
  return new WindowAggregateOperator({ ...config, assignment: assignment(window, windowing) }, into);
}

function assignment(window: WindowSpec, windowing: Windowing): WindowAssignment {
  if (windowing.kind === "windowAttached")
    return { kind: "attached", start: windowing.start, end: windowing.end };
  const windows = new AlignedWindows(window as AlignedWindowSpec);
  return windowing.time.attribute === "rowtime"
    ? { kind: "rowtime", field: windowing.timeField, windows }
    : { kind: "proctime", windows };
}
