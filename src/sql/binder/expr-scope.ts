import type { SqlValue } from "../../common/value.ts";
import type { Expr } from "../ast/expression.ts";
import type { Ident } from "../ast/names.ts";
import type { WindowSpec } from "../ast/query.ts";
import type { DataType } from "../types/data-type.ts";
import type { BoundAggregate, BoundExpr, BoundWindowCall } from "./bound.ts";
import type { BindContext } from "./context.ts";
import type { Scope } from "./scope.ts";

/** The clause an expression stands in; it decides what is allowed (aggregates, OVER) and error wording. */
export type Clause =
  | "SELECT"
  | "WHERE"
  | "GROUP BY"
  | "HAVING"
  | "ON"
  | "ORDER BY"
  | "VALUES"
  | "argument"
  | "computed column"
  | "watermark"
  | "LIMIT"
  | "PARTITION"
  | "MATCH_RECOGNIZE";

/**
 * The GROUP BY keys and the aggregates found so far in a grouped select. Expressions bound against it
 * may only use grouped expressions outside aggregate calls.
 */
export interface Aggregation {
  /** GROUP BY present: a group is never empty, so aggregates of NOT NULL inputs are NOT NULL. */
  readonly grouped: boolean;
  readonly groupExprs: readonly BoundExpr[];
  readonly groupKeys: ReadonlyMap<string, number>;
  /** The syntax kinds that can bind to one of the keys (see {@link keySyntaxKinds}); undefined = any. */
  readonly keySyntax: ReadonlySet<Expr["kind"]> | undefined;
  readonly aggregates: BoundAggregate[];
  readonly aggregateKeys: Map<string, number>;
}

/** Everything an expression needs to bind. */
export interface ExprScope {
  readonly ctx: BindContext;
  readonly scope: Scope;
  readonly clause: Clause;
  /** Present in the SELECT list, HAVING and ORDER BY of a grouped select. */
  readonly aggregation: Aggregation | undefined;
  /** Collects OVER calls; present where window functions are allowed (SELECT, ORDER BY). */
  readonly windowCalls: BoundWindowCall[] | undefined;
  readonly namedWindows: ReadonlyMap<string, { readonly name: Ident; readonly spec: WindowSpec }> | undefined;
}

/** What {@link exprScope} may add to the context, catalog and clause. */
export interface ExprScopeParts {
  readonly aggregation?: Aggregation | undefined;
  readonly windowCalls?: BoundWindowCall[] | undefined;
  readonly namedWindows?: ExprScope["namedWindows"];
}

/**
 * An ExprScope. Every one is made here, with every field present (absent ones undefined): the binder
 * reads them in all its functions, and one object shape keeps those reads monomorphic and keeps the
 * shape alive in V8 across garbage collections (see common/keep-shape.ts), where spreads would make
 * a new shape per combination of fields.
 */
export function exprScope(ctx: BindContext, scope: Scope, clause: Clause, parts?: ExprScopeParts): ExprScope {
  return {
    ctx,
    scope,
    clause,
    aggregation: parts?.aggregation,
    windowCalls: parts?.windowCalls,
    namedWindows: parts?.namedWindows,
  };
}

/** `es` in another clause, with `parts` replacing its aggregation, window calls and named windows. */
export function inClause(es: ExprScope, clause: Clause, parts: ExprScopeParts = es): ExprScope {
  return exprScope(es.ctx, es.scope, clause, parts);
}

/**
 * A stable text key for a bound expression: equal keys mean the same computation (spans ignored).
 * Built by hand rather than by JSON.stringify: the binder keys every expression of a grouped select.
 */
