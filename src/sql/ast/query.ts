import type { Span } from "../../common/source.ts";
import type { Expr, FunctionCall, IntervalLiteral } from "./expression.ts";
import type { Hint, Ident, QualifiedName, TableAlias } from "./names.ts";

/** A full query: `[WITH ...] body [ORDER BY ...] [LIMIT | FETCH] [OFFSET]`. */
export interface Query {
  readonly kind: "query";
  readonly with: readonly Cte[];
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  /** `LIMIT n` and `FETCH FIRST n ROWS ONLY` mean the same and share this field. */
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly span: Span;
}

export type QueryBody = Select | SetOperation | Values | Query;

export interface Cte {
  readonly kind: "cte";
  readonly name: Ident;
  readonly columns: readonly Ident[];
  readonly query: Query;
  readonly span: Span;
}

export interface Select {
  readonly kind: "select";
  readonly hints: readonly Hint[];
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: TableRef;
  readonly where?: Expr;
  readonly groupBy: readonly GroupingElement[];
  readonly having?: Expr;
  /** `WINDOW w AS (...)`. */
  readonly windows: readonly NamedWindow[];
  readonly span: Span;
}

/** A select-list entry; `*` and `t.*` are `Star` expressions without alias. */
export interface SelectItem {
  readonly kind: "selectItem";
  readonly expr: Expr;
  readonly alias?: Ident;
  readonly span: Span;
}

/** `GROUP BY` entries: an expression, `()`, or a GROUPING SETS / ROLLUP / CUBE construct. */
export type GroupingElement =
  | { readonly kind: "groupExpr"; readonly expr: Expr; readonly span: Span }
  | { readonly kind: "emptyGroup"; readonly span: Span }
  | { readonly kind: "rollup" | "cube"; readonly elements: readonly Expr[]; readonly span: Span }
  | { readonly kind: "groupingSets"; readonly sets: readonly GroupingElement[]; readonly span: Span };

export interface SetOperation {
  readonly kind: "setOp";
  readonly op: "UNION" | "INTERSECT" | "EXCEPT";
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  /** The `UNION [ALL]` keywords: where errors about the combination point. */
  readonly operatorSpan: Span;
  readonly span: Span;
}

export interface Values {
  readonly kind: "values";
  readonly rows: readonly (readonly Expr[])[];
  readonly span: Span;
}

export interface OrderItem {
  readonly kind: "orderItem";
  readonly expr: Expr;
  readonly direction?: "ASC" | "DESC";
  readonly nulls?: "FIRST" | "LAST";
  readonly span: Span;
}

export interface NamedWindow {
  readonly kind: "namedWindow";
  readonly name: Ident;
  readonly spec: WindowSpec;
  readonly span: Span;
}

/** The inside of `OVER (...)` or of `WINDOW w AS (...)`. */
export interface WindowSpec {
  readonly kind: "windowSpec";
  /** `OVER (w ORDER BY ...)`: a named window this one extends. */
  readonly base?: Ident;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
  readonly span: Span;
}

export interface WindowFrame {
  readonly unit: "ROWS" | "RANGE";
  readonly start: FrameBound;
  /** Absent for the short form `ROWS 10 PRECEDING` (= `BETWEEN 10 PRECEDING AND CURRENT ROW`). */
  readonly end?: FrameBound;
}

export type FrameBound =
  | { readonly kind: "unboundedPreceding" | "currentRow" | "unboundedFollowing" }
  | { readonly kind: "preceding" | "following"; readonly offset: Expr };

/** Anything that can stand in a FROM clause. */
export type TableRef = NamedTable | DerivedTable | TableFunctionRef | UnnestRef | JoinRef | MatchRecognize;

/** `cat.db.t /*+ OPTIONS(...) *\/ [FOR SYSTEM_TIME AS OF expr] [AS] alias`. */
export interface NamedTable {
  readonly kind: "namedTable";
  readonly name: QualifiedName;
  readonly hints: readonly Hint[];
  readonly asOf?: Expr;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `[LATERAL] (query) [AS] alias`. */
export interface DerivedTable {
  readonly kind: "derivedTable";
  readonly lateral: boolean;
  readonly query: Query;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `TABLE(TUMBLE(...))` or `LATERAL TABLE(f(x))`. */
export interface TableFunctionRef {
  readonly kind: "tableFunction";
  readonly lateral: boolean;
  readonly call: FunctionCall;
  readonly alias?: TableAlias;
  readonly span: Span;
}

/** `UNNEST(arr) [WITH ORDINALITY] [AS] t(x [, n])`. */
export interface UnnestRef {
  readonly kind: "unnest";
  readonly args: readonly Expr[];
  readonly withOrdinality: boolean;
  readonly alias?: TableAlias;
  readonly span: Span;
}

export type JoinType = "INNER" | "LEFT" | "RIGHT" | "FULL" | "CROSS" | "COMMA";

export interface JoinRef {
  readonly kind: "join";
  readonly type: JoinType;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expr;
  readonly using: readonly Ident[];
  readonly natural: boolean;
  readonly span: Span;
}

/** `input MATCH_RECOGNIZE (...) [AS] alias`. */
export interface MatchRecognize {
  readonly kind: "matchRecognize";
  readonly input: TableRef;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly measures: readonly { readonly expr: Expr; readonly alias: Ident }[];
  readonly rowsPerMatch?: "ONE ROW PER MATCH" | "ALL ROWS PER MATCH";
  readonly afterMatch?: AfterMatchSkip;
  readonly pattern: PatternTerm;
  readonly within?: IntervalLiteral;
  readonly subsets: readonly { readonly name: Ident; readonly variables: readonly Ident[] }[];
  readonly define: readonly { readonly variable: Ident; readonly condition: Expr }[];
  readonly alias?: TableAlias;
  readonly span: Span;
}

export type AfterMatchSkip =
  | { readonly kind: "pastLastRow" | "toNextRow" }
  | { readonly kind: "toFirst" | "toLast"; readonly variable: Ident };

/** A row pattern: variables, sequences, alternatives, groups and quantifiers. */
export type PatternTerm =
  | { readonly kind: "patternVar"; readonly name: Ident }
  | { readonly kind: "patternSeq"; readonly terms: readonly PatternTerm[] }
  | { readonly kind: "patternAlt"; readonly alternatives: readonly PatternTerm[] }
  | { readonly kind: "patternGroup"; readonly term: PatternTerm }
  /** `^` (the partition's first row) and `$` (its last row). */
  | { readonly kind: "patternAnchor"; readonly anchor: "^" | "$" }
  /** `{- A -}`: matched, but left out of ALL ROWS PER MATCH output. */
  | { readonly kind: "patternExclusion"; readonly term: PatternTerm }
  /** `PERMUTE(A, B)`: the terms in any order. */
  | { readonly kind: "patternPermute"; readonly terms: readonly PatternTerm[] }
  | {
      readonly kind: "patternQuantified";
      readonly term: PatternTerm;
      readonly min: number;
      /** `undefined` = unbounded. */
      readonly max?: number;
      readonly reluctant: boolean;
      /** How it was written, so `+` prints as `+` and not `{1,}`. */
      readonly syntax: "*" | "+" | "?" | "braces";
    };
