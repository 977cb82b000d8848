import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";
import type { SortKey } from "./sort-key.ts";

export type RankType = "ROW_NUMBER" | "RANK" | "DENSE_RANK";

/**
 * Which ranks a Rank keeps: `rankStart..rankEnd` (both 1-based and inclusive), or up to the value of
 * an input field (`WHERE rn <= top_n`, Flink's VariableRankRange).
 */
export type RankRange =
  | { readonly kind: "constant"; readonly start: number; readonly end: number }
  | { readonly kind: "variable"; readonly endField: number };

/**
 * The rows of each partition ranked by `orderKeys` and filtered by `range`: what a ranking function
 * under a filter on its result becomes (Flink's FlinkLogicalRank). Output: the input's fields, then
 * the rank number when the query reads it (`outputRankNumber`).
 *
 * SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM t) WHERE rn <= 3
 *   → Rank(rankType=[ROW_NUMBER], rankRange=[rankStart=1, rankEnd=3], partitionBy=[k], orderBy=[v DESC])
 */
export interface LogicalRank {
  readonly kind: "rank";
  readonly input: LogicalPlan;
  readonly rankType: RankType;
  readonly partitionKeys: readonly number[];
  readonly orderKeys: readonly SortKey[];
  readonly range: RankRange;
  readonly outputRankNumber: boolean;
  readonly fields: Fields;
}

export function logicalRank(
  input: LogicalPlan,
  rankType: RankType,
  partitionKeys: readonly number[],
  orderKeys: readonly SortKey[],
  range: RankRange,
  outputRankNumber: boolean,
  fields: Fields,
): LogicalRank {
  return Object.freeze({
    kind: "rank",
    input,
    rankType,
    partitionKeys,
    orderKeys,
    range,
    outputRankNumber,
    fields,
  });
}

/** Flink's spelling in EXPLAIN: `rankStart=1, rankEnd=3`, or `rankEnd=top_n` for a variable end. */
export function formatRankRange(range: RankRange, input: Fields): string {
  return range.kind === "constant"
    ? `rankStart=${range.start}, rankEnd=${range.end}`
    : `rankEnd=${input[range.endField]!.name}`;
}
