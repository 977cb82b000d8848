import type { Span } from "../../../common/source.ts";
import type { SqlValue } from "../../../common/value.ts";
import type { UserFunction } from "../../../sql/catalog/catalog.ts";
import type { DataType } from "../../../sql/types/data-type.ts";

/**
 * One aggregate call at run time, shared by the group-aggregate, window-aggregate and OVER operators.
 * The function object is stateless and built once per call site; all state lives in accumulators, one
 * per group (or window, or partition), which the operator owns.
 *
 * - `args` are the call's evaluated arguments in `BoundAggregate.args` order (`[]` for COUNT(*),
 *   `[key, value]` for JSON_OBJECTAGG, `[value, separator]` for LISTAGG). The operator may reuse the
 *   array between calls: functions copy what they keep.
 * - FILTER (WHERE cond) is the operator's job: it calls accumulate/retract only for rows whose condition
 *   is TRUE, as Flink's generated AggsHandleFunction does.
 * - There is no `isEmpty`: whether a group still has rows (and so whether to emit -D) is decided by the
 *   operator's own COUNT(*) of the group, as Flink's GroupAggFunction does with its record counter.
 * - `snapshot` turns an accumulator into a plain SqlValue (arrays, numbers, bigints, strings, Maps) that
 *   the row codec can write; `restore` reads it back.
 */
export interface AggregateFunction<Acc = unknown> {
  readonly name: string;
  /** Whether `retract` may be called (Flink's *WithRetract* variants, or declarative retract expressions). */
  readonly supportsRetraction: boolean;
  /** Whether `merge` may be called (session-window merging, two-phase local/global aggregation). */
  readonly supportsMerge: boolean;
  createAccumulator(): Acc;
  accumulate(acc: Acc, args: readonly SqlValue[]): void;
  retract(acc: Acc, args: readonly SqlValue[]): void;
  /** Folds `other` into `acc`; `other` must not be used afterwards. */
  merge(acc: Acc, other: Acc): void;
  getValue(acc: Acc): SqlValue;
  snapshot(acc: Acc): SqlValue;
  restore(snapshot: SqlValue): Acc;
}

/** What `createAggregate` needs to know about a call: a subset of the binder's BoundAggregate. */
export interface AggregateSpec {
  /** Upper-case function name as the binder spells it (COUNT, SUM, JSON_OBJECTAGG, ...). */
  readonly name: string;
  readonly argTypes: readonly DataType[];
  /** The binder's result type (SUM of DECIMAL(p, s) is DECIMAL(38, s), AVG of INT is INT, ...). */
  readonly resultType: DataType;
  readonly distinct: boolean;
  /** IGNORE NULLS, or ABSENT ON NULL for the JSON aggregates. */
  readonly ignoreNulls: boolean;
  /**
   * Whether the input can retract rows. Defaults to true. When false, MIN/MAX and FIRST_VALUE/LAST_VALUE
   * use the cheaper insert-only accumulators, as Flink's planner picks MaxAggFunction instead of
   * MaxWithRetractAggFunction when `needRetraction` is false.
   */
  readonly retraction?: boolean;
  /** A user-defined aggregate function (`name` is then the name it was called by). */
  readonly userFunction?: UserFunction;
  /** Where the call is written, for a user aggregate's errors. */
  readonly span?: Span;
}

/** Raised when an operator calls retract/merge on a function that does not support it: a planner bug. */
export class UnsupportedAggregateOperation extends Error {
  constructor(fn: string, operation: "retraction" | "merge") {
    super(`${fn} does not support ${operation}`);
    this.name = "UnsupportedAggregateOperation";
  }
}

export function unsupportedRetract(fn: string): () => never {
  return () => {
    throw new UnsupportedAggregateOperation(fn, "retraction");
  };
}

export function unsupportedMerge(fn: string): () => never {
  return () => {
    throw new UnsupportedAggregateOperation(fn, "merge");
  };
}
