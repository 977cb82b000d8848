import type { BoundExpr } from "../../../sql/binder/bound.ts";
import type { TableSchema } from "../../../sql/catalog/table-schema.ts";
import type { Fields } from "../layout.ts";
import type { CorrelateFunction } from "../logical/correlate.ts";
import type { JoinType } from "../logical/join.ts";
import type { ScanExpressions } from "../scan-expressions.ts";
import type { ExecNode } from "./exec-node.ts";

/**
 * How a join input's rows are kept, as Flink's JoinInputSideSpec: one row per join key when a unique
 * key lies within the join key, rows by unique key, or rows with a count (no unique key). It decides
 * what an update without `-U` replaces, and EXPLAIN prints it.
 */
export type JoinInputSpec =
  | { readonly kind: "JoinKeyContainsUniqueKey"; readonly uniqueKey: readonly number[] }
  | { readonly kind: "HasUniqueKey"; readonly uniqueKey: readonly number[] }
  | { readonly kind: "NoUniqueKey" };

/**
 * The equi-join keys: `left[i]` of the left input equals `right[i]` of the right. A key from `=` never
 * matches NULL (`filterNulls`); one from `IS NOT DISTINCT FROM` matches NULL with NULL.
 */
export interface JoinKeys {
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly filterNulls: readonly boolean[];
}

/** What every two-input join node shares: the logical condition and how it was split. */
interface JoinCommon {
  readonly joinType: JoinType;
  readonly left: ExecNode;
  readonly right: ExecNode;
  readonly keys: JoinKeys;
  /** The whole join condition over the left's then the right's fields, as EXPLAIN prints it. */
  readonly condition?: BoundExpr;
  /** What the keys do not cover, evaluated on the joined row (left fields, then right fields). */
  readonly nonEqui?: BoundExpr;
  readonly fields: Fields;
}

/**
 * A regular join (Flink's StreamExecJoin): both inputs kept in state, any input changelog, the output
 * updated as either side changes.
 */
export interface JoinNode extends JoinCommon {
  readonly kind: "Join";
  readonly leftSpec: JoinInputSpec;
  readonly rightSpec: JoinInputSpec;
}

/**
 * `left.time BETWEEN right.time + lowerBound AND right.time + upperBound` (inclusive, in ms) on two
 * time attributes of the same kind: rows wait in state only as long as the other side can still
 * match them (StreamExecIntervalJoin). Insert-only in and out.
 */
export interface IntervalJoinNode extends JoinCommon {
  readonly kind: "IntervalJoin";
  readonly isRowTime: boolean;
  readonly leftLowerBound: number;
  readonly leftUpperBound: number;
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
}

/**
 * `JOIN versioned FOR SYSTEM_TIME AS OF left.rowtime`: each left row joins the version of the right
 * row (by primary key) valid at its rowtime, once the watermark passes it (StreamExecTemporalJoin).
 */
export interface TemporalJoinNode extends JoinCommon {
  readonly kind: "TemporalJoin";
  readonly leftTimeIndex: number;
  readonly rightTimeIndex: number;
  /** Positions of the versioned table's primary key in the right input. */
  readonly primaryKey: readonly number[];
}

/** One lookup key: a column of the looked-up table, and the left field whose value it must equal. */
export interface LookupKey {
  readonly column: number;
  readonly input: number;
}

/**
 * `JOIN dim FOR SYSTEM_TIME AS OF left.proctime`: each left row looks its matches up in the table's
 * current contents when it arrives (StreamExecLookupJoin); later changes of the table do not update
 * earlier results. The table is not an input stream.
 */
export interface LookupJoinNode {
  readonly kind: "LookupJoin";
  readonly joinType: "INNER" | "LEFT";
  readonly input: ExecNode;
  readonly table: TableSchema;
  /** The table's computed columns, evaluated on each looked-up row. */
  readonly expressions: ScanExpressions;
  /** The table's columns as a scan lays them out. */
  readonly tableFields: Fields;
  readonly lookupKeys: readonly LookupKey[];
  /** A projection and filter on the table's rows before joining (Flink's calc on the temporal table). */
  readonly calc?: { readonly projections: readonly BoundExpr[]; readonly condition?: BoundExpr };
  /** The right side's fields: `tableFields`, or the calc's output. */
  readonly rightFields: Fields;
  /** The rest of the join condition over the input's fields then `rightFields`. */
  readonly nonEqui?: BoundExpr;
  readonly fields: Fields;
}

/**
 * Each input row joined with the rows a table function computes from it (StreamExecCorrelate): UNNEST
 * of an ARRAY, MULTISET or MAP, or a user-defined table function. Stateless; the input's kinds pass through.
 */
export interface CorrelateNode {
  readonly kind: "Correlate";
  readonly function: CorrelateFunction;
  readonly joinType: "INNER" | "LEFT";
  readonly input: ExecNode;
  /** The collection to unnest, or the table function's arguments, over the input's fields. */
  readonly args: readonly BoundExpr[];
  /** Checked on each input row joined with one generated row. */
  readonly condition?: BoundExpr;
  readonly fields: Fields;
}

export type JoinExecNode = JoinNode | IntervalJoinNode | TemporalJoinNode | LookupJoinNode | CorrelateNode;

/** Flink's names for the join types, as EXPLAIN prints them. */
export const FLINK_JOIN_TYPE: Readonly<Record<JoinType, string>> = {
  INNER: "InnerJoin",
  LEFT: "LeftOuterJoin",
  RIGHT: "RightOuterJoin",
  FULL: "FullOuterJoin",
  SEMI: "LeftSemiJoin",
  ANTI: "LeftAntiJoin",
};