export function exprKey(expr: BoundExpr): string {
  switch (expr.kind) {
    case "column":
      return `c${expr.ref.binding}.${expr.ref.column}${timeKey(expr.timeAttribute)}:${typeKey(expr.type)}`;
    case "outerColumn":
      return `o${expr.depth}.${expr.ref.binding}.${expr.ref.column}:${typeKey(expr.type)}`;
    case "literal":
      return `l${valueKey(expr.value)}:${typeKey(expr.type)}`;
    case "parameter":
      return `p${expr.index}`;
    case "call":
      return `f${JSON.stringify(expr.name)}${expr.userFunction === undefined ? "" : JSON.stringify([expr.userFunction.path, expr.userFunction.implementation])}${expr.json === undefined ? "" : JSON.stringify(expr.json)}:${typeKey(expr.type)}(${listKey(expr.args)})`;
    case "timeUnit":
      return `u${expr.unit}`;
    case "cast":
      return `${expr.safe ? "t" : "k"}:${typeKey(expr.type)}(${exprKey(expr.operand)})`;
    case "case": {
      let key = `w:${typeKey(expr.type)}(`;
      for (const w of expr.whens) key += `${exprKey(w.when)}?${exprKey(w.then)};`;
      return `${key}${expr.else === undefined ? "" : exprKey(expr.else)})`;
    }
    case "fieldAccess":
      return `a${expr.field}:${typeKey(expr.type)}(${exprKey(expr.base)})`;
    case "groupRef":
      return `g${expr.index}${timeKey(expr.timeAttribute)}:${typeKey(expr.type)}`;
    case "aggregateRef":
      return `r${expr.index}:${typeKey(expr.type)}`;
    case "windowRef":
      return `v${expr.index}:${typeKey(expr.type)}`;
    case "subquery":
      // Rare in keys (Flink does not group by subqueries): the whole tree, spans left out.
      return `s${JSON.stringify(expr, (k, v) => {
        if (k === "span") return undefined;
        if (typeof v === "bigint") return `${v}n`;
        if (v instanceof Uint8Array) return Array.from(v);
        return v;
      })}`;
    default:
      return expr satisfies never;
  }
}

function listKey(exprs: readonly BoundExpr[]): string {
  let key = "";
  for (let i = 0; i < exprs.length; i++) key += i === 0 ? exprKey(exprs[i]!) : `,${exprKey(exprs[i]!)}`;
  return key;
}

function timeKey(attribute: string | undefined): string {
  return attribute === undefined ? "" : `@${attribute}`;
}

/**
 * A type's part of an expression key, written by hand: computed types are new objects for every
 * expression, so a cache by object missed and JSON.stringify ran for most of them.
 */
function typeKey(type: DataType): string {
  const nullability = type.nullable ? "" : "!";
  switch (type.kind) {
    case "CHAR":
    case "VARCHAR":
    case "BINARY":
    case "VARBINARY":
      return `${type.kind}(${type.length})${nullability}`;
    case "DECIMAL":
      return `DECIMAL(${type.precision},${type.scale})${nullability}`;
    case "TIME":
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return `${type.kind}(${type.precision})${nullability}`;
    case "INTERVAL_YM":
      return `${type.resolution}(${type.precision})${nullability}`;
    case "INTERVAL_DT":
      return `${type.resolution}(${type.dayPrecision},${type.fractionalPrecision})${nullability}`;
    case "ARRAY":
    case "MULTISET":
      return `${type.kind}<${typeKey(type.element)}>${nullability}`;
    case "MAP":
      return `MAP<${typeKey(type.key)},${typeKey(type.value)}>${nullability}`;
    case "ROW": {
      let key = "ROW<";
      for (const field of type.fields)
        key += `${JSON.stringify(field.name)} ${typeKey(field.type)} ${JSON.stringify(field.description ?? null)},`;
      return `${key}>${nullability}`;
    }
    case "RAW":
      return `RAW(${JSON.stringify(type.className)},${JSON.stringify(type.snapshot)})${nullability}`;
    default:
      return `${type.kind}${nullability}`;
  }
}

function valueKey(value: SqlValue): string {
  if (typeof value === "number") return `n${value}`;
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString("hex")}`;
  if (value instanceof Map)
    return `m${JSON.stringify([...value].map(([k, v]) => [valueKey(k), valueKey(v)]))}`;
  if (Array.isArray(value)) return `[${value.map(valueKey).join(",")}]`;
  return JSON.stringify(value);
}

/**
 * Which expressions of a grouped select are worth trying against the GROUP BY keys: a key that is a
 * column can only be written as a column path (`a`, `t.a`, `t.r.f`) or a field access. Other keys
 * (calls, literals) can come from many kinds of syntax, so any expression is tried then.
 */
export function keySyntaxKinds(keys: readonly BoundExpr[]): ReadonlySet<Expr["kind"]> | undefined {
  for (const key of keys)
    if (key.kind !== "column" && key.kind !== "outerColumn" && key.kind !== "fieldAccess") return undefined;
  return COLUMN_SYNTAX;
}

const COLUMN_SYNTAX: ReadonlySet<Expr["kind"]> = new Set<Expr["kind"]>(["column", "fieldAccess"]);
