import type { Span } from "../../common/source.ts";
import type { SqlValue } from "../../common/value.ts";
import type { TimeUnit } from "../ast/expression.ts";
import type { Hint } from "../ast/names.ts";
import type { MatchRecognize, WindowFrame } from "../ast/query.ts";
import type { Statement } from "../ast/statement.ts";
import type { UserFunction } from "../catalog/catalog.ts";
import type { TableSchema, TimeAttribute } from "../catalog/table-schema.ts";
import type { DataType } from "../types/data-type.ts";

/**
 * The binder's output: the AST with every name resolved and every expression typed. The planner turns
 * it into a logical plan; lineage walks it. Column references point at a relation by its `binding`
 * number (unique within a statement) and a column index, as DuckDB's ColumnBinding does; a column
 * node carries both itself (it is a ColumnBinding), one object per reference instead of two.
 */
export interface ColumnBinding {
  readonly binding: number;
  readonly column: number;
}

/** A column a relation or query produces. */
export interface OutputColumn {
  readonly name: string;
  readonly type: DataType;
  readonly timeAttribute?: TimeAttribute;
  /** Not part of `*` (Confluent's `$rowtime`). */
  readonly hidden?: boolean;
}

export type BoundExpr =
  | {
      readonly kind: "column";
      readonly binding: number;
      readonly column: number;
      readonly name: string;
      readonly type: DataType;
      readonly timeAttribute?: TimeAttribute;
      readonly span: Span;
    }
  /** A column of an enclosing query (correlated subquery); `depth` 1 = the immediately enclosing query. */
  | {
      readonly kind: "outerColumn";
      readonly depth: number;
      readonly binding: number;
      readonly column: number;
      readonly name: string;
      readonly type: DataType;
      readonly span: Span;
    }
  | { readonly kind: "literal"; readonly value: SqlValue; readonly type: DataType; readonly span: Span }
  | { readonly kind: "parameter"; readonly index: number; readonly type: DataType; readonly span: Span }
  /** Operators (`+`, `=`, `AND`, `IS NULL`, `LIKE`, `BETWEEN`, `IN`, ...) and scalar functions. */
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly BoundExpr[];
      readonly type: DataType;
      /** A user-defined function: its catalog entry (and signature, once loaded). */
      readonly userFunction?: UserFunction;
      /** The clauses of JSON_VALUE, JSON_QUERY, JSON_EXISTS and the JSON constructors. */
      readonly json?: BoundJsonClauses;
      readonly span: Span;
    }
  | { readonly kind: "timeUnit"; readonly unit: TimeUnit; readonly type: DataType; readonly span: Span }
  | {
      readonly kind: "cast";
      readonly safe: boolean;
      readonly operand: BoundExpr;
      readonly type: DataType;
      readonly span: Span;
    }
  | {
      readonly kind: "case";
      readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
      readonly else?: BoundExpr;
      readonly type: DataType;
      readonly span: Span;
    }
  | {
      readonly kind: "fieldAccess";
      readonly base: BoundExpr;
      readonly field: number;
      readonly name: string;
      readonly type: DataType;
      readonly span: Span;
    }
  | {
      readonly kind: "subquery";
      readonly subquery: "scalar" | "exists" | "in" | "array";
      readonly negated: boolean;
      readonly operand?: BoundExpr;
      readonly query: BoundQuery;
      readonly type: DataType;
      readonly span: Span;
    }
  /** The i-th GROUP BY expression, seen after aggregation. */
  | {
      readonly kind: "groupRef";
      readonly index: number;
      readonly type: DataType;
      readonly timeAttribute?: TimeAttribute;
      readonly span: Span;
    }
  /** The i-th aggregate of the select, seen after aggregation. */
  | { readonly kind: "aggregateRef"; readonly index: number; readonly type: DataType; readonly span: Span }
  /** The i-th OVER call of the select. */
  | { readonly kind: "windowRef"; readonly index: number; readonly type: DataType; readonly span: Span };

/**
 * What a SQL/JSON function does when its path finds nothing (ON EMPTY) or fails (ON ERROR). A
 * `DEFAULT expr` value is bound as an argument of the call; `arg` is its index in `args`.
 */
export type BoundJsonBehavior =
  | { readonly kind: "NULL" | "ERROR" | "TRUE" | "FALSE" | "UNKNOWN" | "EMPTY ARRAY" | "EMPTY OBJECT" }
  | { readonly kind: "DEFAULT"; readonly arg: number };

/** The clauses a SQL/JSON call was written with; absent ones take Flink's defaults. */
export interface BoundJsonClauses {
  readonly onEmpty?: BoundJsonBehavior;
  readonly onError?: BoundJsonBehavior;
  /** JSON_QUERY's `WITHOUT | WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER`. */
  readonly wrapper?: "WITHOUT" | "CONDITIONAL" | "UNCONDITIONAL";
  /** The constructors' `NULL ON NULL` / `ABSENT ON NULL`. */
  readonly onNull?: "NULL" | "ABSENT";
}

export interface BoundAggregate {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter?: BoundExpr;
  readonly orderBy: readonly BoundOrderItem[];
  readonly ignoreNulls: boolean;
  readonly type: DataType;
  readonly userFunction?: UserFunction;
  readonly span: Span;
}

/** An aggregate or ranking function over a window: `f(...) OVER (PARTITION BY ... ORDER BY ... frame)`. */
export interface BoundWindowCall {
  readonly name: string;
  readonly args: readonly BoundExpr[];
  readonly userFunction?: UserFunction;
  readonly distinct: boolean;
  readonly filter?: BoundExpr;
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly BoundOrderItem[];
  readonly frame?: WindowFrame;
  readonly type: DataType;
  readonly span: Span;
}

