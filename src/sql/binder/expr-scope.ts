import type { Expr } from "../ast/expression.ts";
import type { Ident } from "../ast/names.ts";
import type { WindowSpec } from "../ast/query.ts";
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
  /** The GROUP BY keys, matched by `sameExpr` (same-expr.ts): few enough that a scan beats a keyed map. */
  readonly groupExprs: readonly BoundExpr[];
  /** The syntax kinds that can bind to one of the keys (see {@link keySyntaxKinds}); undefined = any. */
  readonly keySyntax: ReadonlySet<Expr["kind"]> | undefined;
  /** The distinct aggregates so far (an aggregate written twice is computed once). */
  readonly aggregates: BoundAggregate[];
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
