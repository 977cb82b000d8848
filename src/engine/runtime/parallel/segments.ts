import { describeExchange } from "../../plan/parallel/distribution.ts";
import type { Exchange, ParallelPlan, Placement } from "../../plan/parallel/parallel-plan.ts";
import type { PhysicalPlan } from "../../plan/physical/infer-changelog-mode.ts";
import { buildPipeline, type Pipeline, type RuntimeEnv } from "../build-pipeline.ts";
import { Job } from "../job.ts";
import type { Collector } from "../operator.ts";
import { ExchangeInput } from "./exchange-input.ts";
import { type Channel, ExchangeOutput } from "./exchange-output.ts";
import { keyRouter } from "./key-groups.ts";

/**
 * One stage instance run by this thread: the operators from an exchange's producer (or the statement's
 * root) down to the exchanges feeding them, as a job of its own, so it finishes when its own inputs
 * end and then ends its output.
 */
export interface Segment {
  readonly job: Job;
  /** Where its rows go: an exchange, or (the root in the main thread) the statement's sink. */
  readonly output: ExchangeOutput | undefined;
  /** Its output was told the input ended. */
  ended: boolean;
}

/** The stage instances of one thread and the receiving ends of its exchanges, by exchange id. */
export interface ThreadStages {
  readonly segments: readonly Segment[];
  readonly inputs: ReadonlyMap<number, ExchangeInput>;
}

/** Rows this thread's stages read from the statement's sources (rows from exchanges not counted). */
export function sourceRecordsIn(stages: ThreadStages): number {
  let rows = 0;
  for (const { job } of stages.segments) rows += job.recordsIn;
  for (const input of stages.inputs.values()) rows -= input.received;
  return rows;
}

export interface StageContext {
  readonly statement: string;
  /** The statement's id in the worker pool. */
  readonly id: number;
  readonly env: RuntimeEnv;
  readonly placement: Placement;
  /** This thread's instance: the worker's index, 0 in the main thread. */
  readonly instance: number;
  /** The channels to an exchange's consumer instances (one, or one per worker). */
  readonly channelsOf: (exchange: Exchange) => readonly Channel[];
  /** The statement's sink (main thread). */
  readonly out?: Collector;
}

/** Builds the stages `ctx.placement` runs, wired to the exchanges of `parallel`. */
export function buildThreadStages(parallel: ParallelPlan, ctx: StageContext): ThreadStages {
  const { nodes, placements, exchanges } = parallel;
  const inputs = new Map<number, ExchangeInput>();
  const segments: Segment[] = [];
  const receive = (exchange: Exchange, into: Collector): ExchangeInput => {
    const channels = exchange.from === "workers" ? parallel.parallelism : 1;
    const producer = nodes[exchange.producer]!;
    const description = describeExchange(exchange.distribution, producer.node.fields);
    const input = new ExchangeInput(description, channels, into);
    inputs.set(exchange.id, input);
    return input;
  };
  const start = (pipeline: Pipeline, received: readonly ExchangeInput[], output?: ExchangeOutput) => {
    const sources = [...pipeline.sources, ...received.map((reader) => ({ reader, into: reader.into }))];
    const job = new Job(ctx.statement, { ...pipeline, sources }, ctx.env.clock, ctx.env.idleTimeout);
    segments.push({ job, output, ended: false });
  };
  const build = (root: number, out: Collector, output?: ExchangeOutput): void => {
    const received: ExchangeInput[] = [];
    const cut = (input: PhysicalPlan, into: Collector): boolean => {
      const exchange = exchanges.get(nodes.indexOf(input));
      if (!exchange) return false;
      received.push(receive(exchange, into));
      return true;
    };
    start(buildPipeline(nodes[root]!, out, ctx.env, cut), received, output);
  };

  const rootExchange = exchanges.get(0);
  if (ctx.placement === "main" && rootExchange) {
    // The root runs on the workers: the main thread only gathers its rows into the sink.
    const output = { count: 0 };
    const out = ctx.out!;
    const counted: Collector = {
      collect(kind, row) {
        output.count++;
        out.collect(kind, row);
      },
      watermark: (timestamp) => out.watermark(timestamp),
      idle: () => out.idle(),
    };
    const pipeline: Pipeline = { sources: [], operators: [], timed: [], output, readers: [], writers: [] };
    start(pipeline, [receive(rootExchange, counted)]);
  } else if (placements[0] === ctx.placement && !rootExchange) build(0, ctx.out!);
  for (const exchange of exchanges.values()) {
    if (exchange.from !== ctx.placement) continue;
    const route =
      exchange.distribution.kind === "hash"
        ? keyRouter(exchange.distribution.keys, parallel.parallelism)
        : undefined;
    const output = new ExchangeOutput(
      { statement: ctx.id, exchange: exchange.id, from: ctx.instance },
      ctx.channelsOf(exchange),
      route,
    );
    build(exchange.producer, output, output);
  }
  return { segments, inputs };
}
