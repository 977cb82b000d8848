import type { Fields } from "../layout.ts";
import type { ExecNode } from "../physical/exec-node.ts";

/**
 * How an operator needs its input spread over the parallel instances (Flink's
 * FlinkRelDistribution): every row of one key on one instance (`hash`), all rows on one instance
 * (`single`: a global aggregate, a sort, a lookup into the session's tables), or wherever they are
 * (`any`: stateless operators, chained to their input).
 */
export type Distribution =
  | { readonly kind: "hash"; readonly keys: readonly number[] }
  | { readonly kind: "single" }
  | { readonly kind: "any" };

const ANY: Distribution = Object.freeze({ kind: "any" });
const SINGLE: Distribution = Object.freeze({ kind: "single" });

/** Hash by `keys`; no key means one group, hence one instance. */
function byKeys(keys: readonly number[]): Distribution {
  return keys.length === 0 ? SINGLE : Object.freeze({ kind: "hash", keys });
}

/** What `node` needs of its input `input`: the keys its state is partitioned by. */
export function requiredDistribution(node: ExecNode, input: number): Distribution {
  switch (node.kind) {
    case "TableSourceScan":
    case "Values":
    case "Calc":
    case "Expand":
    case "Union":
    case "Correlate":
      return ANY;
    case "GroupAggregate":
    case "WindowAggregate":
    case "GroupWindowAggregate":
      return byKeys(node.grouping);
    case "Join":
    case "IntervalJoin":
    case "TemporalJoin":
      return byKeys(input === 0 ? node.keys.left : node.keys.right);
    case "WindowJoin":
      return byKeys(input === 0 ? node.leftSide.keys : node.rightSide.keys);
    case "WindowTableFunction":
      // Aligned windows are computed from a row alone; sessions grow per partition key.
      return node.window.kind === "SESSION" ? byKeys(node.window.partitionKeys) : ANY;
    case "Deduplicate":
      return byKeys(node.keys);
    case "Rank":
    case "OverAggregate":
    case "WindowRank":
    case "WindowDeduplicate":
      return byKeys(node.partitionKeys);
    case "SortLimit":
    case "Limit":
    case "TemporalSort":
    // The looked-up tables live with the session, in the main thread.
    case "LookupJoin":
    // The collecting client and the table writers live in the main thread.
    case "Sink":
      return SINGLE;
    default:
      return node satisfies never;
  }
}

/** As Flink's EXPLAIN prints an exchange: `Exchange(distribution=[hash[k, v]])`. */
export function describeExchange(distribution: Distribution, fields: Fields): string {
  switch (distribution.kind) {
    case "hash":
      return `Exchange(distribution=[hash[${distribution.keys.map((k) => fields[k]!.name).join(", ")}]])`;
    case "single":
      return "Exchange(distribution=[single])";
    case "any":
      return "Exchange(distribution=[forward])";
    default:
      return distribution satisfies never;
  }
}
