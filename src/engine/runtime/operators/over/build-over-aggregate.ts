import type { OverAggregateNode } from "../../../plan/physical/ordering-nodes.ts";
import type { AggregateSlot } from "../../aggregates/call-accumulators.ts";
import { createAggregate } from "../../aggregates/index.ts";
import type { RuntimeEnv } from "../../build-pipeline.ts";
import type { Collector, Operator } from "../../operator.ts";
import { OverAccumulators } from "./over-accumulators.ts";
import type { OverConfig, OverRetention } from "./over-operator.ts";
import { overRankingAggregate } from "./over-ranking-aggregates.ts";
import { ProctimeRangeBoundedOver, ProctimeRowsBoundedOver, ProctimeUnboundedOver } from "./proctime-over.ts";
import { RowtimeRangeBoundedOver, RowtimeRowsBoundedOver } from "./rowtime-bounded-over.ts";
import { RowtimeUnboundedOver } from "./rowtime-unbounded-over.ts";

/**
 * Flink's over function for a frame (StreamExecOverAggregate): rowtime or proctime, unbounded or
 * bounded preceding, ROWS or RANGE. The planner has checked the shape. Unbounded windows never
 * retract, so MIN/MAX use their insert-only accumulators there.
 */
export function buildOverAggregate(
  node: OverAggregateNode,
  description: string,
  env: Pick<RuntimeEnv, "ctx" | "clock" | "stateTtl" | "spill">,
  out: Collector,
): Operator {
  const input = node.input.fields;
  const bounded = node.frame.lower.kind === "preceding";
  const orderKeyTypes = node.orderKeys.map((k) => input[k.index]!.type);
  const calls: AggregateSlot[] = node.calls.map((call) => {
    const ranking = overRankingAggregate(call.name, orderKeyTypes);
    const args =
      ranking && (call.name === "RANK" || call.name === "DENSE_RANK")
        ? node.orderKeys.map((k) => k.index)
        : call.args;
    const fn =
      ranking ??
      createAggregate({
        name: call.name,
        argTypes: call.args.map((a) => input[a]!.type),
        resultType: call.type,
        distinct: call.distinct,
        ignoreNulls: call.ignoreNulls,
        retraction: bounded,
        ...(call.userFunction ? { userFunction: call.userFunction } : {}),
        ...(call.span ? { span: call.span } : {}),
      });
    return { fn, args, ...(call.filter !== undefined ? { filter: call.filter } : {}) };
  });
  const lower = node.frame.lower;
  const offset = lower.kind === "preceding" ? lower.offset : 0;
  const rows = node.frame.unit === "ROWS";
  const retention = overRetention(node, env.stateTtl);
  const config: OverConfig = {
    description,
    partitionKeys: node.partitionKeys,
    accumulators: new OverAccumulators(calls),
    rowtime: node.orderKeys[0]!.index,
    // ROWS n PRECEDING holds n + 1 rows; RANGE reaches back `offset` from the current row.
    preceding: rows ? offset + 1 : offset,
    clock: env.clock,
    ...(env.spill ? { spill: env.spill } : {}),
    ...(retention ? { retention } : {}),
  };
  if (node.orderTime === "rowtime") {
    if (!bounded) return new RowtimeUnboundedOver(rows, config, out);
    return rows ? new RowtimeRowsBoundedOver(config, out) : new RowtimeRangeBoundedOver(config, out);
  }
  if (!bounded) return new ProctimeUnboundedOver(config, out);
  return rows ? new ProctimeRowsBoundedOver(config, out) : new ProctimeRangeBoundedOver(config, out);
}

/**
 * How Flink 1.20's over function for this frame honours `table.exec.state.ttl`: the processing-time
 * unbounded one through state TTL (expiry exactly a TTL after the last write); the event-time RANGE
 * bounded one not at all (it clears a partition itself once the watermark passes its last row by
 * 1.5 frames); the others with a processing-time cleanup timer that fires between 1 and 1.5 TTLs
 * after the last row (KeyedProcessFunctionWithCleanupState).
 */
function overRetention(node: OverAggregateNode, stateTtl: number | undefined): OverRetention | undefined {
  if (stateTtl === undefined || stateTtl <= 0) return undefined;
  const bounded = node.frame.lower.kind === "preceding";
  if (node.orderTime === "proctime" && !bounded) return { ttlMs: stateTtl, cleanupMs: stateTtl };
  if (node.orderTime === "rowtime" && bounded && node.frame.unit === "RANGE") return undefined;
  return { ttlMs: stateTtl, cleanupMs: Math.trunc(stateTtl * 1.5) };
}
