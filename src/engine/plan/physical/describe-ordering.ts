import type { Fields } from "../layout.ts";
import type { AggregateCall } from "../logical/aggregate.ts";
import type { FrameBound, OverFrame } from "../logical/over.ts";
import { formatRankRange } from "../logical/rank.ts";
import type { SortKey } from "../logical/sort-key.ts";
import type { OrderingNode, RankStrategy } from "./ordering-nodes.ts";

/**
 * EXPLAIN attributes of the ordering nodes, as Flink's explainTerms print them:
 *   Deduplicate(keep=[FirstRow], key=[k], order=[ROWTIME])
 *   Rank(strategy=[AppendFastStrategy], rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[k], orderBy=[v DESC], select=[k, v])
 *   OverAggregate(partitionBy=[k], orderBy=[ts ASC], window=[ ROWS BETWEEN 2 PRECEDING AND CURRENT ROW], select=[k, v, ts, SUM(v) AS w0$o0])
 */
export function orderingAttributes(node: OrderingNode): string[] {
  const input = node.input.fields;
  const names = (fields: Fields): string => fields.map((f) => f.name).join(", ");
  switch (node.kind) {
    case "Deduplicate":
      return [
        `keep=[${node.keepLastRow ? "LastRow" : "FirstRow"}]`,
        `key=[${node.keys.map((k) => input[k]!.name).join(", ")}]`,
        `order=[${node.time === "rowtime" ? "ROWTIME" : "PROCTIME"}]`,
      ];
    case "Rank":
      return [
        `strategy=[${formatStrategy(node.strategy)}]`,
        `rankType=[${node.rankType}]`,
        `rankRange=[${formatRankRange(node.range, input)}]`,
        `partitionBy=[${node.partitionKeys.map((k) => input[k]!.name).join(", ")}]`,
        `orderBy=[${formatOrder(node.orderKeys, input)}]`,
        `select=[${names(node.fields)}]`,
      ];
    case "SortLimit":
      return [
        `orderBy=[${formatOrder(node.orderKeys, node.fields)}]`,
        `offset=[${node.offset}]`,
        `fetch=[${node.fetch ?? "unlimited"}]`,
        `strategy=[${formatStrategy(node.strategy)}]`,
      ];
    case "Limit":
      return [`offset=[${node.offset}]`, `fetch=[${node.fetch ?? "unlimited"}]`];
    case "TemporalSort":
      return [`orderBy=[${formatOrder(node.orderKeys, node.fields)}]`];
    case "OverAggregate": {
      const calls = node.calls.map((c) => `${formatOverCall(c, input)} AS ${c.alias}`);
      return [
        ...(node.partitionKeys.length > 0
          ? [`partitionBy=[${node.partitionKeys.map((k) => input[k]!.name).join(", ")}]`]
          : []),
        `orderBy=[${formatOrder(node.orderKeys, input)}]`,
        `window=[${formatFrame(node.frame)}]`,
        `select=[${[...input.map((f) => f.name), ...calls].join(", ")}]`,
      ];
    }
    default:
      return node satisfies never;
  }
}

function formatStrategy(strategy: RankStrategy): string {
  return strategy.kind === "UpdateFast"
    ? `UpdateFastStrategy[${strategy.primaryKey.join(",")}]`
    : `${strategy.kind}Strategy`;
}

export function formatOrder(keys: readonly SortKey[], fields: Fields): string {
  return keys.map((k) => `${fields[k.index]!.name} ${k.descending ? "DESC" : "ASC"}`).join(", ");
}

function formatOverCall(call: AggregateCall, input: Fields): string {
  const args = call.args.length === 0 ? "*" : call.args.map((a) => input[a]!.name).join(", ");
  return `${call.name}(${call.distinct ? "DISTINCT " : ""}${args})`;
}

/** Calcite's window text, leading space and its four-letter RANG included. */
function formatFrame(frame: OverFrame): string {
  const bound = (b: FrameBound): string => {
    switch (b.kind) {
      case "unbounded":
        return "UNBOUNDED PRECEDING";
      case "unboundedFollowing":
        return "UNBOUNDED FOLLOWING";
      case "currentRow":
        return "CURRENT ROW";
      case "preceding":
        return `${b.offset} PRECEDING`;
      case "following":
        return `${b.offset} FOLLOWING`;
      default:
        return b satisfies never;
    }
  };
  return ` ${frame.unit === "ROWS" ? "ROWS" : "RANG"} BETWEEN ${bound(frame.lower)} AND ${bound(frame.upper)}`;
}
