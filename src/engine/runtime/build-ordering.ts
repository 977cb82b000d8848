import type { TimeAttribute } from "../../sql/catalog/table-schema.ts";
import type { RankRange } from "../plan/logical/rank.ts";
import type { SortKey } from "../plan/logical/sort-key.ts";
import type { PhysicalPlan } from "../plan/physical/infer-changelog-mode.ts";
import type { OrderingNode, RankStrategy } from "../plan/physical/ordering-nodes.ts";
import { createWindowFunction } from "./aggregates/index.ts";
import type { RuntimeEnv } from "./build-pipeline.ts";
import { miniBatchOption } from "./mini-batch.ts";
import type { Collector, Operator } from "./operator.ts";
import { DeduplicateOperator } from "./operators/deduplicate.ts";
import { buildOverAggregate } from "./operators/over/build-over-aggregate.ts";
import { appendOnlyFirstN } from "./operators/rank/append-only-first-n.ts";
import { appendOnlyTopN } from "./operators/rank/append-only-top-n.ts";
import { fastTop1 } from "./operators/rank/fast-top1.ts";
import { RankOperator } from "./operators/rank/rank-operator.ts";
import { rankingTopN } from "./operators/rank/ranking-top-n.ts";
import { retractableTopN } from "./operators/rank/retractable-top-n.ts";
import type { TopNFunction } from "./operators/rank/top-n-function.ts";
import { updatableTopN } from "./operators/rank/updatable-top-n.ts";
import { rowComparator } from "./operators/row-comparator.ts";
import { createTemporalSort } from "./operators/temporal-sort.ts";

/** The operator of a Deduplicate, Rank, SortLimit, Limit, TemporalSort or OverAggregate node. */
export function buildOrderingOperator(
  p: PhysicalPlan,
  node: OrderingNode,
  description: string,
  env: Pick<RuntimeEnv, "ctx" | "clock" | "stateTtl" | "spill"> & Partial<Pick<RuntimeEnv, "connectors">>,
  out: Collector,
): Operator {
  const generateUpdateBefore = p.mode?.updateBefore ?? false;
  const ttl = env.stateTtl ? { stateTtl: env.stateTtl } : {};
  const spill = env.spill ? { spill: env.spill } : {};
  switch (node.kind) {
    case "Deduplicate":
      return new DeduplicateOperator(
        {
          description,
          keys: node.keys,
          keepLastRow: node.keepLastRow,
          time: node.time,
          rowtime: node.orderField,
          generateUpdateBefore,
          ...ttl,
          ...spill,
          ...miniBatchOption(env),
        },
        out,
      );
    case "Rank":
      return new RankOperator(
        {
          description,
          partitionKeys: node.partitionKeys,
          range: node.range,
          fn:
            node.rankType === "ROW_NUMBER"
              ? rowNumberFunction(node.strategy, node.orderKeys, node.orderTime, isTopOne(node.range))
              : rankingTopN(rowComparator(node.orderKeys), createWindowFunction(node.rankType)),
          outputRankNumber: node.outputRankNumber,
          generateUpdateBefore,
          ...ttl,
          ...spill,
        },
        out,
      );
    case "SortLimit":
    case "Limit": {
      const orderKeys = node.kind === "SortLimit" ? node.orderKeys : [];
      const end = node.fetch === undefined ? Number.MAX_SAFE_INTEGER : node.offset + node.fetch;
      const range = { kind: "constant", start: node.offset + 1, end } as const;
      // A Limit has no strategy of its own: the input's changelog decides (StreamExecLimit).
      const strategy: RankStrategy =
        node.kind === "SortLimit"
          ? node.strategy
          : p.inputs[0]!.mode!.updateAfter || p.inputs[0]!.mode!.delete
            ? { kind: "Retract" }
            : { kind: "AppendFast" };
      const orderTime = node.kind === "SortLimit" ? node.orderTime : undefined;
      return new RankOperator(
        {
          description,
          partitionKeys: [],
          range,
          fn: rowNumberFunction(strategy, orderKeys, orderTime, isTopOne(range)),
          outputRankNumber: false,
          generateUpdateBefore,
          ...ttl,
          ...spill,
        },
        out,
      );
    }
    case "TemporalSort":
      return createTemporalSort(
        {
          description,
          time: node.time,
          rowtime: node.orderKeys[0]!.index,
          order: rowComparator(node.orderKeys.slice(1)),
          clock: env.clock,
          ...spill,
        },
        out,
      );
    case "OverAggregate":
      return buildOverAggregate(node, description, env, out);
    default:
      return node satisfies never;
  }
}

function isTopOne(range: RankRange): boolean {
  return range.kind === "constant" && range.start === 1 && range.end === 1;
}

/** Flink's choice of ROW_NUMBER Top-N function for a strategy (StreamExecRank.translateToPlanInternal). */
function rowNumberFunction(
  strategy: RankStrategy,
  orderKeys: readonly SortKey[],
  orderTime: TimeAttribute | undefined,
  topOne: boolean,
): TopNFunction<unknown> {
  const compare = rowComparator(orderKeys);
  switch (strategy.kind) {
    case "AppendFast":
      if (orderKeys.length === 1 && orderTime === "proctime" && !orderKeys[0]!.descending)
        return appendOnlyFirstN();
      return topOne ? fastTop1(compare) : appendOnlyTopN(compare);
    case "UpdateFast":
      return topOne ? fastTop1(compare) : updatableTopN(compare, strategy.primaryKey);
    case "Retract":
      return retractableTopN(compare);
    case "Undefined":
      throw new Error("internal error: a Rank reached the runtime without a strategy");
    default:
      return strategy satisfies never;
  }
}
