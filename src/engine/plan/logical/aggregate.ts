import type { Span } from "../../../common/source.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import type { DataType } from "../../../sql/types/data-type.ts";
import type { Fields } from "../layout.ts";
import type { LogicalPlan } from "./logical-plan.ts";

/** One aggregate function call; its arguments and FILTER condition are input field indexes. */
export interface AggregateCall {
  readonly name: string;
  readonly args: readonly number[];
  readonly distinct: boolean;
  /** A BOOLEAN input field: only rows where it is TRUE are accumulated or retracted. */
  readonly filter?: number;
  readonly ignoreNulls: boolean;
  readonly type: DataType;
  /** A user-defined aggregate function: its catalog entry, whose signature leads to its implementation. */
  readonly userFunction?: UserFunction;
  /** Where a user-defined aggregate is called, for the errors its implementation causes. */
  readonly span?: Span;
  /** The name EXPLAIN prints: `SUM(b) AS s`. */
  readonly alias: string;
}

/**
 * GROUP BY: one output row per distinct value of the group keys (input field indexes). With several
 * grouping sets, each set is a list of positions in `groupKeys`; the physical plan expands the input
 * once per set and adds the set's id `$e` as an extra key, as Flink's Expand does. Output fields:
 * the keys, then `$e` when there are grouping sets, then the aggregate results.
 */
export interface LogicalAggregate {
  readonly kind: "aggregate";
  readonly input: LogicalPlan;
  readonly groupKeys: readonly number[];
  /** Absent for a plain GROUP BY (one set with every key). */
  readonly groupingSets?: readonly (readonly number[])[];
  readonly aggregates: readonly AggregateCall[];
  readonly fields: Fields;
}

export function logicalAggregate(
  input: LogicalPlan,
  groupKeys: readonly number[],
  groupingSets: readonly (readonly number[])[] | undefined,
  aggregates: readonly AggregateCall[],
  fields: Fields,
): LogicalAggregate {
  return Object.freeze({
    kind: "aggregate",
    input,
    groupKeys,
    ...(groupingSets ? { groupingSets } : {}),
    aggregates,
    fields,
  });
}
