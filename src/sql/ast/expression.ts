import type { Span } from "../../common/source.ts";
import type { DataType } from "../types/data-type.ts";
import type { Ident, QualifiedName } from "./names.ts";
import type { OrderItem, Query, WindowSpec } from "./query.ts";

/** Every scalar expression. `switch (e.kind)` over it narrows; see the printer for the full walk. */
export type Expr =
  | Literal
  | ColumnRef
  | Star
  | Parameter
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | IsDistinctFromExpr
  | BetweenExpr
  | LikeExpr
  | InListExpr
  | InSubqueryExpr
  | ExistsExpr
  | ScalarSubquery
  | ArraySubquery
  | MeasureSemantics
  | CaseExpr
  | CastExpr
  | FunctionCall
  | ExtractExpr
  | TrimExpr
  | TimeUnitExpr
  | JsonCall
  | FieldAccess
  | Subscript
  | RowConstructor
  | ArrayConstructor
  | MapConstructor
  | NamedArgument
  | TableArgument
  | DescriptorExpr;

/** The literals: values written out in the text. */
export type Literal =
  | NumericLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | BinaryLiteral
  | TypedLiteral
  | IntervalLiteral;

export function isLiteral(expr: Expr): expr is Literal {
  // A switch rather than a Set: the binder asks this of every expression node.
  switch (expr.kind) {
    case "numeric":
    case "string":
    case "boolean":
    case "null":
    case "binary":
    case "typedLiteral":
    case "interval":
      return true;
    default:
      return false;
  }
}

/** An exact or approximate number as written (`1`, `1.50`, `2.5E-3`): the text keeps DECIMAL precision. */
export interface NumericLiteral {
  readonly kind: "numeric";
  readonly text: string;
  readonly span: Span;
}

/** A character string; `value` is decoded (quotes un-doubled, `U&` escapes applied). */
export interface StringLiteral {
  readonly kind: "string";
  readonly value: string;
  readonly span: Span;
}

export interface BooleanLiteral {
  readonly kind: "boolean";
  /** `UNKNOWN` is the boolean NULL. */
  readonly value: true | false | "unknown";
  readonly span: Span;
}

export interface NullLiteral {
  readonly kind: "null";
  readonly span: Span;
}

/** `X'0AFF'`: `hex` holds the digits, upper-case. */
export interface BinaryLiteral {
  readonly kind: "binary";
  readonly hex: string;
  readonly span: Span;
}

/** `DATE '2024-01-01'`, `TIME '12:00:00'`, `TIMESTAMP '...'`, `TIMESTAMP_LTZ '...'`: `value` is the quoted text. */
export interface TypedLiteral {
  readonly kind: "typedLiteral";
  readonly type: "DATE" | "TIME" | "TIMESTAMP" | "TIMESTAMP_LTZ";
  readonly value: string;
  readonly span: Span;
}

export type TimeUnit =
  | "YEAR"
  | "QUARTER"
  | "MONTH"
  | "WEEK"
  | "DAY"
  | "HOUR"
  | "MINUTE"
  | "SECOND"
  | "MILLISECOND"
  | "MICROSECOND"
  | "NANOSECOND"
  | "DOW"
  | "DOY"
  | "ISODOW"
  | "ISOYEAR"
  | "EPOCH"
  | "DECADE"
  | "CENTURY"
  | "MILLENNIUM";

/** `DAY`, `DAY(3) TO SECOND(6)`, `YEAR TO MONTH`. */
export interface IntervalQualifier {
  readonly start: TimeUnit;
  readonly startPrecision?: number;
  readonly end?: TimeUnit;
  readonly fractionalPrecision?: number;
}

/** `INTERVAL '1 2:03' DAY TO MINUTE`, `INTERVAL -'5' SECOND`. */
export interface IntervalLiteral {
  readonly kind: "interval";
  readonly negative: boolean;
  readonly value: string;
  readonly qualifier: IntervalQualifier;
  readonly span: Span;
}

/**
 * `a`, `t.a`, `t.a.field`: a compound identifier. Whether a prefix names a table or a ROW field is the
 * binder's decision, not the parser's.
 */
export interface ColumnRef {
  readonly kind: "column";
  readonly parts: readonly Ident[];
  readonly span: Span;
}

/** `*` or `t.*` in a select list, or the `*` of `COUNT(*)`. */
export interface Star {
  readonly kind: "star";
  readonly qualifier: readonly Ident[];
  readonly span: Span;
}