export interface BoundOrderItem {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  /** Flink's default: NULLS FIRST for ASC, NULLS LAST for DESC. */
  readonly nullsFirst: boolean;
}

export type WindowTvfName = "TUMBLE" | "HOP" | "CUMULATE" | "SESSION";

export type BoundRelation =
  | {
      readonly kind: "table";
      readonly binding: number;
      readonly table: TableSchema;
      readonly columns: readonly OutputColumn[];
      readonly hints: readonly Hint[];
      /** `FOR SYSTEM_TIME AS OF expr`: a temporal (versioned or lookup) join's right side. */
      readonly asOf?: BoundExpr;
      readonly alias: string;
      readonly span: Span;
    }
  | {
      readonly kind: "derived";
      readonly binding: number;
      readonly query: BoundQuery;
      readonly columns: readonly OutputColumn[];
      readonly lateral: boolean;
      /** The CTE this relation reads, when it reads one. */
      readonly cte?: string;
      readonly alias: string;
      readonly span: Span;
    }
  | {
      readonly kind: "windowTvf";
      readonly binding: number;
      readonly function: WindowTvfName;
      readonly input: BoundRelation;
      readonly partitionBy: readonly BoundExpr[];
      /** Index of the time attribute column in the input's columns. */
      readonly timeColumn: number;
      /** Interval arguments in declaration order (SIZE / SLIDE+SIZE / STEP+SIZE / GAP), milliseconds. */
      readonly intervals: readonly number[];
      readonly offset?: number;
      readonly columns: readonly OutputColumn[];
      readonly alias: string;
      readonly span: Span;
    }
  | {
      readonly kind: "tableFunction";
      readonly binding: number;
      readonly name: string;
      readonly args: readonly BoundExpr[];
      readonly userFunction?: UserFunction;
      readonly columns: readonly OutputColumn[];
      readonly alias: string;
      readonly span: Span;
    }
  | {
      readonly kind: "unnest";
      readonly binding: number;
      readonly args: readonly BoundExpr[];
      readonly withOrdinality: boolean;
      readonly columns: readonly OutputColumn[];
      readonly alias: string;
      readonly span: Span;
    }
  | {
      readonly kind: "join";
      readonly type: "INNER" | "LEFT" | "RIGHT" | "FULL" | "CROSS";
      readonly left: BoundRelation;
      readonly right: BoundRelation;
      readonly condition?: BoundExpr;
      readonly span: Span;
    }
  | {
      readonly kind: "matchRecognize";
      readonly binding: number;
      readonly input: BoundRelation;
      readonly syntax: MatchRecognize;
      readonly columns: readonly OutputColumn[];
      readonly alias: string;
      readonly span: Span;
    };

export interface BoundGrouping {
  readonly expressions: readonly BoundExpr[];
  /** Each grouping set as indexes into `expressions`; one set with all of them for a plain GROUP BY. */
  readonly sets: readonly (readonly number[])[];
}

export interface BoundSelect {
  readonly kind: "select";
  readonly from?: BoundRelation;
  readonly where?: BoundExpr;
  readonly grouping?: BoundGrouping;
  readonly aggregates: readonly BoundAggregate[];
  readonly having?: BoundExpr;
  readonly windowCalls: readonly BoundWindowCall[];
  readonly projections: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly hints: readonly Hint[];
  readonly columns: readonly OutputColumn[];
  readonly span: Span;
}

export interface BoundSetOperation {
  readonly kind: "setOp";
  readonly op: "UNION" | "INTERSECT" | "EXCEPT";
  readonly all: boolean;
  readonly left: BoundQueryBody;
  readonly right: BoundQueryBody;
  readonly columns: readonly OutputColumn[];
  readonly span: Span;
}

export interface BoundValues {
  readonly kind: "values";
  readonly rows: readonly (readonly BoundExpr[])[];
  readonly columns: readonly OutputColumn[];
  readonly span: Span;
}

export type BoundQueryBody = BoundSelect | BoundSetOperation | BoundValues | BoundQuery;

export interface BoundQuery {
  readonly kind: "query";
  readonly body: BoundQueryBody;
  readonly orderBy: readonly BoundOrderItem[];
  readonly limit?: number;
  readonly offset?: number;
  readonly columns: readonly OutputColumn[];
  readonly span: Span;
}

export type BoundStatement =
  | { readonly kind: "query"; readonly query: BoundQuery; readonly statement: Statement }
  | {
      readonly kind: "insert";
      readonly table: TableSchema;
      /** For each column of the query, the index of the target table column it writes. */
      readonly targetColumns: readonly number[];
      readonly query: BoundQuery;
      readonly overwrite: boolean;
      readonly statement: Statement;
    }
  | {
      readonly kind: "statementSet";
      readonly inserts: readonly BoundStatement[];
      readonly statement: Statement;
    }
  | { readonly kind: "explain"; readonly inner: BoundStatement; readonly statement: Statement }
  /** DDL, SET, USE, SHOW...: validated and applied to the catalog; `table` for CREATE TABLE/VIEW. */
  | { readonly kind: "ddl"; readonly table?: TableSchema; readonly statement: Statement };

/** A relation with its own binding: everything but a join. */
export type LeafRelation = Exclude<BoundRelation, { readonly kind: "join" }>;