/** `?` in a prepared statement; `index` counts from 1 in order of appearance. */
export interface Parameter {
  readonly kind: "parameter";
  readonly index: number;
  readonly span: Span;
}

export interface UnaryExpr {
  readonly kind: "unary";
  readonly op: "-" | "+" | "NOT";
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOperator =
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "||"
  | "="
  | "<>"
  | "<"
  | ">"
  | "<="
  | ">="
  | "AND"
  | "OR"
  /** The period predicate `(start1, end1) OVERLAPS (start2, end2)`; both operands are rows. */
  | "OVERLAPS";

export interface BinaryExpr {
  readonly kind: "binaryOp";
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/**
 * `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`, and the SQL/JSON predicate `x IS [NOT] JSON [VALUE |
 * SCALAR | ARRAY | OBJECT]` (`"JSON"` is the bare form, which means the same as `JSON VALUE`).
 */
export interface IsExpr {
  readonly kind: "is";
  readonly negated: boolean;
  readonly test:
    | "NULL"
    | "TRUE"
    | "FALSE"
    | "UNKNOWN"
    | "JSON"
    | "JSON VALUE"
    | "JSON SCALAR"
    | "JSON ARRAY"
    | "JSON OBJECT";
  readonly operand: Expr;
  readonly span: Span;
}

export interface IsDistinctFromExpr {
  readonly kind: "isDistinctFrom";
  readonly negated: boolean;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export interface BetweenExpr {
  readonly kind: "between";
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly span: Span;
}

export interface LikeExpr {
  readonly kind: "like";
  readonly op: "LIKE" | "SIMILAR TO";
  readonly negated: boolean;
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly escape?: Expr;
  readonly span: Span;
}

export interface InListExpr {
  readonly kind: "inList";
  readonly negated: boolean;
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly span: Span;
}

export interface InSubqueryExpr {
  readonly kind: "inSubquery";
  readonly negated: boolean;
  readonly operand: Expr;
  readonly query: Query;
  readonly span: Span;
}

/** `EXISTS (SELECT ...)`; `NOT EXISTS` is a `NOT` around it. */
export interface ExistsExpr {
  readonly kind: "exists";
  readonly query: Query;
  readonly span: Span;
}

export interface ScalarSubquery {
  readonly kind: "scalarSubquery";
  readonly query: Query;
  readonly span: Span;
}

/** `ARRAY(SELECT ...)`: the query's single column collected into an array. */
export interface ArraySubquery {
  readonly kind: "arraySubquery";
  readonly query: Query;
  readonly span: Span;
}

/**
 * `RUNNING f(...)` / `FINAL f(...)` in MATCH_RECOGNIZE: whether a measure sees the rows matched so far
 * or the whole match (the two differ only for ALL ROWS PER MATCH).
 */
export interface MeasureSemantics {
  readonly kind: "measureSemantics";
  readonly semantics: "RUNNING" | "FINAL";
  readonly operand: Expr;
  readonly span: Span;
}

export interface CaseExpr {
  readonly kind: "case";
  /** Present for the simple form `CASE x WHEN 1 THEN ...`. */
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
  readonly span: Span;
}

export interface CastExpr {
  readonly kind: "cast";
  /** `TRY_CAST`: NULL instead of an error when the value does not convert. */
  readonly safe: boolean;
  readonly operand: Expr;
  readonly type: DataType;
  readonly span: Span;
}

/**
 * A function call. Special syntaxes with the same meaning as a plain call are parsed into this node
 * and printed back in their own syntax: `SUBSTRING(x FROM a FOR b)` = `SUBSTRING(x, a, b)`,
 * `POSITION(a IN b)`, `OVERLAY(x PLACING y FROM a FOR b)`, `FLOOR(ts TO DAY)`, `TIMESTAMPDIFF(DAY, a, b)`
 * (the unit is a `TimeUnitExpr` argument).
 */
export interface FunctionCall {
  readonly kind: "call";
  readonly name: QualifiedName;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  /** `agg(...) FILTER (WHERE cond)`. */
  readonly filter?: Expr;
  /** `WITHIN GROUP (ORDER BY ...)` of LISTAGG and friends. */
  readonly withinGroup?: readonly OrderItem[];
  /** `OVER (...)` or `OVER w`. */
  readonly over?: WindowSpec | Ident;
  /** `RESPECT NULLS` / `IGNORE NULLS` of FIRST_VALUE, LAST_VALUE, LAG, LEAD. */
  readonly nullTreatment?: "RESPECT" | "IGNORE";
  readonly span: Span;
}

/** `EXTRACT(unit FROM source)`. */
export interface ExtractExpr {
  readonly kind: "extract";
  readonly unit: TimeUnit;
  readonly source: Expr;
  readonly span: Span;
}

/** `TRIM([BOTH | LEADING | TRAILING] [chars] FROM source)` and `TRIM(source)`. */
export interface TrimExpr {
  readonly kind: "trim";
  readonly side: "BOTH" | "LEADING" | "TRAILING";
  readonly chars?: Expr;
  readonly source: Expr;
  readonly span: Span;
}

/** A bare time unit as an argument: `TIMESTAMPADD(DAY, 1, ts)`, `FLOOR(ts TO HOUR)`. */
export interface TimeUnitExpr {
  readonly kind: "timeUnit";
  readonly unit: TimeUnit;
  readonly span: Span;
}

export type JsonFunction =
  | "JSON_VALUE"
  | "JSON_QUERY"
  | "JSON_EXISTS"
  | "JSON_OBJECT"
  | "JSON_ARRAY"
  | "JSON_OBJECTAGG"
  | "JSON_ARRAYAGG";

/** What a JSON function does on an empty or failing path: `NULL`, `ERROR`, `DEFAULT expr`, `EMPTY ARRAY`, ... */
export type JsonBehavior =
  | { readonly kind: "NULL" | "ERROR" | "TRUE" | "FALSE" | "UNKNOWN" | "EMPTY ARRAY" | "EMPTY OBJECT" }
  | { readonly kind: "DEFAULT"; readonly value: Expr };

/**
 * The SQL/JSON functions, whose clauses have no plain-call equivalent.
 * JSON_VALUE/JSON_QUERY/JSON_EXISTS: `args` = [json, path]; JSON_ARRAY/JSON_ARRAYAGG: `args` = values;
 * JSON_OBJECT/JSON_OBJECTAGG: `entries` = `KEY k VALUE v` pairs.
 */
export interface JsonCall {
  readonly kind: "jsonCall";
  readonly name: JsonFunction;
  readonly args: readonly Expr[];
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly returning?: DataType;
  /** `NULL ON NULL` / `ABSENT ON NULL` of the constructors. */
  readonly onNull?: "NULL" | "ABSENT";
  readonly onEmpty?: JsonBehavior;
  readonly onError?: JsonBehavior;
  /** JSON_QUERY's `WITHOUT | WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER`. */
  readonly wrapper?: "WITHOUT" | "CONDITIONAL" | "UNCONDITIONAL";
  readonly span: Span;
}

/** `(expr).field` — a field of a ROW that is not a plain column path. */
export interface FieldAccess {
  readonly kind: "fieldAccess";
  readonly base: Expr;
  readonly field: Ident;
  readonly span: Span;
}

/** `arr[1]`, `m['k']`. */
export interface Subscript {
  readonly kind: "subscript";
  readonly base: Expr;
  readonly index: Expr;
  readonly span: Span;
}

/** `ROW(a, b)` (explicit) or `(a, b)`. */
export interface RowConstructor {
  readonly kind: "row";
  readonly explicit: boolean;
  readonly fields: readonly Expr[];
  readonly span: Span;
}

export interface ArrayConstructor {
  readonly kind: "array";
  readonly elements: readonly Expr[];
  readonly span: Span;
}

export interface MapConstructor {
  readonly kind: "map";
  readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
  readonly span: Span;
}

/** `SIZE => INTERVAL '10' MINUTES` in a table-valued function call. */
export interface NamedArgument {
  readonly kind: "namedArgument";
  readonly name: Ident;
  readonly value: Expr;
  readonly span: Span;
}

/** `TABLE t [PARTITION BY k]` as a table-valued function argument. */
export interface TableArgument {
  readonly kind: "tableArgument";
  readonly table: QualifiedName;
  readonly partitionBy: readonly Expr[];
  readonly span: Span;
}

/** `DESCRIPTOR(ts)`. */
export interface DescriptorExpr {
  readonly kind: "descriptor";
  readonly columns: readonly Ident[];
  readonly span: Span;
}
